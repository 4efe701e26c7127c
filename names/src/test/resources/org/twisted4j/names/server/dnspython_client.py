"""Asks a DNS server questions with dnspython and prints each answer, the way dnspython writes it.

Usage: dnspython_client.py PORT "TYPE NAME"...   For each question, over UDP first and over TCP when the answer
is truncated (as a stub resolver does): "? TYPE NAME via udp|tcp", the response code, then one line a record.
"""
import sys

import dns.message
import dns.query
import dns.rcode

port = int(sys.argv[1])
for question in sys.argv[2:]:
    kind, name = question.split(" ", 1)
    query = dns.message.make_query(name, kind, use_edns=0)
    response, used_tcp = dns.query.udp_with_fallback(query, "127.0.0.1", port=port, timeout=5)
    via = "tcp" if used_tcp else "udp"
    print("?", kind, name, "via", via)
    print(dns.rcode.to_text(response.rcode()))
    for rrset in response.answer:
        for line in rrset.to_text().splitlines():
            print(line)
