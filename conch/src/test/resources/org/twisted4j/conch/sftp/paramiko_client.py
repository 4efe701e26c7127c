"""Drives an SFTP server on a TCP port with paramiko's SFTPClient over a plain socket (no SSH).

usage: paramiko_client.py PORT LOCAL_DIR
Prints one line per step; the test reads them and checks the server's root.
"""
import os
import socket
import stat
import sys

import paramiko



class NamedSocket(socket.socket):
    """A socket with the get_name() paramiko's logging asks a channel for."""

    def get_name(self):
        return "socket"


port, local = int(sys.argv[1]), sys.argv[2]
sock = NamedSocket(socket.AF_INET, socket.SOCK_STREAM)
sock.connect(("127.0.0.1", port))
sftp = paramiko.SFTPClient(sock)
print("cwd", sftp.normalize("."))
sftp.mkdir("dir", 0o750)
sftp.put(os.path.join(local, "upload.bin"), "dir/upload.bin")
print("size", sftp.stat("dir/upload.bin").st_size)
sftp.get("dir/upload.bin", os.path.join(local, "download.bin"))
with sftp.open("dir/written.txt", "w") as f:
    f.write(b"written by paramiko\n")
with sftp.open("dir/written.txt", "r") as f:
    print("read", f.read().decode().strip())
sftp.rename("dir/written.txt", "dir/renamed.txt")
sftp.posix_rename("dir/renamed.txt", "dir/final.txt")
sftp.symlink("final.txt", "dir/link")
print("readlink", sftp.readlink("dir/link"))
print("lstat-link", stat.S_ISLNK(sftp.lstat("dir/link").st_mode))
sftp.chmod("dir/final.txt", 0o640)
print("mode", oct(stat.S_IMODE(sftp.stat("dir/final.txt").st_mode)))
print("listdir", ",".join(sorted(sftp.listdir("dir"))))
sftp.remove("dir/link")
sftp.mkdir("empty")
sftp.rmdir("empty")
for escape in ("../outside.txt", "/../outside.txt", "dir/../../outside.txt"):
    try:
        sftp.stat(escape)
        print("escaped", escape)
    except PermissionError:
        print("refused", escape)
try:
    sftp.stat("missing")
except FileNotFoundError:
    print("missing refused")
sftp.close()
print("done")
