"""An AMP client of Python Twisted for twisted4j's interop tests: calls the server on 127.0.0.1:PORT with the
commands of calculator.py and prints one line per call, then exits."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from calculator import SAMPLE, Boom, Divide, Everything, Nope, Sum, differences  # noqa: E402
from twisted.internet import endpoints, task  # noqa: E402
from twisted.internet.defer import inlineCallbacks  # noqa: E402
from twisted.protocols import amp  # noqa: E402


@inlineCallbacks
def main(reactor, port):
    endpoint = endpoints.TCP4ClientEndpoint(reactor, "127.0.0.1", int(port))
    proto = yield endpoints.connectProtocol(endpoint, amp.AMP())
    answer = yield proto.callRemote(Sum, a=13, b=81)
    print("sum", answer["total"])
    answer = yield proto.callRemote(Divide, numerator=10, denominator=4)
    print("divide", repr(answer["result"]))
    try:
        yield proto.callRemote(Divide, numerator=1, denominator=0)
        print("zero no error")
    except ZeroDivisionError as e:
        print("zero", type(e).__name__, str(e))
    answer = yield proto.callRemote(Everything, **SAMPLE)
    print("everything", "; ".join(differences(answer)) or "same")
    try:
        yield proto.callRemote(Nope)
        print("nope no error")
    except amp.UnhandledCommand as e:
        print("nope", type(e).__name__, e.args[1])
    try:
        yield proto.callRemote(Boom)
        print("boom no error")
    except amp.UnknownRemoteError as e:
        print("boom", type(e).__name__, e.description)
    sys.stdout.flush()


task.react(main, sys.argv[1:])
