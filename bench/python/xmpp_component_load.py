"""
Load for an XMPP component router (XEP-0114): connects two components, a.bench and b.bench, to the router on
127.0.0.1:PORT with SECRET, then sends MESSAGES chat messages from a.bench to b.bench in batches, with at most
WINDOW in flight, and prints one line: "messages=N seconds=S rate=R" once b.bench has received them all.
The same program measures every router, so its own cost is the same for each.
"""
import hashlib
import re
import socket
import sys
import threading
import time

port, secret, messages, window = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
BATCH = 500
HEADER = ("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept'"
          " to='%s'>")


def connect(domain):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    s.sendall((HEADER % domain).encode())
    data = b""
    while True:
        m = re.search(rb"id=['\"]([^'\"]+)['\"]", data)
        if m and b">" in data[m.end():]:
            break
        chunk = s.recv(4096)
        if not chunk:
            raise SystemExit("router closed the stream of %s: %r" % (domain, data))
        data += chunk
    sid = m.group(1).decode()
    digest = hashlib.sha1((sid + secret).encode()).hexdigest()
    s.sendall(("<handshake>%s</handshake>" % digest).encode())
    data = b""
    while b"<handshake" not in data:
        chunk = s.recv(4096)
        if not chunk:
            raise SystemExit("router refused %s: %r" % (domain, data))
        data += chunk
    return s


a = connect("a.bench")
b = connect("b.bench")
time.sleep(0.2)  # the router adds the route after sending <handshake/>
received = 0
lock = threading.Condition()


def reader():
    global received
    tail = b""
    while True:
        chunk = b.recv(1 << 16)
        if not chunk:
            return
        data = tail + chunk
        n = data.count(b"</message>")
        cut = data.rfind(b"</message>")
        tail = data[cut + len(b"</message>"):] if cut >= 0 else data
        tail = tail[-20:]
        if n:
            with lock:
                received += n
                lock.notify_all()


threading.Thread(target=reader, daemon=True).start()
one = ("<message to='user@b.bench' from='user@a.bench' type='chat'><body>hello, component number %d</body>"
       "</message>")
batch = "".join(one % i for i in range(BATCH)).encode()
start = time.monotonic()
sent = 0
while sent < messages:
    with lock:
        while sent - received > window:
            lock.wait()
    a.sendall(batch)
    sent += BATCH
with lock:
    while received < sent:
        if not lock.wait(60):
            raise SystemExit("only %d of %d messages arrived" % (received, sent))
seconds = time.monotonic() - start
print("messages=%d seconds=%.3f rate=%.0f" % (sent, seconds, sent / seconds), flush=True)
a.close()
b.close()
