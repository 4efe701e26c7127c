"""Writes the wire bytes of DNS messages built by dnspython and by Python Twisted, for MessagePythonTest.

Run with Debian's Python (python3-dnspython, python3-twisted):

    /usr/bin/python3 capture.py [DIRECTORY]

Each message goes to captured/<source>-<name>.hex as hexadecimal digits; for dnspython, the presentation
form of the first answer's data (to_text()) goes to captured/dnspython-<name>.txt. The same bytes, raw, go to
MessageFuzzTestInputs/parseWriteParseIsStable/ as the fuzz target's seeds. Both directories are made under
DIRECTORY, by default the one this script is in; CaptureIsCurrentTest writes elsewhere and compares.
"""

import binascii
import os
import random
import sys

import dns.edns
import dns.flags
import dns.message
import dns.name
import dns.rdataclass
import dns.rdatatype
import dns.rrset
from twisted.names import dns as tdns

# dnspython shuffles an RRset's records as it writes them (round-robin load sharing): a fixed seed makes the
# order of the many-answer message the same from run to run.
random.seed(0)

HERE = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "captured")
SEEDS = os.path.join(HERE, "MessageFuzzTestInputs", "parseWriteParseIsStable")

# (file name, owner, type, presentation form of the data)
RECORDS = [
    ("a", "www.example.com.", "A", "192.0.2.1"),
    ("aaaa", "www.example.com.", "AAAA", "2001:db8::1"),
    ("aaaa-mapped", "www.example.com.", "AAAA", "::ffff:192.0.2.1"),
    ("ns", "example.com.", "NS", "ns1.example.com."),
    ("cname", "www.example.com.", "CNAME", "web.example.com."),
    ("dname", "example.com.", "DNAME", "example.net."),
    ("soa", "example.com.", "SOA", "ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300"),
    ("ptr", "1.2.0.192.in-addr.arpa.", "PTR", "www.example.com."),
    ("mx", "example.com.", "MX", "10 mail.example.com."),
    ("txt", "example.com.", "TXT", '"v=spf1 -all" "second string" "quote\\" and \\\\ and \\255"'),
    ("srv", "_sip._tcp.example.com.", "SRV", "10 60 5060 sip.example.com."),
    ("naptr", "example.com.", "NAPTR", '100 10 "S" "SIP+D2U" "" _sip._udp.example.com.'),
    ("caa", "example.com.", "CAA", '0 issue "letsencrypt.org"'),
    ("caa-iodef", "example.com.", "CAA", '128 iodef "mailto:security@example.com"'),
    ("hinfo", "host.example.com.", "HINFO", '"x86_64" "Linux"'),
    ("rp", "example.com.", "RP", "admin.example.com. info.example.com."),
    ("sshfp", "host.example.com.", "SSHFP", "4 2 " + "ab" * 32),
    ("tlsa", "_443._tcp.www.example.com.", "TLSA", "3 1 1 " + "0123456789abcdef" * 4),
    ("svcb", "_dns.resolver.example.", "SVCB", '1 dot.example. alpn="dot" port="853" ipv4hint="192.0.2.53"'),
    ("https", "www.example.com.", "HTTPS",
     '1 . alpn="h2,h3" no-default-alpn ipv4hint="192.0.2.1,192.0.2.2" ipv6hint="2001:db8::1"'),
    ("https-alias", "example.com.", "HTTPS", "0 www.example.com."),
    ("spf", "example.com.", "SPF", '"v=spf1 mx -all"'),
    ("ds", "example.com.", "DS", "60485 5 1 2bb183af5f22588179a53b0a98631fad1a292118"),
    ("dnskey", "example.com.", "DNSKEY",
     "257 3 8 AwEAAaetidLzsKWUt4swWR8yu0wPHPiUi8LUsAD0QPWU+wzt89epO6tH zkMBVDkC7qphQO2hTY4hHn9npWFRw5BYubE="),
    ("rrsig", "example.com.", "RRSIG",
     "A 8 2 3600 20240201000000 20240101000000 12345 example.com. "
     "c2lnbmF0dXJlIGJ5dGVzIGdvIGhlcmUgYW5kIGhlcmUgYW5kIGhlcmUgdG9v"),
    ("nsec", "alfa.example.com.", "NSEC", "host.example.com. A MX RRSIG NSEC TYPE1234"),
    ("nsec3", "2t7b4g4vsa5smi47k61mv5bv1a22bojr.example.", "NSEC3",
     "1 1 12 aabbccdd 2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG"),
    ("nsec3-nosalt", "2t7b4g4vsa5smi47k61mv5bv1a22bojr.example.", "NSEC3",
     "1 0 0 - 2vptu5timamqttgl4luu9kg21e0aor3s NS SOA RRSIG DNSKEY NSEC3PARAM"),
    ("nsec3param", "example.", "NSEC3PARAM", "1 0 12 aabbccdd"),
    ("unknown", "example.com.", "TYPE65280", r"\# 4 0a000001"),
    ("unknown-empty", "example.com.", "TYPE65281", r"\# 0"),
]


def write(name, wire, text=None):
    with open(os.path.join(OUT, name + ".hex"), "w") as f:
        f.write(binascii.hexlify(wire).decode() + "\n")
    with open(os.path.join(SEEDS, name), "wb") as f:
        f.write(wire)
    if text is not None:
        with open(os.path.join(OUT, name + ".txt"), "w") as f:
            f.write(text + "\n")


