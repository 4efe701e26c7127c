"""An autobahn (on Twisted) WebSocket client, a peer that is not ours for the server's tests.

    autobahn_client.py PORT MODE

connects to ws://127.0.0.1:PORT/ws offering permessage-deflate, prints "OPEN <extensions>", and then by MODE:
  echo     sends text, binary and fragmented messages, prints "ECHO ok" or "ECHO mismatch", closes with 1000;
  badutf8  sends a text message that is not UTF-8;
  oversize sends a binary frame of 2 MiB.
It prints "CLOSED <clean> <code> <reason>" when the connection ends, and exits.
"""
import os
import sys

from twisted.internet import reactor
from autobahn.twisted.websocket import WebSocketClientFactory, WebSocketClientProtocol, connectWS
from autobahn.websocket.compress import (PerMessageDeflateOffer, PerMessageDeflateResponse,
                                         PerMessageDeflateResponseAccept)

PORT = int(sys.argv[1])
MODE = sys.argv[2]

TEXT = "h\u00e9llo \u4e16\u754c \U0001d11e " * 1000
BINARY = os.urandom(3 * 1024 * 1024 + 7)
FRAGMENTED = ("fragment \u00e9 " * 5000).encode("utf-8")


class Client(WebSocketClientProtocol):
    def onOpen(self):
        print("OPEN", ",".join(str(e) for e in self.websocket_extensions_in_use) or "-", flush=True)
        self.expected = []
        if MODE == "echo":
            self.expected = [(TEXT.encode("utf-8"), False), (BINARY, True), (FRAGMENTED, False)]
            self.sendMessage(TEXT.encode("utf-8"), isBinary=False)
            self.sendMessage(BINARY, isBinary=True)
            self.sendMessage(FRAGMENTED, isBinary=False, fragmentSize=1000)
        elif MODE == "badutf8":
            self.sendMessage(b"\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80\x65\x64\x69\x74\x65\x64",
                             isBinary=False)
        elif MODE == "oversize":
            self.sendMessage(b"\x00" * (2 * 1024 * 1024), isBinary=True)

    def onMessage(self, payload, isBinary):
        want = self.expected.pop(0) if self.expected else None
        if want != (payload, isBinary):
            print("ECHO mismatch", len(payload), isBinary, flush=True)
            self.sendClose(1000)
        elif not self.expected:
            print("ECHO ok", flush=True)
            self.sendClose(1000, "done")

    def onClose(self, wasClean, code, reason):
        print("CLOSED", wasClean, code, reason, flush=True)
        reactor.callLater(0, reactor.stop)


def accept(response):
    if isinstance(response, PerMessageDeflateResponse):
        return PerMessageDeflateResponseAccept(response)
    return None


factory = WebSocketClientFactory("ws://127.0.0.1:%d/ws" % PORT)
factory.protocol = Client
factory.setProtocolOptions(perMessageCompressionOffers=[PerMessageDeflateOffer(accept_max_window_bits=True)],
                           perMessageCompressionAccept=accept, closeHandshakeTimeout=5, openHandshakeTimeout=10)
connectWS(factory)
reactor.callLater(60, reactor.stop)
reactor.run()
