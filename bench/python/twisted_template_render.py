"""The page of bench/template-vs-twisted.sh rendered by Python Twisted's twisted.web.template, as often as it can.

    python3 twisted_template_render.py TEMPLATE ROWS WARMUP DURATION OUT

Renders the page (flattenString, no request) for WARMUP seconds, then counts renders for DURATION seconds; writes
one page to OUT and prints one line: template-render side=twisted rows=... renders=... seconds=... rate=...
bytes=... sha256=...
"""
import hashlib
import sys
import time

from twisted.python.filepath import FilePath
from twisted.web.template import Element, XMLFile, flattenString, renderer


class Page(Element):
    def __init__(self, loader, rows):
        Element.__init__(self, loader)
        self.items = rows

    @renderer
    def page(self, request, tag):
        return tag.fillSlots(title="Items & prices", who="Twisted <web>")

    @renderer
    def rows(self, request, tag):
        for ident, name, price in self.items:
            yield tag.clone().fillSlots(id=ident, name=name, label="See " + name, price=price)


def data(rows):
    return [(str(n), "Item %d <%s> & co" % (n, "x" * (n % 7)), "%d.%02d" % (n * 3 // 100, n * 3 % 100))
            for n in range(1, rows + 1)]


def render(loader, items):
    out = []
    flattenString(None, Page(loader, items)).addBoth(out.append)
    if not isinstance(out[0], bytes):
        out[0].raiseException()
    return out[0]


def main():
    template, rows, warmup, duration, out = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    loader = XMLFile(FilePath(template))
    items = data(rows)
    page = render(loader, items)
    with open(out, "wb") as f:
        f.write(page)
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        render(loader, items)
    count = 0
    start = time.perf_counter()
    end = start + duration
    now = start
    while now < end:
        render(loader, items)
        count += 1
        now = time.perf_counter()
    seconds = now - start
    print("template-render side=twisted rows=%d renders=%d seconds=%.3f rate=%.1f bytes=%d sha256=%s"
          % (rows, count, seconds, count / seconds, len(page), hashlib.sha256(page).hexdigest()))


main()
