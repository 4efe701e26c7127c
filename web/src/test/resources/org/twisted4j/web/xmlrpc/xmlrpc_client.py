"""Python's xmlrpc.client calling an XML-RPC server: prints one line a call, the result's repr or the fault.

Usage: xmlrpc_client.py URL
"""
import datetime
import sys
import xmlrpc.client

proxy = xmlrpc.client.ServerProxy(sys.argv[1], allow_none=True, use_builtin_types=True)


def show(label, call):
    try:
        print(label, ascii(call()))
    except xmlrpc.client.Fault as fault:
        print(label, "Fault", fault.faultCode, fault.faultString)


show("add", lambda: proxy.add(2, 3))
show("int", lambda: proxy.echo(-2147483648))
show("bool", lambda: proxy.echo(True))
show("double", lambda: proxy.echo(2.5))
show("string", lambda: proxy.echo("héllo <&> ]]> \"q\" 'a'"))
show("datetime", lambda: proxy.echo(datetime.datetime(2024, 2, 29, 23, 59, 58)))
show("bytes", lambda: proxy.echo(bytes(range(256))[:20]))
show("struct", lambda: proxy.echo({"b": 1, "a": [1, "x", {"n": None}]}))
show("array", lambda: proxy.echo([1, 2.0, "three", False, []]))
show("nil", lambda: proxy.echo(None))
show("later", lambda: proxy.later("soon"))
show("divide", lambda: proxy.divide(7, 2))
show("fault", lambda: proxy.divide(1, 0))
show("missing", lambda: proxy.nothere())
show("arity", lambda: proxy.add(1))
show("type", lambda: proxy.add("1", 2))
show("boom", lambda: proxy.boom())
show("list", lambda: proxy.system.listMethods())
show("help", lambda: proxy.system.methodHelp("divide"))
show("signature", lambda: proxy.system.methodSignature("add"))
