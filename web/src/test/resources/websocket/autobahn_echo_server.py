"""An autobahn (on Twisted) WebSocket echo server, a peer that is not ours for the client's tests.

Listens on 127.0.0.1, port 0, prints "READY <port>" once listening, echoes every text and binary message,
answers permessage-deflate offers, and prints "CLOSED <clean> <code> <reason>" for each connection that
ends. Runs until killed.
"""
import sys

from twisted.internet import reactor
from autobahn.twisted.websocket import WebSocketServerFactory, WebSocketServerProtocol
from autobahn.websocket.compress import PerMessageDeflateOffer, PerMessageDeflateOfferAccept


class Echo(WebSocketServerProtocol):
    def onOpen(self):
        print("CONNECT", ",".join(str(e) for e in self.websocket_extensions_in_use) or "-", flush=True)

    def onMessage(self, payload, isBinary):
        self.sendMessage(payload, isBinary)

    def onClose(self, wasClean, code, reason):
        print("CLOSED", wasClean, code, reason, flush=True)


def accept(offers):
    for offer in offers:
        if isinstance(offer, PerMessageDeflateOffer):
            return PerMessageDeflateOfferAccept(offer)
    return None


factory = WebSocketServerFactory("ws://127.0.0.1")
factory.protocol = Echo
factory.setProtocolOptions(perMessageCompressionAccept=accept, maxFramePayloadSize=0, maxMessagePayloadSize=0,
                           closeHandshakeTimeout=5)
port = reactor.listenTCP(0, factory, interface="127.0.0.1")
print("READY", port.getHost().port, flush=True)
reactor.run()
