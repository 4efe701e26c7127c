"""Renders a template with Python Twisted's twisted.web.template, for TemplateInteropTest.

    python3 template_render.py page PAGE.xml DATA.json   # the page.xml Element, written with flattenString
    python3 template_render.py stan DATA.json            # a tree built with tags, written with flattenString

The bytes go to stdout as they are.
"""
import json
import sys

from twisted.internet.defer import succeed
from twisted.python.filepath import FilePath
from twisted.web.template import (CDATA, CharRef, Comment, Element, TagLoader, XMLFile, flattenString,
                                  renderer, slot, tags)


class Inner(Element):
    loader = TagLoader(tags.span(tags.b(render="who"), class_="inner"))

    def __init__(self, who):
        Element.__init__(self)
        self.who_ = who

    @renderer
    def who(self, request, tag):
        return tag(self.who_)


class Page(Element):
    def __init__(self, path, data):
        Element.__init__(self, XMLFile(FilePath(path)))
        self.data = data

    @renderer
    def body(self, request, tag):
        return tag.fillSlots(title=self.data["title"], query=self.data["query"])

    @renderer
    def heading(self, request, tag):
        return tag.clear()(self.data["title"])

    @renderer
    def items(self, request, tag):
        return [tag.clone().fillSlots(id=item["id"], name=item["name"]) for item in self.data["items"]]

    @renderer
    def later(self, request, tag):
        return succeed(tags.em(self.data["late"]))

    @renderer
    def tagInAttr(self, request, tag):
        return tag(CharRef(9731), Comment("x--"), " text",
                   title=tags.b(self.data["title"], tags.i(title=self.data["query"])),
                   **{"data-c": [Comment("c--x>"), CDATA("a]]>b"), CharRef(9731)]})

    @renderer
    def nested(self, request, tag):
        return Inner(self.data["query"])


def stan(data):
    return tags.html(
        tags.head(tags.title(data["title"])),
        tags.body(
            tags.div(*[tags.p(item["name"], title=item["id"]) for item in data["items"]], class_="x", id=data["query"]),
            tags.br(), tags.img(src=data["query"]), tags.hr(tags.b("not void")),
            tags.transparent(slot("s"), slot("d", default="dflt")).fillSlots(s=data["title"]),
            tags.div(tags.span(slot("s")), tags.span(slot("s")).fillSlots(s="inner")).fillSlots(s="outer"),
            tags.textarea(data["late"], name=tags.transparent(data["query"], tags.b(data["query"]))),
        ),
    )


def main():
    mode = sys.argv[1]
    if mode == "page":
        with open(sys.argv[3], encoding="utf-8") as f:
            data = json.load(f)
        root = Page(sys.argv[2], data)
    else:
        with open(sys.argv[2], encoding="utf-8") as f:
            data = json.load(f)
        root = stan(data)
    result = []
    flattenString(None, root).addBoth(result.append)
    if not isinstance(result[0], bytes):
        result[0].raiseException()
    sys.stdout.buffer.write(result[0])


main()
