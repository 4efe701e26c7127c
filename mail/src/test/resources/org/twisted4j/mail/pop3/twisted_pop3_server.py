"""Python Twisted's POP3 server over an in-memory mailbox of two messages, user bob, password secret.

Usage: twisted_pop3_server.py
Prints "listening on PORT" once it listens on 127.0.0.1; prints "deleted N" when a session commits deletions.
"""
import io

from zope.interface import implementer

from twisted.cred import checkers, portal
from twisted.internet import endpoints, protocol, reactor
from twisted.mail import pop3

# Stored with LF line ends, as Twisted's mailboxes keep them: its server sends each line with CRLF.
MESSAGES = [
    b"From: alice@a.test\nSubject: first\n\nline one\n.dot line\n",
    b"Subject: second\n\nbody two\n",
]


@implementer(pop3.IMailbox)
class Mailbox:
    def __init__(self):
        self.deleted = set()

    def listMessages(self, index=None):
        if index is None:
            return [0 if i in self.deleted else len(m) for i, m in enumerate(MESSAGES)]
        return len(MESSAGES[index])

    def getMessage(self, index):
        return io.BytesIO(MESSAGES[index])

    def getUidl(self, index):
        return b"uid-%d" % index

    def deleteMessage(self, index):
        self.deleted.add(index)

    def undeleteMessages(self):
        self.deleted.clear()

    def sync(self):
        print("deleted %d" % len(self.deleted), flush=True)


@implementer(portal.IRealm)
class Realm:
    def requestAvatar(self, avatarId, mind, *interfaces):
        return pop3.IMailbox, Mailbox(), lambda: None


checker = checkers.InMemoryUsernamePasswordDatabaseDontUse()
checker.addUser(b"bob", b"secret")  # the POP3 server looks users up by bytes
the_portal = portal.Portal(Realm(), [checker])


class Factory(protocol.ServerFactory):
    def buildProtocol(self, addr):
        p = pop3.POP3()
        p.portal = the_portal
        p.factory = self
        return p


def listening(port):
    print("listening on %d" % port.getHost().port, flush=True)


endpoints.TCP4ServerEndpoint(reactor, 0, interface="127.0.0.1").listen(Factory()).addCallback(listening)
reactor.run()