def dnspython_messages():
    for (fname, owner, rtype, text) in RECORDS:
        query = dns.message.make_query(owner, rtype, want_dnssec=False)
        query.id = 0x1234
        response = dns.message.make_response(query)
        rrset = dns.rrset.from_text(owner, 3600, "IN", rtype, text)
        response.answer.append(rrset)
        # A second record with the same owner, to show compression against the answer.
        response.additional.append(dns.rrset.from_text(owner, 60, "IN", "A", "192.0.2.99"))
        write("dnspython-" + fname, response.to_wire(), rrset[0].to_text())

    # A query with EDNS(0): DO, a client subnet, a cookie and padding.
    query = dns.message.make_query("example.com.", "A", use_edns=0, payload=1232, want_dnssec=True,
                                   options=[dns.edns.ECSOption("192.0.2.0", 24),
                                            dns.edns.GenericOption(10, bytes(range(8))),
                                            dns.edns.GenericOption(12, bytes(7)),
                                            dns.edns.GenericOption(65001, b"xyz")])
    query.id = 0xbeef
    query.flags |= dns.flags.AD | dns.flags.CD
    write("dnspython-edns-query", query.to_wire())

    # A response with an extended rcode (BADVERS = 16) and a cookie with a server part.
    query = dns.message.make_query("example.com.", "A", use_edns=0)
    response = dns.message.make_response(query)
    response.id = 7
    response.use_edns(0, 0, 4096, options=[dns.edns.GenericOption(10, bytes(range(24)))])
    response.set_rcode(16)  # after use_edns, which would clear the upper bits
    write("dnspython-edns-badvers", response.to_wire())

    # An NXDOMAIN answer with an SOA in authority, AA set, RD and RA.
    query = dns.message.make_query("nothere.example.com.", "AAAA")
    query.id = 65535
    response = dns.message.make_response(query)
    response.flags |= dns.flags.AA | dns.flags.RA
    response.set_rcode(3)
    response.authority.append(dns.rrset.from_text(
        "example.com.", 300, "IN", "SOA",
        "ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300"))
    write("dnspython-nxdomain", response.to_wire())

    # Many answers, for truncation.
    query = dns.message.make_query("big.example.com.", "A")
    query.id = 42
    response = dns.message.make_response(query)
    response.answer.append(dns.rrset.from_text_list(
        "big.example.com.", 60, "IN", "A", ["10.0.%d.%d" % (i // 256, i % 256) for i in range(100)]))
    write("dnspython-many-a", response.to_wire())


def twisted_messages():
    records = [
        ("a", tdns.Record_A("192.0.2.1", ttl=3600)),
        ("aaaa", tdns.Record_AAAA("2001:db8::1", ttl=3600)),
        ("ns", tdns.Record_NS("ns1.example.com", ttl=3600)),
        ("cname", tdns.Record_CNAME("web.example.com", ttl=3600)),
        ("dname", tdns.Record_DNAME("example.net", ttl=3600)),
        ("soa", tdns.Record_SOA(mname="ns1.example.com", rname="hostmaster.example.com", serial=2024010101,
                                refresh=7200, retry=3600, expire=1209600, minimum=300, ttl=3600)),
        ("ptr", tdns.Record_PTR("www.example.com", ttl=3600)),
        ("mx", tdns.Record_MX(10, "mail.example.com", ttl=3600)),
        ("txt", tdns.Record_TXT(b"v=spf1 -all", b"second string", ttl=3600)),
        ("srv", tdns.Record_SRV(10, 60, 5060, "sip.example.com", ttl=3600)),
        ("naptr", tdns.Record_NAPTR(100, 10, b"S", b"SIP+D2U", b"", "_sip._udp.example.com", ttl=3600)),
        ("hinfo", tdns.Record_HINFO(b"x86_64", b"Linux", ttl=3600)),
        ("rp", tdns.Record_RP("admin.example.com", "info.example.com", ttl=3600)),
        ("sshfp", tdns.Record_SSHFP(4, 2, b"\xab" * 32, ttl=3600)),
        ("spf", tdns.Record_SPF(b"v=spf1 mx -all", ttl=3600)),
        ("unknown", tdns.UnknownRecord(b"\x0a\x00\x00\x01", ttl=3600)),
    ]
    for (fname, payload) in records:
        message = tdns.Message(id=0x1234, answer=1, recDes=1)
        message.queries = [tdns.Query(b"example.com", payload.TYPE if payload.TYPE is not None else 65280)]
        header = tdns.RRHeader(b"example.com", type=payload.TYPE if payload.TYPE is not None else 65280,
                               ttl=3600, payload=payload)
        message.answers = [header]
        write("twisted-" + fname, message.toStr())

    edns = tdns._EDNSMessage(id=99, recDes=True, dnssecOK=True, maxSize=1232, authenticData=True,
                             queries=[tdns.Query(b"example.com", tdns.AAAA)])
    write("twisted-edns-query", edns.toStr())


os.makedirs(OUT, exist_ok=True)
os.makedirs(SEEDS, exist_ok=True)
dnspython_messages()
twisted_messages()
