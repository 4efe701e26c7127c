# A zone for Python Twisted's `twist dns --pyzone` (its --bindzone cannot read a file on Python 3 in Twisted 22.4).
zone = [
    SOA('twisted.test', mname='ns1.twisted.test', rname='hostmaster.twisted.test', serial=7, refresh=7200,
        retry=900, expire=1209600, minimum=60, ttl=300),
    NS('twisted.test', 'ns1.twisted.test'),
    MX('twisted.test', 10, 'mail.twisted.test'),
    A('ns1.twisted.test', '192.0.2.1'),
    A('mail.twisted.test', '192.0.2.2'),
    A('www.twisted.test', '192.0.2.3'),
    AAAA('www.twisted.test', '2001:db8::3'),
    CNAME('alias.twisted.test', 'www.twisted.test'),
    TXT('txt.twisted.test', b'hello world'),
    SRV('_sip._tcp.twisted.test', 10, 5, 5060, 'mail.twisted.test'),
]
