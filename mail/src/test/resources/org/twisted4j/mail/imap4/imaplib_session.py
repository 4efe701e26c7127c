"""Drives an IMAP server with Python's imaplib and prints what it answered, one line per step.

Usage: imaplib_session.py PORT
"""
import imaplib
import sys

port = int(sys.argv[1])
m = imaplib.IMAP4("127.0.0.1", port)
print("caps", " ".join(sorted(m.capabilities)))
print("login", m.login("alice", "secret")[0])
print("create", m.create("Work")[0])
typ, data = m.list()
print("list", typ, [d.decode() for d in data])
message = b"From: Alice <alice@a.test>\r\nSubject: imaplib\r\n\r\nHello from imaplib\r\n"
print("append", m.append("INBOX", "(\\Flagged)", None, message)[0])
typ, data = m.select("INBOX")
print("select", typ, data[0].decode())
typ, data = m.search(None, "FLAGGED")
print("search", typ, data[0].decode())
typ, data = m.fetch("1", "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY[TEXT])")
print("fetch", typ, repr(data))
typ, data = m.uid("FETCH", "1", "(UID RFC822.SIZE)")
print("uid-fetch", typ, data[0].decode())
print("store", m.store("1", "+FLAGS", "(\\Deleted)")[0])
print("copy", m.copy("1", "Work")[0])
typ, data = m.expunge()
print("expunge", typ, [d.decode() for d in data if d])
typ, data = m.status("Work", "(MESSAGES UIDNEXT)")
print("status", typ, data[0].decode())
print("close", m.close()[0])
print("logout", m.logout()[0])
