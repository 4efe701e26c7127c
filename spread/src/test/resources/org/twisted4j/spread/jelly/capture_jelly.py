"""Writes jelly-vectors.txt: Banana bytes of what Python Twisted's jelly makes of each named value.

Run with Debian's python3 (python3-twisted installed) from this folder; JellyVectorsTest holds the same
names and values on the Java side. Each line: name, hex of banana.encode(jelly.jelly(value)).
"""
import datetime
import decimal

from twisted.spread import banana, jelly


def cases():
    yield "none", None
    yield "true", True
    yield "false", False
    yield "int", 42
    yield "neg", -5
    yield "big", 2**70
    yield "float", 1.5
    yield "bytes", b"raw\x00bytes"
    yield "str", "h\u00e9llo \u2603"
    yield "str_empty", ""
    yield "list_empty", []
    yield "list", [1, "a", b"b", None]
    yield "tuple_empty", ()
    yield "tuple", (1, (2.5, True))
    yield "dict", {"a": 1, 2: b"x", (1, 2): [3]}
    yield "set", {7}
    yield "frozenset", frozenset([b"f"])
    yield "datetime", datetime.datetime(2020, 1, 2, 3, 4, 5, 6)
    yield "date", datetime.date(1999, 12, 31)
    yield "time", datetime.time(23, 59, 58, 999999)
    yield "timedelta", datetime.timedelta(days=1, seconds=2, microseconds=3)
    yield "timedelta_neg", datetime.timedelta(microseconds=-1)
    yield "decimal", decimal.Decimal("1.50")
    yield "decimal_neg", decimal.Decimal("-12.345")
    yield "decimal_exp", decimal.Decimal("1E+5")
    shared = [1]
    yield "shared_list", [shared, shared]
    cycle = []
    cycle.append(cycle)
    yield "cycle_list", cycle
    d = {}
    d["self"] = d
    yield "cycle_dict", d
    inner = []
    t = (inner,)
    inner.append(t)
    yield "cycle_tuple_via_list", t
    inner2 = []
    t2 = (inner2,)
    inner2.append(t2)
    yield "cycle_list_via_tuple", inner2
    s = "shared string"
    tup = (1,)
    yield "shared_tuple", [tup, tup, {"k": tup}]
    deep = [[[[]]]]
    yield "nested", [deep, {"x": [deep]}]


with open("jelly-vectors.txt", "w") as f:
    for name, value in cases():
        f.write(f"{name} {banana.encode(jelly.jelly(value)).hex()}\n")
