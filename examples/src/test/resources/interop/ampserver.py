"""Twisted's ampserver.py example on a loopback port it chooses: answers Sum and Divide (ZeroDivisionError as
ZERO_DIVISION), prints "AMP listening on PORT", and runs until killed."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from amp_commands import Divide, Sum  # noqa: E402
from twisted.internet import endpoints, reactor  # noqa: E402
from twisted.internet.protocol import Factory  # noqa: E402
from twisted.protocols import amp  # noqa: E402


class Math(amp.AMP):
    def sum(self, a, b):
        return {"total": a + b}

    Sum.responder(sum)

    def divide(self, numerator, denominator):
        return {"result": numerator / denominator}

    Divide.responder(divide)


def listening(port):
    print("AMP listening on", port.getHost().port, flush=True)


endpoint = endpoints.TCP4ServerEndpoint(reactor, 0, interface="127.0.0.1")
endpoint.listen(Factory.forProtocol(Math)).addCallback(listening)
reactor.run()
