"""Writes banana-vectors.txt: what Python Twisted's Banana encodes for each named value.

Run with Debian's python3 (python3-twisted installed) from this folder; BananaCodecTest holds the same
names and values on the Java side and compares byte for byte. Each line: dialect, name, hex.
"""
import math
from io import BytesIO

from twisted.spread import banana

INTS = {
    "int_0": 0, "int_1": 1, "int_127": 127, "int_128": 128, "int_16383": 16383, "int_16384": 16384,
    "int_2p21m1": 2**21 - 1, "int_2p21": 2**21, "int_2p28m1": 2**28 - 1, "int_2p28": 2**28,
    "int_2p31m1": 2**31 - 1, "int_2p31": 2**31, "int_2p32": 2**32, "int_2p35": 2**35, "int_2p56": 2**56,
    "int_2p62": 2**62, "int_2p63m1": 2**63 - 1, "int_2p63": 2**63, "int_2p64": 2**64, "int_2p100": 2**100,
    "int_2p448m1": 2**448 - 1,
    "neg_1": -1, "neg_127": -127, "neg_128": -128, "neg_2p31": -(2**31), "neg_2p31m1": -(2**31) - 1,
    "neg_2p63": -(2**63), "neg_2p63m1": -(2**63) - 1, "neg_2p64": -(2**64), "neg_2p448m1": -(2**448 - 1),
}
FLOATS = {
    "float_0": 0.0, "float_neg0": -0.0, "float_1_5": 1.5, "float_neg2_25": -2.25, "float_1e308": 1e308,
    "float_min": 5e-324, "float_inf": math.inf, "float_neginf": -math.inf, "float_nan": math.nan,
}
STRINGS = {
    "bytes_empty": b"", "bytes_a": b"a", "bytes_127": b"x" * 127, "bytes_128": b"x" * 128,
    "bytes_all": bytes(range(256)), "bytes_16384": b"y" * 16384,
}
LISTS = {
    "list_empty": [], "list_nested": [1, [2, [3, []]]],
    "list_mixed": [b"a", 1, -1, 1.5, [b"list"], 2**64],
    "list_128": list(range(128)),
}
PB = dict({"vocab_" + w.decode(): w for w in banana.Banana.outgoingVocabulary},
          pb_message=[b"message", 1, b"root", b"echo", 1, [b"tuple", [b"unicode", b"hi"]], [b"dictionary"]],
          pb_notaword=b"notaword", pb_dialects=[b"pb", b"none"])


def encoder(dialect):
    b = banana.Banana()
    b.connectionMade()
    b._selectDialect(dialect)
    return b


def encode(b, value):
    out = BytesIO()
    b.transport = out
    b.sendEncoded(value)
    return out.getvalue()


with open("banana-vectors.txt", "w") as f:
    none = encoder(None)
    for table in (INTS, FLOATS, STRINGS, LISTS):
        for name, value in table.items():
            f.write(f"none {name} {encode(none, value).hex()}\n")
    pb = encoder(b"pb")
    for name, value in PB.items():
        f.write(f"pb {name} {encode(pb, value).hex()}\n")
