"""Fetches a URL with urllib's Basic or Digest handler and prints the status and the body.

Usage: urllib_auth.py basic|digest URL USER PASSWORD
Prints "STATUS BODY" on one line; for a refusal the Digest handler gives up on, "401 digest auth failed".
"""
import sys
import urllib.error
import urllib.request

mode, url, user, password = sys.argv[1:5]
passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
passwords.add_password(None, url, user, password)
if mode == "basic":
    handler = urllib.request.HTTPBasicAuthHandler(passwords)
else:
    handler = urllib.request.HTTPDigestAuthHandler(passwords)
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), handler)
try:
    with opener.open(url, timeout=20) as response:
        print(response.status, response.read().decode("utf-8"))
except urllib.error.HTTPError as e:
    # After a refused retry the Digest handler raises an error of its own, whose body is a str.
    body = e.read()
    print(e.code, body.decode("utf-8") if isinstance(body, bytes) else e.reason)
