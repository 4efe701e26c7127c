"""An AMP client of Python Twisted for twisted4j's StartTLS and protocol-switch interop tests: on 127.0.0.1:PORT,
calls Sum, StartTLS (presenting the client certificate of DIRECTORY, trusting its authority), Secure, then
SwitchToEcho and one line of echo, printing one line for each, then exits."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from calculator import Sum  # noqa: E402
from switching import EchoOnceFactory, Secure, SwitchToEcho, load, secure_answer  # noqa: E402
from twisted.internet import endpoints, task  # noqa: E402
from twisted.internet.defer import Deferred, inlineCallbacks  # noqa: E402
from twisted.protocols import amp  # noqa: E402


@inlineCallbacks
def main(reactor, port, directory):
    authority, server, client = load(directory)
    endpoint = endpoints.TCP4ClientEndpoint(reactor, "127.0.0.1", int(port))
    proto = yield endpoints.connectProtocol(endpoint, amp.AMP())
    answer = yield proto.callRemote(Sum, a=13, b=81)
    print("sum", answer["total"])
    yield proto.callRemote(amp.StartTLS, tls_localCertificate=client, tls_verifyAuthorities=[authority])
    answer = yield proto.callRemote(Secure)
    print("server says tls", answer["tls"], "peer", answer["peer"])
    mine = secure_answer(proto.transport)
    print("client sees tls", mine["tls"], "peer", mine["peer"])
    echoed = Deferred()
    yield proto.callRemote(SwitchToEcho, _protoToSwitchToFactory=EchoOnceFactory(echoed))
    line = yield echoed
    print("echo", line)
    sys.stdout.flush()


task.react(main, sys.argv[1:])
