"""Python Twisted's smtp.sendmail delivering to a twisted4j server: prints the result.

Usage: twisted_smtp_client.py PORT
"""
import sys

from twisted.internet import task
from twisted.mail import smtp


def main(reactor, port):
    # The client sends each line of the file with CRLF: the file itself has LF line ends.
    body = b"Subject: from Twisted\n\nhello from twisted.mail\n.leading dot\n"
    d = smtp.sendmail("127.0.0.1", b"alice@example.test", [b"bob@example.test", b"carol@example.test"], body,
                      port=int(port), requireAuthentication=False, requireTransportSecurity=False)

    def done(result):
        count, results = result
        print("sent", count, " ".join("%s:%d" % (a.decode(), c) for a, c, _ in results))

    return d.addCallback(done)


task.react(main, sys.argv[1:])
