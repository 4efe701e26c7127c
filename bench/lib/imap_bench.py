"""Times one IMAP server for bench/imap-vs-dovecot.sh: SELECT, FETCH 1:* (FLAGS ENVELOPE), SEARCH, and an IDLE
fan-out (N sessions idle on INBOX, one more APPENDs, time until every idler has heard EXISTS).

Usage: imap_bench.py PORT USER PASSWORD ROUNDS IDLERS. Prints NAME=SECONDS lines (the best of ROUNDS)."""
import socket
import sys
import time

port, user, password, rounds, idlers = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
warmup = int(sys.argv[6]) if len(sys.argv) > 6 else 0


class Session:
    def __init__(self):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=120)
        self.stream = self.sock.makefile("rb", buffering=1 << 20)
        self.n = 0
        self.stream.readline()
        self.command("LOGIN %s %s" % (user, password))

    def command(self, text, literal=None):
        self.n += 1
        tag = "t%d" % self.n
        if literal is None:
            self.sock.sendall(("%s %s\r\n" % (tag, text)).encode())
        else:
            self.sock.sendall(("%s %s {%d}\r\n" % (tag, text, len(literal))).encode())
            line = self.stream.readline()
            assert line.startswith(b"+"), line
            self.sock.sendall(literal + b"\r\n")
        count = 0
        while True:
            line = self.stream.readline()
            if not line:
                raise SystemExit("connection closed")
            if line.startswith(tag.encode() + b" "):
                if b" OK" not in line[:len(tag) + 4]:
                    raise SystemExit("failed: %r" % line)
                return count
            count += 1
            if line.endswith(b"}\r\n"):
                size = int(line[line.rindex(b"{") + 1:-3])
                self.stream.read(size)

    def wait_for(self, needle):
        while True:
            line = self.stream.readline()
            if not line:
                raise SystemExit("connection closed")
            if needle in line:
                return


def best(name, fn):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    print("%s=%.4f" % (name, min(times)), flush=True)


main = Session()
best("select", lambda: main.command("SELECT INBOX"))
best("fetch", lambda: main.command("FETCH 1:* (FLAGS ENVELOPE)"))
best("search", lambda: main.command('SEARCH FROM "alice" SUBJECT "7"'))

sessions = [Session() for _ in range(idlers)]
for s in sessions:
    s.command("SELECT INBOX")


def fanout():
    for s in sessions:
        s.n += 1
        s.sock.sendall(b"i%d IDLE\r\n" % s.n)
    for s in sessions:
        s.wait_for(b"+ ")
    main.command("APPEND INBOX", b"Subject: fan-out\r\n\r\nnew\r\n")
    for s in sessions:
        s.wait_for(b" EXISTS")
    for s in sessions:
        s.sock.sendall(b"DONE\r\n")
        s.wait_for(b"i%d OK" % s.n)


best("idle_fanout", fanout)
