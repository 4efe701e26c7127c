"""Python's own TLS (the ssl module of the standard library) against our TLS line servers.

Usage: tls_line_client.py starttls|direct PORT CA_PEM MESSAGE. With starttls, sends STARTTLS in the clear
and expects READY before starting TLS on the same socket; with direct, starts TLS at once. Checks the
server's certificate against CA_PEM for the name localhost, sends MESSAGE as a line and reads the echo.
Prints "tls: VERSION CIPHER" and "echoed: LINE"; exits 0 if LINE is MESSAGE.
"""
import socket
import ssl
import sys


def read_line(stream):
    line = b""
    while not line.endswith(b"\r\n"):
        byte = stream.recv(1)
        if not byte:
            raise SystemExit("connection closed after %r" % line)
        line += byte
    return line[:-2]


def main(mode, port, ca_pem, message):
    context = ssl.create_default_context(cafile=ca_pem)
    with socket.create_connection(("127.0.0.1", int(port)), timeout=10) as plain:
        if mode == "starttls":
            plain.sendall(b"STARTTLS\r\n")
            answer = read_line(plain)
            if answer != b"READY":
                raise SystemExit("expected READY, got %r" % answer)
        with context.wrap_socket(plain, server_hostname="localhost") as secure:
            print("tls: %s %s" % (secure.version(), secure.cipher()[0]), flush=True)
            secure.sendall(message.encode("utf-8") + b"\r\n")
            line = read_line(secure)
            print("echoed: " + line.decode("utf-8"), flush=True)
            if line != message.encode("utf-8"):
                raise SystemExit(1)


main(*sys.argv[1:])
