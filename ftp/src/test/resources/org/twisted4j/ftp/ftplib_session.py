"""Drives a server with Python's ftplib; argv: port, mode (plain | tls). Prints one line per step."""
import ftplib
import io
import ssl
import sys

port = int(sys.argv[1])
mode = sys.argv[2]

if mode == "plain":
    ftp = ftplib.FTP()
else:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    ftp = ftplib.FTP_TLS(context=context)
ftp.connect("127.0.0.1", port, timeout=30)
print("welcome", ftp.getwelcome())
print("login", ftp.login("alice", "secret"))
if mode != "plain":
    print("prot", ftp.prot_p())
print("pwd", ftp.pwd())
print("mkd", ftp.mkd("docs"))
print("cwd", ftp.cwd("docs"))
data = bytes(range(256)) * 16384  # 4 MiB
try:
    print("stor", ftp.storbinary("STOR blob.bin", io.BytesIO(data)))
except (ftplib.all_errors) as e:
    print("stor-refused", e)
    try:
        ftp.quit()
    except ftplib.all_errors:
        pass
    sys.exit(0)
print("size", ftp.size("blob.bin"))
print("mdtm", ftp.sendcmd("MDTM blob.bin")[:4])
print("nlst", ftp.nlst())
facts = dict(ftp.mlsd())
print("mlsd", sorted(facts), facts["blob.bin"]["type"], facts["blob.bin"]["size"])
out = io.BytesIO()
print("retr", ftp.retrbinary("RETR blob.bin", out.write), out.getvalue() == data)
out = io.BytesIO()
print("rest", ftp.retrbinary("RETR blob.bin", out.write, rest=1000), out.getvalue() == data[1000:])
lines = []
print("list", ftp.retrlines("LIST", lines.append), len(lines))
print("rename", ftp.rename("blob.bin", "moved.bin"))
print("delete", ftp.delete("moved.bin"))
print("cdup", ftp.sendcmd("CDUP"))
print("rmd", ftp.rmd("docs"))
try:
    ftp.sendcmd("RNTO nowhere")
except ftplib.error_perm as e:
    print("rnto", e)
try:
    ftp.cwd("../..")
except ftplib.error_perm as e:
    print("escape", e)
print("quit", ftp.quit())
