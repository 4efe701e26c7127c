"""Signs the hex data given as the only argument with a fresh key of every type Twisted's conch knows.

Prints one line per signature: the signature algorithm, the public key blob and the signature, both in base 64
and in SSH wire form, as Twisted's Key.public().blob() and Key.sign() make them.
"""
import base64
import sys

from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, rsa
from twisted.conch.ssh import keys

data = bytes.fromhex(sys.argv[1])
cases = [
    (keys.Key(ed25519.Ed25519PrivateKey.generate()), [b"ssh-ed25519"]),
    (keys.Key(ec.generate_private_key(ec.SECP256R1())), [b"ecdsa-sha2-nistp256"]),
    (keys.Key(ec.generate_private_key(ec.SECP384R1())), [b"ecdsa-sha2-nistp384"]),
    (keys.Key(ec.generate_private_key(ec.SECP521R1())), [b"ecdsa-sha2-nistp521"]),
    (keys.Key(rsa.generate_private_key(65537, 2048)), [b"rsa-sha2-256", b"rsa-sha2-512", b"ssh-rsa"]),
    (keys.Key(dsa.generate_private_key(1024)), [b"ssh-dss"]),
]
for key, algorithms in cases:
    for algorithm in algorithms:
        print(algorithm.decode(), base64.b64encode(key.public().blob()).decode(),
              base64.b64encode(key.sign(data, algorithm)).decode())
