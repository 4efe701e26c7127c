"""The Python Twisted peer of bench/http-vs-netty.sh: twisted.web answering every GET with b"Hello, World!"
as text/plain (with a Content-Length), one process, one reactor.

    python3 twisted_web_hello.py PORT      # listens on 127.0.0.1:PORT until killed
"""
import sys

from twisted.internet import endpoints, reactor
from twisted.web import resource, server


class Hello(resource.Resource):
    isLeaf = True

    def render_GET(self, request):
        request.setHeader(b"Content-Type", b"text/plain")
        return b"Hello, World!"


def main():
    port = int(sys.argv[1])
    endpoints.serverFromString(reactor, "tcp:%d:interface=127.0.0.1" % port).listen(server.Site(Hello()))
    print("listening on %d (%s)" % (port, type(reactor).__name__), flush=True)
    reactor.run()


if __name__ == "__main__":
    main()
