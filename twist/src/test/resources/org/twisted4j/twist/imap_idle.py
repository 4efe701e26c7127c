"""Logs in over IMAP, selects INBOX and IDLEs (imaplib has no IDLE before 3.14, so it is spoken by hand).

Usage: imap_idle.py PORT USER PASSWORD. Prints "idling" once the server said "+", then every untagged line it
gets, and "exists" when an EXISTS arrives; ends with DONE and LOGOUT. Gives up after 20 seconds."""
import socket
import sys

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
sock = socket.create_connection(("127.0.0.1", port), timeout=20)
stream = sock.makefile("rb")


def command(tag, text):
    sock.sendall(("%s %s\r\n" % (tag, text)).encode())
    while True:
        line = stream.readline().decode()
        if line.startswith(tag + " "):
            if " OK " not in line:
                sys.exit("failed: " + line)
            return


stream.readline()
command("a", "LOGIN %s %s" % (user, password))
command("b", "SELECT INBOX")
sock.sendall(b"c IDLE\r\n")
line = stream.readline().decode()
if not line.startswith("+"):
    sys.exit("no continuation: " + line)
print("idling", flush=True)
while True:
    line = stream.readline().decode()
    if not line:
        sys.exit("closed")
    print(line.rstrip(), flush=True)
    if line.endswith("EXISTS\r\n"):
        print("exists", flush=True)
        break
sock.sendall(b"DONE\r\n")
while not stream.readline().decode().startswith("c OK"):
    pass
command("d", "LOGOUT")
