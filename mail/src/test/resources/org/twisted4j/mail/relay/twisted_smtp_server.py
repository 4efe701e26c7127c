"""Python Twisted's ESMTP server, writing each message it takes to a file in a directory.

Usage: twisted_smtp_server.py DIR
Prints "listening on PORT" once it listens on 127.0.0.1.
"""
import os
import sys

from zope.interface import implementer

from twisted.internet import defer, endpoints, protocol, reactor
from twisted.mail import smtp

directory = sys.argv[1]
count = [0]


@implementer(smtp.IMessage)
class FileMessage:
    def __init__(self):
        self.lines = []

    def lineReceived(self, line):
        self.lines.append(line)

    def eomReceived(self):
        count[0] += 1
        with open(os.path.join(directory, "message-%d" % count[0]), "wb") as f:
            f.write(b"\n".join(self.lines) + b"\n")
        return defer.succeed(None)

    def connectionLost(self):
        self.lines = []


@implementer(smtp.IMessageDelivery)
class Delivery:
    def receivedHeader(self, helo, origin, recipients):
        return None

    def validateFrom(self, helo, origin):
        return origin

    def validateTo(self, user):
        if user.dest.local == b"nobody":
            raise smtp.SMTPBadRcpt(user)
        return FileMessage


class Factory(protocol.ServerFactory):
    def buildProtocol(self, addr):
        p = smtp.ESMTP()
        p.delivery = Delivery()
        p.host = b"python.test"
        p.factory = self
        return p


def listening(port):
    print("listening on %d" % port.getHost().port, flush=True)


endpoints.TCP4ServerEndpoint(reactor, 0, interface="127.0.0.1").listen(Factory()).addCallback(listening)
reactor.run()
