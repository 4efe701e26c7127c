"""The switching commands of twisted4j's AMP interop tests, declared with Python Twisted's amp.

Secure (answered after StartTLS: whether the answering side's transport is TLS and the common name of the
certificate its peer presented), SwitchToEcho (a ProtocolSwitchCommand to a line echo) and the PEM files the
Java side writes: ca.pem, server.pem and client.pem (each a key and its certificate) in one directory. The Java
side declares the same in AmpTlsInteropTest.
"""
import os

from twisted.internet import protocol
from twisted.internet.interfaces import ISSLTransport
from twisted.internet.ssl import Certificate, PrivateCertificate
from twisted.protocols import amp, basic


class Secure(amp.Command):
    arguments = []
    response = [(b"tls", amp.Boolean()), (b"peer", amp.Unicode())]


class SwitchToEcho(amp.ProtocolSwitchCommand):
    arguments = []
    response = []


def secure_answer(transport):
    """What a Secure responder answers on transport."""
    tls = ISSLTransport.providedBy(transport)
    peer = ""
    if tls:
        certificate = transport.getPeerCertificate()
        if certificate is not None:
            peer = certificate.get_subject().commonName
    return {"tls": bool(tls), "peer": peer}


def load(directory):
    """The authority, the server's key and certificate, the client's."""
    def read(name):
        with open(os.path.join(directory, name), "rb") as f:
            return f.read()
    return (Certificate.loadPEM(read("ca.pem")), PrivateCertificate.loadPEM(read("server.pem")),
            PrivateCertificate.loadPEM(read("client.pem")))


class Echo(basic.LineReceiver):
    """Sends every line back."""
    def lineReceived(self, line):
        self.sendLine(line)


class EchoOnce(basic.LineReceiver):
    """Sends one line, fires its Deferred with the line that comes back."""
    def __init__(self, deferred):
        self.deferred = deferred

    def connectionMade(self):
        self.sendLine(b"hello from Python")

    def lineReceived(self, line):
        self.deferred.callback(line.decode())
        self.transport.loseConnection()


class EchoOnceFactory(protocol.ClientFactory):
    def __init__(self, deferred):
        self.deferred = deferred

    def buildProtocol(self, addr):
        return EchoOnce(self.deferred)
