"""Reads and deletes every message of a POP3 mailbox with poplib: pop3_fetch.py PORT USER PASSWORD."""
import poplib
import sys

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
box = poplib.POP3("127.0.0.1", port, timeout=30)
print("greeting", box.getwelcome().decode())
print("capa", sorted(box.capa()))
box.user(user)
box.pass_(password)
count, size = box.stat()
print("stat", count, size)
for number in range(1, count + 1):
    response, lines, octets = box.retr(number)
    print("uidl", box.uidl(number).decode())
    print("message", number, octets)
    for line in lines:
        print(">", line.decode())
    box.dele(number)
print("quit", box.quit().decode())
