"""Twisted's ampclient.py example against 127.0.0.1:PORT: Sum(13, 81) and Divide(1234, 0) on two connections,
the ZERO_DIVISION turned into infinity, both results printed."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from amp_commands import Divide, Sum  # noqa: E402
from twisted.internet import defer, endpoints, task  # noqa: E402
from twisted.protocols import amp  # noqa: E402


def main(reactor, port):
    destination = endpoints.TCP4ClientEndpoint(reactor, "127.0.0.1", int(port))
    sum_deferred = endpoints.connectProtocol(destination, amp.AMP())
    sum_deferred.addCallback(lambda proto: proto.callRemote(Sum, a=13, b=81))
    sum_deferred.addCallback(lambda result: result["total"])

    divide_deferred = endpoints.connectProtocol(destination, amp.AMP())
    divide_deferred.addCallback(lambda proto: proto.callRemote(Divide, numerator=1234, denominator=0))

    def trap_zero(failure):
        failure.trap(ZeroDivisionError)
        print("Divided by zero: returning INF")
        return 1e1000

    divide_deferred.addErrback(trap_zero)

    def done(result):
        print("Done with math:", result)
        sys.stdout.flush()

    return defer.DeferredList([sum_deferred, divide_deferred]).addCallback(done)


task.react(main, sys.argv[1:])
