"""Python's plain socket module against the UDP echo server: sends one datagram and checks it comes back.

Usage: udp_echo_client.py PORT MESSAGE. Prints "echoed: DATAGRAM"; exits 0 if it is MESSAGE, 1 otherwise.
"""
import socket
import sys

port, message = int(sys.argv[1]), sys.argv[2].encode("utf-8")
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
    sock.settimeout(10)
    sock.sendto(message, ("127.0.0.1", port))
    data, sender = sock.recvfrom(65535)
print("echoed: " + data.decode("utf-8"), flush=True)
sys.exit(0 if data == message and sender == ("127.0.0.1", port) else 1)
