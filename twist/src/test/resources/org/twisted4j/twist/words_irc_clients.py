"""
Two Python Twisted IRCClients against `twist words`: bob logs in with his password and joins #twisted, then
alice does; once she is in, bob greets her, she answers, each prints what it receives, and both quit. Usage: words_irc_clients.py PORT
"""
import sys

from twisted.internet import protocol, reactor
from twisted.words.protocols import irc

lost = []


class Client(irc.IRCClient):
    heartbeatInterval = None

    def signedOn(self):
        print(self.nickname, "signedOn", flush=True)
        self.join("twisted")

    def joined(self, channel):
        print(self.nickname, "joined", channel, flush=True)
        if self.nickname == "alice":
            self.factory.other.protocol_instance.aliceHere()
        else:
            reactor.connectTCP("127.0.0.1", port, self.factory.other)

    def aliceHere(self):
        self.say("#twisted", "hello alice")

    def privmsg(self, user, channel, message):
        print(self.nickname, "privmsg", user.split("!")[0], channel, message, flush=True)
        if self.nickname == "alice":
            self.say("#twisted", "hello bob")
        else:
            self.quit("bye")
            self.factory.other.protocol_instance.quit("bye")


class Factory(protocol.ClientFactory):
    def __init__(self, nick, password):
        self.nick, self.password, self.other = nick, password, None
        self.protocol_instance = None

    def buildProtocol(self, addr):
        p = Client()
        p.factory, p.nickname, p.password = self, self.nick, self.password
        self.protocol_instance = p
        return p

    def clientConnectionLost(self, connector, reason):
        lost.append(self.nick)
        if len(lost) == 2:
            reactor.stop()

    def clientConnectionFailed(self, connector, reason):
        print(self.nick, "connectionFailed", reason.getErrorMessage(), flush=True)
        reactor.stop()


port = int(sys.argv[1])
bob = Factory("bob", "builder")
alice = Factory("alice", "wonderland")
alice.other, bob.other = bob, alice

reactor.connectTCP("127.0.0.1", port, bob)
reactor.callLater(30, reactor.stop)
reactor.run()
