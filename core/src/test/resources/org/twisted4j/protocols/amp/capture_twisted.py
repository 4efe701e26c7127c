"""Writes, for AmpBoxTest and ArgumentsTest, what Python Twisted's amp puts on the wire.

Run with a Python that imports twisted:
    /usr/bin/python3 capture_twisted.py > twisted-wire.txt
Each line: a label, a tab, the bytes in hex.
"""
import datetime
import decimal

from twisted.protocols import amp
from twisted.python.filepath import FilePath


def line(label, data):
    print(label + "\t" + data.hex())


line("box.empty", amp.AmpBox().serialize())
line("box.sum", amp.AmpBox({b"_command": b"Sum", b"_ask": b"1", b"a": b"13", b"b": b"81"}).serialize())
line("box.answer", amp.AmpBox({b"_answer": b"1", b"total": b"94"}).serialize())
line("box.error", amp.AmpBox({b"_error": b"2", b"_error_code": b"ZERO_DIVISION",
                              b"_error_description": b"division by zero"}).serialize())
line("box.binary", amp.AmpBox({b"\xff": b"\x00\x01", b"k" * 255: b"v" * 1000, b"B": b""}).serialize())

for value in [0, 1, -1, 42, 2**63 - 1, -(2**63), 2**100]:
    line("integer." + str(value), amp.Integer().toString(value))
for value in [0.0, -0.0, 1.0, 1.5, 0.1, -2.5, 3.14159, 1e16, 1e15, 123456789012345678.0, 1e-5, 0.0001,
              1.234e-7, 5e-324, 1.7976931348623157e308, 1e22, 2.0**70, float("inf"), float("-inf"),
              float("nan")]:
    line("float." + repr(value), amp.Float().toString(value))
import random
import struct

sample = random.Random(20261206)
for _ in range(300):
    value = struct.unpack("!d", sample.getrandbits(64).to_bytes(8, "big"))[0]
    if value == value:
        line("float." + repr(value), amp.Float().toString(value))
for _ in range(100):
    value = round(sample.uniform(-1000, 1000), sample.randrange(0, 8))
    line("float." + repr(value), amp.Float().toString(value))
line("boolean.True", amp.Boolean().toString(True))
line("boolean.False", amp.Boolean().toString(False))
line("string.bytes", amp.String().toString(b"\x00\xffabc"))
line("unicode.text", amp.Unicode().toString("h\u00e9llo \u2603 \U0001f600"))
line("path.abs", amp.Path().toString(FilePath("/tmp/a b/\u00e9")))
plus = datetime.timezone(datetime.timedelta(hours=1, minutes=23))
minus = datetime.timezone(-datetime.timedelta(hours=5, minutes=30))
line("datetime.plus", amp.DateTime().toString(datetime.datetime(2012, 1, 23, 12, 34, 56, 54321, plus)))
line("datetime.minus", amp.DateTime().toString(datetime.datetime(1, 2, 3, 4, 5, 6, 7, minus)))
line("datetime.utc", amp.DateTime().toString(datetime.datetime(9999, 12, 31, 23, 59, 59, 999999,
                                                               datetime.timezone.utc)))
for text in ["1", "-1", "1.0", "10", "1E+2", "1E-1", "1.5E+2", "0.0000001", "1E-7", "123.456", "-0", "-0.00",
             "0E+3", "Infinity", "-Infinity", "NaN", "-NaN", "sNaN", "-sNaN", "12345678901234567890.123"]:
    line("decimal." + text, amp.Decimal().toString(decimal.Decimal(text)))
line("listof.integers", amp.ListOf(amp.Integer()).toString([3, 7, 9, 15]))
line("listof.unicode", amp.ListOf(amp.Unicode()).toString(["a", "", "\u00fc"]))
line("listof.empty", amp.ListOf(amp.Integer()).toString([]))
pairs = amp.AmpList([(b"a", amp.Integer()), (b"b", amp.Unicode())])
line("amplist.pairs", pairs.toStringProto([{"a": 7, "b": "hello"}, {"a": 9, "b": "goodbye"}], None))
line("amplist.empty", pairs.toStringProto([], None))
