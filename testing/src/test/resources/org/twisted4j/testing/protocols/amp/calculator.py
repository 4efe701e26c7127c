"""The commands of twisted4j's AMP interop tests, declared with Python Twisted's amp.

Twisted's own example (Sum, and Divide with ZeroDivisionError as ZERO_DIVISION), Everything (one argument of
every type, answered with the same values, and refused unless they are SAMPLE), Boom (fails in a way it does not
declare) and Nope (nobody answers it). The Java side declares the same in Calculator.
"""
import datetime
import decimal

from twisted.protocols import amp
from twisted.python.filepath import FilePath


class Sum(amp.Command):
    arguments = [(b"a", amp.Integer()), (b"b", amp.Integer())]
    response = [(b"total", amp.Integer())]


class Divide(amp.Command):
    arguments = [(b"numerator", amp.Integer()), (b"denominator", amp.Integer())]
    response = [(b"result", amp.Float())]
    errors = {ZeroDivisionError: b"ZERO_DIVISION"}


PAIR = [(b"a", amp.Integer()), (b"b", amp.Unicode())]
EVERY_TYPE = [
    (b"integer", amp.Integer()),
    (b"big", amp.Integer()),
    (b"real", amp.Float()),
    (b"flag", amp.Boolean()),
    (b"raw", amp.String()),
    (b"text", amp.Unicode()),
    (b"path", amp.Path()),
    (b"when", amp.DateTime()),
    (b"decimal", amp.Decimal()),
    (b"numbers", amp.ListOf(amp.Integer())),
    (b"words", amp.ListOf(amp.Unicode())),
    (b"pairs", amp.AmpList(PAIR)),
    (b"maybe", amp.Unicode(optional=True)),
]


class Everything(amp.Command):
    arguments = EVERY_TYPE
    response = EVERY_TYPE


class Boom(amp.Command):
    pass


class Nope(amp.Command):
    pass


SAMPLE = {
    "integer": -42,
    "big": -(2**100),
    "real": float("-inf"),
    "flag": True,
    "raw": b"\x00\xffx",
    "text": "h\u00e9llo \u2603",
    "path": FilePath("/tmp/a b/\u00e9"),
    "when": datetime.datetime(2012, 1, 23, 12, 34, 56, 54321,
                              datetime.timezone(datetime.timedelta(hours=1, minutes=23))),
    "decimal": decimal.Decimal("-1.50E+7"),
    "numbers": [3, 7, -9],
    "words": ["a", "", "\u00fc"],
    "pairs": [{"a": 7, "b": "hello"}, {"a": 9, "b": ""}],
    "maybe": None,
}


def differences(values):
    """What of values is not SAMPLE (the decimal compared by its text, which keeps its exponent)."""
    wrong = []
    for name, expected in SAMPLE.items():
        got = values.get(name)
        if name == "decimal":
            same = str(got) == str(expected)
        else:
            same = got == expected and type(got) == type(expected)
        if not same:
            wrong.append(f"{name}: {got!r} != {expected!r}")
    return wrong
