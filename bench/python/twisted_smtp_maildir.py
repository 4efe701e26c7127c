"""Python Twisted's ESMTP server delivering into a Maildir the way Twisted's maildir module does.

Usage: twisted_smtp_maildir.py MAILDIR PORT

Python Twisted's own `twist mail --maildirdbmdomain` refuses every recipient under Python 3 (its domain table
is keyed by str, the SMTP addresses are bytes), so the benchmark runs its ESMTP protocol with this delivery:
each message is written to tmp/ under Twisted's Maildir name and renamed into new/ when it ends, as
twisted.mail.maildir.MaildirMessage does (which does not fsync; neither does this).
"""
import os
import sys

from zope.interface import implementer

from twisted.internet import defer, endpoints, protocol, reactor
from twisted.mail import maildir, smtp

root = sys.argv[1]
port = int(sys.argv[2])
os.makedirs(os.path.dirname(os.path.abspath(root)), exist_ok=True)
maildir.initializeMaildir(root)


@implementer(smtp.IMessage)
class MaildirMessage:
    def __init__(self):
        self.name = maildir._generateMaildirName()
        self.tmp = os.path.join(root, "tmp", self.name)
        self.file = open(self.tmp, "wb")

    def lineReceived(self, line):
        self.file.write(line + b"\n")

    def eomReceived(self):
        self.file.close()
        os.rename(self.tmp, os.path.join(root, "new", self.name))
        return defer.succeed(None)

    def connectionLost(self):
        self.file.close()
        os.remove(self.tmp)


@implementer(smtp.IMessageDelivery)
class Delivery:
    def receivedHeader(self, helo, origin, recipients):
        return b"Received: from " + helo[0] + b" by bench.test"

    def validateFrom(self, helo, origin):
        return origin

    def validateTo(self, user):
        return MaildirMessage


class Factory(protocol.ServerFactory):
    def buildProtocol(self, addr):
        p = smtp.ESMTP()
        p.delivery = Delivery()
        p.host = b"bench.test"
        p.factory = self
        return p


endpoints.TCP4ServerEndpoint(reactor, port, backlog=1000, interface="127.0.0.1").listen(Factory())
reactor.run()
