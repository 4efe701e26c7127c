"""Python Twisted's authoritative DNS server for one BIND zone file, as `twist dns --bindzone FILE` builds it.

Twisted 22.4's `twist dns --bindzone` fails on a file name given as text (BindAuthority joins it to bytes), so
this builds the same DNSServerFactory with the name as bytes, listening on UDP and TCP on 127.0.0.1.

    python3 twisted_dns_bindzone.py ZONEFILE PORT
"""
import sys

from twisted.internet import reactor
from twisted.names import authority, dns, server

zone_file, port = sys.argv[1], int(sys.argv[2])
factory = server.DNSServerFactory(authorities=[authority.BindAuthority(zone_file.encode())], verbose=0)
factory.noisy = False
reactor.listenUDP(port, dns.DNSDatagramProtocol(factory), interface="127.0.0.1")
reactor.listenTCP(port, factory, interface="127.0.0.1")
print("python dns listening on 127.0.0.1:%d" % port, flush=True)
reactor.run()
