"""Python's smtplib against a twisted4j SMTP server: prints one line per check.

Usage: smtplib_client.py PORT
The server has a 2000-octet message limit, STARTTLS with a self-signed certificate, and user alice/secret.
"""
import smtplib
import ssl
import sys
from email.message import EmailMessage

port = int(sys.argv[1])


def message(body, to="bob@example.test"):
    m = EmailMessage()
    m["From"] = "alice@example.test"
    m["To"] = to
    m["Subject"] = "smtplib"
    m.set_content(body, cte="8bit")
    return m


with smtplib.SMTP("127.0.0.1", port) as s:
    code, _ = s.ehlo("python.test")
    print("ehlo", code, " ".join(sorted(s.esmtp_features)))
    refused = s.send_message(message("caf\u00e9 \u2615 8bit body\n"), mail_options=["BODY=8BITMIME"])
    print("8bitmime", "refused" if refused else "sent")
    refused = s.send_message(message("utf8 address\n", to="j\u00f6ran@example.test"),
                             from_addr="m\u00fcller@example.test", to_addrs=["j\u00f6ran@example.test"])
    print("smtputf8", "refused" if refused else "sent")
    try:
        s.sendmail("alice@example.test", ["bob@example.test"], b"Subject: big\r\n\r\n" + b"x" * 3000 + b"\r\n")
        print("size", "sent")
    except smtplib.SMTPSenderRefused as e:
        print("size", e.smtp_code, e.smtp_error.decode())
    s.mail("alice@example.test")
    s.rcpt("bob@example.test")
    chunk = b"Subject: bdat\r\n\r\nchunked\r\n"
    s.putcmd("BDAT %d LAST" % len(chunk))
    s.send(chunk)
    print("bdat", *s.getreply())

with smtplib.SMTP("127.0.0.1", port) as s:
    s.ehlo("python.test")
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    s.starttls(context=context)
    s.ehlo("python.test")
    print("tls-ehlo", " ".join(sorted(s.esmtp_features)))
    code, _ = s.login("alice", "secret")
    print("login", code)
    refused = s.send_message(message("after tls and login\n"))
    print("tls-send", "refused" if refused else "sent")
