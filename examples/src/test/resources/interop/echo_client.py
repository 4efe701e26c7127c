"""Python Twisted's side of the echo interop test: sends one line to the echo server and checks it comes back.

Usage: echo_client.py PORT MESSAGE. Prints "echoed: LINE"; exits 0 if LINE is MESSAGE, 1 otherwise.
"""
import sys

from twisted.internet import defer, endpoints, task
from twisted.protocols.basic import LineReceiver


class OneLine(LineReceiver):
    def __init__(self, message):
        self.message = message
        self.reply = defer.Deferred()

    def connectionMade(self):
        self.sendLine(self.message)

    def lineReceived(self, line):
        self.transport.loseConnection()
        self.reply.callback(line)

    def connectionLost(self, reason):
        if not self.reply.called:
            self.reply.errback(reason)


async def main(reactor, port, message):
    endpoint = endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=%d:timeout=10" % int(port))
    client = await endpoints.connectProtocol(endpoint, OneLine(message.encode("utf-8")))
    line = await client.reply.addTimeout(10, reactor)
    print("echoed: " + line.decode("utf-8"), flush=True)
    if line != message.encode("utf-8"):
        raise SystemExit(1)


task.react(lambda reactor: defer.ensureDeferred(main(reactor, *sys.argv[1:])))
