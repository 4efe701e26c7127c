"""An XML-RPC server for the client's interop tests: Python's SimpleXMLRPCServer or Python Twisted's XMLRPC.

Usage: xmlrpc_server.py simple|twisted   Prints "listening on PORT" once it listens on 127.0.0.1.
Procedures: echo(value) gives the value back, add(a, b), fail(code, text) answers that fault.
"""
import sys
from xmlrpc.client import Fault


def echo(value):
    return value


def add(a, b):
    return a + b


def fail(code, text):
    raise Fault(code, text)


if sys.argv[1] == "simple":
    from xmlrpc.server import SimpleXMLRPCServer

    server = SimpleXMLRPCServer(("127.0.0.1", 0), allow_none=True, use_builtin_types=True, logRequests=False)
    for function in (echo, add, fail):
        server.register_function(function)
    print("listening on", server.server_address[1], flush=True)
    server.serve_forever()
else:
    from twisted.internet import reactor
    from twisted.web import server, xmlrpc

    class Procedures(xmlrpc.XMLRPC):
        def xmlrpc_echo(self, value):
            return echo(value)

        def xmlrpc_add(self, a, b):
            return add(a, b)

        def xmlrpc_fail(self, code, text):
            return fail(code, text)

    port = reactor.listenTCP(0, server.Site(Procedures(allowNone=True, useDateTime=True)), interface="127.0.0.1")
    print("listening on", port.getHost().port, flush=True)
    reactor.run()
