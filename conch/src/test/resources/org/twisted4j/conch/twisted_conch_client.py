"""Python Twisted's conch client (SSHCommandClientEndpoint) runs one command on an SSH server.

Usage: twisted_conch_client.py PORT USER PASSWORD KNOWN_HOSTS COMMAND
Prints the command's output on stdout, the negotiated algorithms on stderr, and exits with the command's status.
"""
import sys

from twisted.conch.client.knownhosts import KnownHostsFile
from twisted.conch.endpoints import SSHCommandClientEndpoint
from twisted.internet import defer, protocol, task
from twisted.internet.error import ProcessTerminated
from twisted.python.filepath import FilePath


class AcceptingUI:
    """Accepts the server's host key on first sight, as a fresh known_hosts would with a yes."""

    def prompt(self, text):
        return defer.succeed(True)

    def warn(self, text):
        sys.stderr.write(text + "\n")


class Collect(protocol.Protocol):
    def connectionMade(self):
        self.data = b""
        self.done = defer.Deferred()

    def dataReceived(self, data):
        self.data += data

    def connectionLost(self, reason):
        # A Failure passed to callback() would take the errback path: hand it over in a list.
        self.done.callback([reason])


async def main(reactor, port, user, password, known, command):
    endpoint = SSHCommandClientEndpoint.newConnection(
        reactor, command.encode(), user.encode(), b"127.0.0.1", int(port), password=password.encode(),
        knownHosts=KnownHostsFile.fromPath(FilePath(known)), ui=AcceptingUI())
    proto = await endpoint.connect(protocol.Factory.forProtocol(Collect))
    transport = proto.transport.conn.transport
    sys.stderr.write("kex %s cipher %s mac %s hostkey %s\n" % (
        transport.kexAlg.decode(), transport.nextEncryptions.outCipType.decode(),
        transport.nextEncryptions.outMACType.decode(), transport.keyAlg.decode()))
    [reason] = await proto.done
    sys.stdout.write(proto.data.decode())
    sys.stdout.flush()
    if reason.check(ProcessTerminated):
        return reason.value.exitCode or 0
    return 0


def run(reactor):
    return defer.ensureDeferred(main(reactor, *sys.argv[1:6])).addCallback(lambda code: sys.exit(code) if code else None)


task.react(run)
