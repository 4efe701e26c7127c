"""Asks a DNS server questions with Python Twisted's client and prints each answer section, one record a line.

Usage: twisted_client.py PORT "TYPE NAME"...   Prints "? TYPE NAME" before each answer, and NXDOMAIN, REFUSED
or the error's class name when the question fails.
"""
import sys

from twisted.internet import defer, task
from twisted.names import client, dns, error


async def ask(reactor, port, questions):
    resolver = client.Resolver(servers=[("127.0.0.1", port)], reactor=reactor)
    for question in questions:
        kind, name = question.split(" ", 1)
        print("?", kind, name, flush=True)
        try:
            answers, authority, additional = await resolver.query(dns.Query(name, getattr(dns, kind)),
                                                                  timeout=(2, 5))
        except error.DNSNameError:
            print("NXDOMAIN")
            continue
        except error.DNSQueryRefusedError:
            print("REFUSED")
            continue
        except Exception as e:
            print(type(e).__name__)
            continue
        for rr in answers:
            print(rr.name, dns.QUERY_TYPES.get(rr.type, rr.type), repr(rr.payload))


def main(reactor, port, *questions):
    return defer.ensureDeferred(ask(reactor, int(port), questions))


task.react(main, sys.argv[1:])
