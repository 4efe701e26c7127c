"""Python Twisted's HTTPAuthSessionWrapper on a loopback port, for comparing wire answers.

Serves /guarded behind Basic and Digest (realm "interop", user alice, password s3cret); the avatar is a leaf
answering "hello <user>". Prints "listening on PORT" once it listens.
"""
import sys

from twisted.cred.checkers import InMemoryUsernamePasswordDatabaseDontUse
from twisted.cred.portal import IRealm, Portal
from twisted.internet import reactor
from twisted.web import guard, resource, server
from zope.interface import implementer


class Hello(resource.Resource):
    isLeaf = True

    def __init__(self, user):
        super().__init__()
        self.user = user

    def render_GET(self, request):
        return b"hello " + self.user


@implementer(IRealm)
class Realm:
    def requestAvatar(self, avatarId, mind, *interfaces):
        return resource.IResource, Hello(avatarId), lambda: None


portal = Portal(Realm(), [InMemoryUsernamePasswordDatabaseDontUse(alice=b"s3cret")])
root = resource.Resource()
root.putChild(b"guarded", guard.HTTPAuthSessionWrapper(portal, [
    guard.BasicCredentialFactory(b"interop"), guard.DigestCredentialFactory(b"MD5", b"interop")]))
port = reactor.listenTCP(0, server.Site(root), interface="127.0.0.1")
print("listening on", port.getHost().port, flush=True)
reactor.run()
