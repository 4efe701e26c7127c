"""An AMP server of Python Twisted for twisted4j's StartTLS and protocol-switch interop tests: answers Sum,
StartTLS (with the server certificate of DIRECTORY, asking for a client certificate from its authority), Secure
and SwitchToEcho on a loopback port it chooses, prints "AMP listening on PORT", and runs until killed."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from calculator import Sum  # noqa: E402
from switching import Echo, Secure, SwitchToEcho, load, secure_answer  # noqa: E402
from twisted.internet import endpoints, reactor  # noqa: E402
from twisted.internet.protocol import Factory  # noqa: E402
from twisted.protocols import amp  # noqa: E402

AUTHORITY, SERVER, CLIENT = load(sys.argv[1])


class SwitchingServer(amp.AMP):
    @Sum.responder
    def sum(self, a, b):
        return {"total": a + b}

    @amp.StartTLS.responder
    def start_tls(self):
        return {"tls_localCertificate": SERVER, "tls_verifyAuthorities": [AUTHORITY]}

    @Secure.responder
    def secure(self):
        return secure_answer(self.transport)

    @SwitchToEcho.responder
    def switch(self):
        return Echo()


def listening(port):
    print("AMP listening on", port.getHost().port, flush=True)


endpoint = endpoints.TCP4ServerEndpoint(reactor, 0, interface="127.0.0.1")
endpoint.listen(Factory.forProtocol(SwitchingServer)).addCallback(listening)
reactor.run()
