"""Drives a news server with Python's nntplib; argv: port. Prints one line per step."""
import io
import sys
import warnings

warnings.simplefilter("ignore", DeprecationWarning)
import nntplib  # noqa: E402  (deprecated since 3.11, removed in 3.13)

port = int(sys.argv[1])
if sys.argv[2] == "tls":
    import ssl

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    s = nntplib.NNTP_SSL("127.0.0.1", port, ssl_context=context, readermode=True, timeout=30)
else:
    s = nntplib.NNTP("127.0.0.1", port, readermode=True, timeout=30)
if sys.argv[2] == "starttls":
    import ssl

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    print("before", sorted(k for k in s.getcapabilities() if k in ("STARTTLS", "AUTHINFO")))
    s.starttls(context)
    print("tls", s.sock.version().startswith("TLS"))
    s.login("alice", "secret")
    print("login", "accepted")
print("welcome", s.getwelcome())
caps = s.getcapabilities()
print("caps", sorted(k for k in caps if k in ("VERSION", "READER", "POST", "OVER", "HDR", "NEWNEWS")))
print("date", s.date()[0], s.date()[1].year >= 2000)
print("list", [(g.group, g.last, g.first, g.flag) for g in s.list()[1]])
print("descriptions", sorted(s.descriptions("local.*")[1].items()))
article = (
    b"From: Python <py@example.com>\r\n"
    b"Newsgroups: local.test\r\n"
    b"Subject: hello from nntplib\r\n"
    b"Message-ID: <nntplib-1@example.com>\r\n"
    b"\r\n"
    b".a line that starts with a dot\r\n"
    b"second line\r\n"
)
print("post", s.post(io.BytesIO(article)))
for i in range(2, 5):
    s.post([b"From: py@example.com", b"Newsgroups: local.test", b"Subject: number %d" % i, b"", b"body %d" % i])
resp, count, first, last, name = s.group("local.test")
print("group", resp, count, first, last, name)
resp, overviews = s.over((first, last))
print("over", [(n, o["subject"], o[":lines"]) for n, o in overviews])
resp, overviews = s.xover(first, last)
print("xover", len(overviews))
resp, info = s.article("<nntplib-1@example.com>")
print("article", info.number, info.message_id, info.lines[-2:])
resp, info = s.body(first)
print("body", info.number, info.lines)
resp, info = s.head(last)
print("head", [line for line in info.lines if line.startswith(b"Subject")])
print("stat", s.stat(first)[1:])
print("next", s.next()[1:])
print("last", s.last()[1:])
print("hdr", s.xhdr("subject", "%d-%d" % (first, last))[1][:2])
print("newnews", s.newnews("local.*", s.date()[1].replace(year=2000))[1][:1])
print("listgroup", s.group("local.test")[1])
try:
    s.group("no.such.group")
except nntplib.NNTPTemporaryError as e:
    print("nosuch", e)
try:
    s.post(io.BytesIO(article))
except nntplib.NNTPError as e:
    print("duplicate", e)
try:
    s.article("<missing@example.com>")
except nntplib.NNTPTemporaryError as e:
    print("missing", e)
print("quit", s.quit())
