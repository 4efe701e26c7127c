"""Python Twisted's PB server for bench/pb-vs-twisted.sh: a pb.Root answering add(a, b), one process, one
reactor (Twisted's default, epoll on Linux).

    python3 pb_add_server.py PORT     # listens on 127.0.0.1:PORT
    python3 pb_add_server.py          # listens on a free 127.0.0.1 port
Either way it prints "listening on PORT (REACTOR)".
"""
import sys

from twisted.internet import reactor
from twisted.spread import pb


class Adder(pb.Root):
    def remote_add(self, a, b):
        return a + b


def main():
    wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    port = reactor.listenTCP(wanted, pb.PBServerFactory(Adder()), interface="127.0.0.1")
    print("listening on %d (%s)" % (port.getHost().port, type(reactor).__name__), flush=True)
    reactor.run()


if __name__ == "__main__":
    main()
