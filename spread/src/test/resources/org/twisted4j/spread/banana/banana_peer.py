"""A Python Twisted Banana peer for twisted4j's interop tests.

  banana_peer.py server        listens on 127.0.0.1, prints "banana listening on PORT", answers every
                               expression E with [b"echo", E], until stopped.
  banana_peer.py client PORT   connects to 127.0.0.1:PORT, sends VALUES once the dialect is chosen, checks
                               each answer [b"echo", value] byte for byte, prints one line per finding,
                               then sends a byte that is no Banana and prints "dropped" when the server
                               closes the connection.
"""
import math
import sys

from twisted.internet import defer, endpoints, protocol, reactor, task
from twisted.spread import banana

VALUES = (
    [0, 1, 127, 128, 2**31 - 1, 2**31, 2**63 - 1, 2**63, 2**64, 2**448 - 1]
    + [-1, -128, -(2**31), -(2**31) - 1, -(2**63), -(2**63) - 1, -(2**448 - 1)]
    + [0.0, -0.0, 1.5, 1e308, 5e-324, math.inf, -math.inf, math.nan]
    + [b"", b"a", bytes(range(256)), b"z" * 70000]
    + [w for w in banana.Banana.outgoingVocabulary]
    + [[], [1, [2, [3, []]]], [b"message", 1, b"root", b"echo", 1, [b"tuple", [b"unicode", b"hi"]], [b"dictionary"]]]
)


class Echo(banana.Banana):
    def __init__(self):
        banana.Banana.__init__(self, isClient=0)

    def expressionReceived(self, obj):
        self.sendEncoded([b"echo", obj])


class Checker(banana.Banana):
    def __init__(self, done):
        banana.Banana.__init__(self, isClient=1)
        self.done = done
        self.answers = []

    def connectionReady(self):
        print("dialect", self.currentDialect.decode(), flush=True)
        for value in VALUES:
            self.sendEncoded(value)

    def expressionReceived(self, obj):
        self.answers.append(obj)
        if len(self.answers) == len(VALUES):
            bad = [
                repr(v)[:60]
                for v, a in zip(VALUES, self.answers)
                if a[:1] != [b"echo"] or banana.encode(a[1]) != banana.encode(v)
            ]
            print("echoed", len(self.answers), "mismatched", len(bad), *bad, flush=True)
            self.transport.write(b"\x01\x88")

    def connectionLost(self, reason):
        print("dropped", flush=True)
        self.done.callback(None)


def server():
    factory = protocol.ServerFactory.forProtocol(Echo)
    endpoint = endpoints.TCP4ServerEndpoint(reactor, 0, interface="127.0.0.1")

    def listening(port):
        print("banana listening on", port.getHost().port, flush=True)

    endpoint.listen(factory).addCallback(listening)
    reactor.run()


def client(react, port):
    done = defer.Deferred()
    endpoint = endpoints.TCP4ClientEndpoint(react, "127.0.0.1", int(port))
    return endpoints.connectProtocol(endpoint, Checker(done)).addCallback(lambda _: done)


if sys.argv[1] == "server":
    server()
else:
    task.react(client, sys.argv[2:])
