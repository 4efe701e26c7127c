"""A Python Twisted PB server for twisted4j's interop tests.

Usage: pb_server.py root|login. Listens on a free loopback port and prints "listening on PORT".
root: a root with echo, add, boom, callBack, pond (a Copyable), scoreboard (a Cacheable), bump, pondTotal
(takes the Java client's copyable), observers and closeSoon. login: a portal (alice/secret) whose avatars
answer whoami.
"""
import sys

from twisted.cred import checkers, portal
from twisted.internet import reactor
from twisted.spread import pb
from zope.interface import implementer


class Pond(pb.Copyable):
    def __init__(self, frogs, toads):
        self.frogs = frogs
        self.toads = toads


class JavaPond(pb.RemoteCopy):
    pass


pb.setUnjellyableForClass("org.twisted4j.interop.Pond", JavaPond)


class Scoreboard(pb.Cacheable):
    def __init__(self):
        self.score = 10
        self.observers = []

    def getStateToCacheAndObserveFor(self, perspective, observer):
        self.observers.append(observer)
        return {"score": self.score}

    def stoppedObserving(self, perspective, observer):
        self.observers.remove(observer)

    def bump(self, points):
        self.score += points
        for observer in self.observers:
            observer.callRemote("setScore", self.score)


SCOREBOARD = Scoreboard()


class Root(pb.Root):
    def rootObject(self, broker):
        root = Root()
        root.broker = broker
        return root

    def remote_echo(self, value):
        return value

    def remote_add(self, a, b):
        return a + b

    def remote_boom(self):
        raise ValueError("python says no")

    def remote_callBack(self, ref, value):
        return ref.callRemote("take", value)

    def remote_pond(self):
        return Pond(3, 4)

    def remote_pondTotal(self, pond):
        return pond.frogs + pond.toads

    def remote_scoreboard(self):
        return SCOREBOARD

    def remote_bump(self, points):
        SCOREBOARD.bump(points)
        return SCOREBOARD.score

    def remote_observers(self):
        return len(SCOREBOARD.observers)

    def remote_closeSoon(self):
        reactor.callLater(0.01, self.broker.transport.loseConnection)
        return "closing"


class User(pb.Avatar):
    def __init__(self, name):
        self.name = name

    def perspective_whoami(self):
        return self.name


@implementer(portal.IRealm)
class Realm:
    def requestAvatar(self, avatarId, mind, *interfaces):
        name = avatarId.decode() if isinstance(avatarId, bytes) else avatarId
        return pb.IPerspective, User(name), lambda: None


def main():
    if sys.argv[1] == "login":
        checker = checkers.InMemoryUsernamePasswordDatabaseDontUse(alice=b"secret")
        factory = pb.PBServerFactory(portal.Portal(Realm(), [checker]))
    else:
        factory = pb.PBServerFactory(Root())
    port = reactor.listenTCP(0, factory, interface="127.0.0.1")
    print("listening on %d" % port.getHost().port, flush=True)
    reactor.run()


main()
