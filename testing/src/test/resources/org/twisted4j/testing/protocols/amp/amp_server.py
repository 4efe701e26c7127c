"""An AMP server of Python Twisted for twisted4j's interop tests: answers Sum, Divide, Everything and Boom of
calculator.py on a loopback port it chooses, prints "AMP listening on PORT", and runs until killed."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from calculator import Boom, Divide, Everything, Sum, differences  # noqa: E402
from twisted.internet import endpoints, reactor  # noqa: E402
from twisted.internet.protocol import Factory  # noqa: E402
from twisted.protocols import amp  # noqa: E402


class CalculatorServer(amp.AMP):
    @Sum.responder
    def sum(self, a, b):
        return {"total": a + b}

    @Divide.responder
    def divide(self, numerator, denominator):
        return {"result": numerator / denominator}

    @Everything.responder
    def everything(self, **values):
        wrong = differences(values)
        if wrong:
            raise ValueError("; ".join(wrong))
        return values

    @Boom.responder
    def boom(self):
        raise RuntimeError("secret detail")


def listening(port):
    print("AMP listening on", port.getHost().port, flush=True)


endpoint = endpoints.TCP4ServerEndpoint(reactor, 0, interface="127.0.0.1")
endpoint.listen(Factory.forProtocol(CalculatorServer)).addCallback(listening)
reactor.run()
