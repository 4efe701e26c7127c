"""The Python Twisted peer of PBCallLoad: a PB server whose root answers add(a, b), one process, one reactor.

    python3 pb_add_server.py          # listens on a free 127.0.0.1 port, prints "listening on PORT"
"""
from twisted.internet import reactor
from twisted.spread import pb


class Adder(pb.Root):
    def remote_add(self, a, b):
        return a + b


def main():
    port = reactor.listenTCP(0, pb.PBServerFactory(Adder()), interface="127.0.0.1")
    print("listening on %d (%s)" % (port.getHost().port, type(reactor).__name__), flush=True)
    reactor.run()


if __name__ == "__main__":
    main()
