"""
An external component written with Python Twisted's twisted.words.protocols.jabber.component: connects to
the router on 127.0.0.1:PORT as DOMAIN with SECRET, prints "component ready on PORT" once authenticated,
and answers each message with "echo: BODY", printing what it received. Exits when the stream ends.
"""
import sys

from twisted.internet import reactor
from twisted.words.protocols.jabber import component, xmlstream
from twisted.words.xish import domish

port, domain, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3]


def authenticated(xs):
    def on_message(message):
        body = str(message.body) if message.body else ""
        print("received from %s: %s" % (message.getAttribute("from"), body), flush=True)
        reply = domish.Element((component.NS_COMPONENT_ACCEPT, "message"))
        reply["to"] = message["from"]
        reply["from"] = message["to"]
        reply["type"] = "chat"
        reply.addElement("body", content="echo: " + body)
        xs.send(reply)

    xs.addObserver("/message", on_message)
    print("component ready on %d" % port, flush=True)


def ended(reason):
    print("stream ended", flush=True)
    if reactor.running:
        reactor.stop()


factory = component.componentFactory(domain, secret)
factory.addBootstrap(xmlstream.STREAM_AUTHD_EVENT, authenticated)
factory.addBootstrap(xmlstream.STREAM_END_EVENT, ended)
factory.clientConnectionFailed = lambda connector, reason: (print("failed", reason, flush=True), reactor.stop())
reactor.connectTCP("127.0.0.1", port, factory)
reactor.run()
