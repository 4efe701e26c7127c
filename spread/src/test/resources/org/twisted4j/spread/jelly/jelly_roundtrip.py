"""Python Twisted's side of twisted4j's jelly round trip.

Reads lines of hex from standard input, each the Banana bytes of an s-expression jellied by twisted4j;
unjellies each with Twisted's globalSecurity (basic types, plus geometry.Point registered below), jellies
the value again and prints the hex of its Banana bytes and the Python type of the value, one line each.
"""
import sys

from twisted.spread import banana, jelly


class Point(jelly.Jellyable, jelly.Unjellyable):
    """geometry.Point: travels as its attribute dictionary."""

    def jellyFor(self, jellier):
        sexp = jellier.prepare(self)
        sexp.extend([b"geometry.Point", jellier.jelly(self.__dict__)])
        return jellier.preserve(self, sexp)


jelly.setUnjellyableForClass("geometry.Point", Point)

for line in sys.stdin:
    value = jelly.unjelly(banana.decode(bytes.fromhex(line.strip())), jelly.globalSecurity)
    print(banana.encode(jelly.jelly(value)).hex(), type(value).__name__, flush=True)
