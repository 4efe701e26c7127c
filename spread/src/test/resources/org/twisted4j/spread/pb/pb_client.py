"""A Python Twisted PB client for twisted4j's interop tests.

Usage: pb_client.py root|login PORT. Prints one line per step, then exits.
"""
import sys

from twisted.cred import credentials
from twisted.internet import defer, reactor
from twisted.spread import pb


class Taker(pb.Referenceable):
    def remote_take(self, value):
        return ["python took", value]


class Pond(pb.Copyable):
    def __init__(self, frogs, toads):
        self.frogs = frogs
        self.toads = toads


class JavaPond(pb.RemoteCopy):
    pass


pb.setUnjellyableForClass("org.twisted4j.interop.Pond", JavaPond)


class ScoreView(pb.RemoteCache):
    def setCopyableState(self, state):
        self.score = state["score"]

    def observe_setScore(self, score):
        self.score = score


pb.setUnjellyableForClass("org.twisted4j.interop.Scoreboard", ScoreView)


def say(*words):
    print(" ".join(str(w) for w in words), flush=True)


def caught(d):
    """Fires with [the failure of d] (or [None] if it succeeds): a failure as a plain result."""
    return d.addCallbacks(lambda _: [None], lambda f: [f])


def failed(f):
    return f.type.decode() if isinstance(f.type, bytes) else str(f.type), f.getErrorMessage()


@defer.inlineCallbacks
def root_steps(factory):
    root = yield factory.getRootObject()
    say("add", (yield root.callRemote("add", 40, 2)))
    value = [1, "s", b"b", 1.5, None, True, {"k": (1, 2)}, 2 ** 70, -5]
    echoed = yield root.callRemote("echo", value)
    say("echo", "same" if echoed == value else "different %r" % (echoed,))
    (f,) = yield caught(root.callRemote("boom"))
    say("boom", *failed(f))
    (f,) = yield caught(root.callRemote("nope"))
    say("nope", *failed(f))
    say("callBack", (yield root.callRemote("callBack", Taker(), "x")))
    counter = yield root.callRemote("shared")
    yield counter.callRemote("increment", 2)
    say("increment", (yield counter.callRemote("increment", 3)))
    say("same", (yield root.callRemote("same", counter)))
    pond = yield root.callRemote("pond")
    say("pond", type(pond).__name__, pond.frogs, pond.toads)
    say("pondTotal", (yield root.callRemote("pondTotal", Pond(5, 6))))
    view = yield root.callRemote("scoreboard")
    say("cache", type(view).__name__, view.score)
    yield root.callRemote("bump", 5)
    say("cache updated", view.score)
    del view
    import gc
    gc.collect()
    say("observers", (yield root.callRemote("observers")))
    lost = defer.Deferred()
    root.notifyOnDisconnect(lambda ref: lost.callback("disconnected"))
    say("closeSoon", (yield root.callRemote("closeSoon")))
    say((yield lost))


@defer.inlineCallbacks
def login_steps(factory):
    avatar = yield factory.login(credentials.UsernamePassword(b"alice", b"secret"), client=Taker())
    say("whoami", (yield avatar.callRemote("whoami")))
    factory2 = pb.PBClientFactory()
    reactor.connectTCP("127.0.0.1", int(sys.argv[2]), factory2)
    (f,) = yield caught(factory2.login(credentials.UsernamePassword(b"alice", b"wrong")))
    say("wrong", *failed(f))
    factory2.disconnect()


def main():
    factory = pb.PBClientFactory()
    reactor.connectTCP("127.0.0.1", int(sys.argv[2]), factory)
    steps = login_steps if sys.argv[1] == "login" else root_steps
    d = steps(factory)
    d.addErrback(lambda f: say("error", f.getTraceback()))
    d.addBoth(lambda _: reactor.stop())
    reactor.run()


main()
