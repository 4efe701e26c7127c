"""Drives a server with Python Twisted's FTPClient; argv: port. Prints one line per step."""
import sys
from io import BytesIO

from twisted.internet import defer, protocol, reactor, task
from twisted.protocols.basic import FileSender
from twisted.protocols.ftp import FTPClient, FTPFileListProtocol


class Collect(protocol.Protocol):
    def __init__(self):
        self.buffer = BytesIO()

    def dataReceived(self, data):
        self.buffer.write(data)


@defer.inlineCallbacks
def main(reactor):
    creator = protocol.ClientCreator(reactor, FTPClient, "alice", "secret", passive=1)
    client = yield creator.connectTCP("127.0.0.1", int(sys.argv[1]))
    print("pwd", (yield client.pwd()))
    print("mkd", (yield client.makeDirectory("tw")))
    print("cwd", (yield client.cwd("tw")))
    consumer_d, done = client.storeFile("hello.txt")
    consumer = yield consumer_d
    yield FileSender().beginFileTransfer(BytesIO(b"hello from twisted\n" * 1000), consumer)
    consumer.finish()
    print("stor", (yield done))
    listing = FTPFileListProtocol()
    yield client.list(".", listing)
    print("list", [(f["filename"], f["size"]) for f in listing.files])
    collect = Collect()
    yield client.retrieveFile("hello.txt", collect)
    print("retr", collect.buffer.getvalue() == b"hello from twisted\n" * 1000)
    collect = Collect()
    yield client.retrieveFile("hello.txt", collect, offset=19 * 999)
    print("rest", collect.buffer.getvalue())
    print("rename", (yield client.rename("hello.txt", "bye.txt")))
    print("remove", (yield client.removeFile("bye.txt")))
    print("cdup", (yield client.cdup()))
    print("rmd", (yield client.removeDirectory("tw")))
    print("quit", (yield client.quit()))


task.react(main)
