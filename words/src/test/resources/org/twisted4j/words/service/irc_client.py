"""
Python Twisted's IRCClient against a twisted4j words server: logs in with a password, joins #twisted, says
hello, waits for an answer, sets the topic, sends an ACTION, and prints every callback it gets, one a line.
Usage: irc_client.py PORT
"""
import sys

from twisted.internet import protocol, reactor
from twisted.words.protocols import irc


class Client(irc.IRCClient):
    nickname = "alice"
    password = "pw"
    heartbeatInterval = None

    def out(self, *words):
        print(" ".join(str(w) for w in words), flush=True)

    def signedOn(self):
        self.out("signedOn", self.nickname)

    def receivedMOTD(self, motd):
        self.out("motd", motd, self.supported.getFeature("CASEMAPPING")[0],
                 sorted(self.supported.getFeature("PREFIX").items()))
        self.join("twisted")

    def joined(self, channel):
        self.out("joined", channel)
        self.say(channel, "hello from python")

    def userJoined(self, user, channel):
        self.out("userJoined", user, channel)

    def privmsg(self, user, channel, message):
        self.out("privmsg", user, channel, message)
        if message == "hi python":
            self.topic(channel, "set from python")
            self.describe(channel, "waves")
            self.msg("bob", "private reply")

    def topicUpdated(self, user, channel, topic):
        self.out("topicUpdated", user, channel, topic)
        if topic == "set from python":
            self.setNick("alice2")

    def nickChanged(self, nick):
        self.out("nickChanged", nick)
        self.quit("bye")

    def modeChanged(self, user, channel, set, modes, args):
        self.out("modeChanged", user, channel, set, modes, args)


class Factory(protocol.ClientFactory):
    protocol = Client

    def clientConnectionLost(self, connector, reason):
        print("connectionLost", flush=True)
        reactor.stop()

    def clientConnectionFailed(self, connector, reason):
        print("connectionFailed", reason.getErrorMessage(), flush=True)
        reactor.stop()


reactor.connectTCP("127.0.0.1", int(sys.argv[1]), Factory())
reactor.callLater(30, reactor.stop)
reactor.run()
