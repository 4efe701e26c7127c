"""A small authoritative DNS server built on dnspython, for DnsClientInteropTest.

Listens on 127.0.0.1 over UDP and TCP on one port, prints "listening on PORT", and answers:
  example.com. A        -> 192.0.2.80
  example.com. MX       -> 10 mx.example.com.
  big.example.com. A    -> 100 addresses: too big for UDP, so truncated there (TC, no answers), whole over TCP
  anything else         -> NXDOMAIN with the zone's SOA
"""

import socket
import struct
import sys
import threading

import dns.flags
import dns.message
import dns.rcode
import dns.rrset

SOA = dns.rrset.from_text("example.com.", 300, "IN", "SOA",
                          "ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300")


def answer(wire, over_tcp):
    query = dns.message.from_wire(wire)
    response = dns.message.make_response(query)
    response.flags |= dns.flags.AA
    question = query.question[0]
    name = question.name.to_text().lower()
    rdtype = dns.rdatatype.to_text(question.rdtype)
    if name == "example.com." and rdtype == "A":
        response.answer.append(dns.rrset.from_text(question.name, 300, "IN", "A", "192.0.2.80"))
    elif name == "example.com." and rdtype == "MX":
        response.answer.append(dns.rrset.from_text(question.name, 300, "IN", "MX", "10 mx.example.com."))
    elif name == "big.example.com." and rdtype == "A":
        if over_tcp:
            response.answer.append(dns.rrset.from_text_list(
                question.name, 300, "IN", "A", ["10.0.0.%d" % i for i in range(100)]))
        else:
            response.flags |= dns.flags.TC
    else:
        response.set_rcode(dns.rcode.NXDOMAIN)
        response.authority.append(SOA)
    # make_response copies the query's EDNS payload size as the limit; over TCP the limit is the length prefix's.
    return response.to_wire(max_size=65535 if over_tcp else 0)


def serve_udp(sock):
    while True:
        wire, peer = sock.recvfrom(65535)
        sock.sendto(answer(wire, False), peer)


def read_exactly(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def serve_tcp_connection(conn):
    with conn:
        while True:
            prefix = read_exactly(conn, 2)
            if prefix is None:
                return
            wire = read_exactly(conn, struct.unpack("!H", prefix)[0])
            if wire is None:
                return
            reply = answer(wire, True)
            conn.sendall(struct.pack("!H", len(reply)) + reply)


def serve_tcp(sock):
    while True:
        conn, _ = sock.accept()
        threading.Thread(target=serve_tcp_connection, args=(conn,), daemon=True).start()


def bind():
    for _ in range(50):
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind(("127.0.0.1", 0))
        port = udp.getsockname()[1]
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            tcp.bind(("127.0.0.1", port))
        except OSError:
            udp.close()
            tcp.close()
            continue
        tcp.listen(16)
        return udp, tcp, port
    sys.exit("no port free for both UDP and TCP")


udp, tcp, port = bind()
threading.Thread(target=serve_udp, args=(udp,), daemon=True).start()
print("listening on %d" % port, flush=True)
serve_tcp(tcp)
