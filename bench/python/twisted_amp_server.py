"""Python Twisted's AMP server for bench/amp-vs-twisted.sh: answers Twisted's example commands Sum and Divide
(as doc/core/examples/ampserver.py) on 127.0.0.1:PORT, with Twisted's default reactor (epoll on Linux)."""
import sys

from twisted.internet import reactor
from twisted.internet.protocol import Factory
from twisted.protocols import amp


class Sum(amp.Command):
    arguments = [(b"a", amp.Integer()), (b"b", amp.Integer())]
    response = [(b"total", amp.Integer())]


class Divide(amp.Command):
    arguments = [(b"numerator", amp.Integer()), (b"denominator", amp.Integer())]
    response = [(b"result", amp.Float())]
    errors = {ZeroDivisionError: b"ZERO_DIVISION"}


class Math(amp.AMP):
    @Sum.responder
    def sum(self, a, b):
        return {"total": a + b}

    @Divide.responder
    def divide(self, numerator, denominator):
        return {"result": numerator / denominator}


reactor.listenTCP(int(sys.argv[1]), Factory.forProtocol(Math), backlog=1024, interface="127.0.0.1")
reactor.run()
