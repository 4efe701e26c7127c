"""Python Twisted's side of the chat interop test: two clients join the chat server under their names, one
says a line, and the other must receive it as "<name> line".

Usage: chat_clients.py PORT. Prints what the second client received; exits 0 if it is right, 1 otherwise.
"""
import sys

from twisted.internet import defer, endpoints, task
from twisted.protocols.basic import LineReceiver


class Member(LineReceiver):
    def __init__(self):
        self.lines = defer.DeferredQueue()

    def lineReceived(self, line):
        self.lines.put(line.decode("utf-8"))

    async def next_line(self, reactor):
        return await self.lines.get().addTimeout(10, reactor)


async def join(reactor, port, name):
    endpoint = endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=%d:timeout=10" % port)
    member = await endpoints.connectProtocol(endpoint, Member())
    print(name + " was asked: " + await member.next_line(reactor), flush=True)
    member.sendLine(name.encode("utf-8"))
    print(name + " was told: " + await member.next_line(reactor), flush=True)
    return member


async def main(reactor, port):
    ada = await join(reactor, int(port), "ada")
    grace = await join(reactor, int(port), "grace")
    ada.sendLine("hello from Python Twisted".encode("utf-8"))
    heard = await grace.next_line(reactor)
    print("grace heard: " + heard, flush=True)
    ada.transport.loseConnection()
    grace.transport.loseConnection()
    if heard != "<ada> hello from Python Twisted":
        raise SystemExit(1)


task.react(lambda reactor: defer.ensureDeferred(main(reactor, *sys.argv[1:])))
