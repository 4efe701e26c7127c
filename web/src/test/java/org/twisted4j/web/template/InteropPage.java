package org.twisted4j.web.template;

import static org.twisted4j.web.template.Tags.b;
import static org.twisted4j.web.template.Tags.br;
import static org.twisted4j.web.template.Tags.div;
import static org.twisted4j.web.template.Tags.em;
import static org.twisted4j.web.template.Tags.head;
import static org.twisted4j.web.template.Tags.hr;
import static org.twisted4j.web.template.Tags.html;
import static org.twisted4j.web.template.Tags.i;
import static org.twisted4j.web.template.Tags.img;
import static org.twisted4j.web.template.Tags.p;
import static org.twisted4j.web.template.Tags.slot;
import static org.twisted4j.web.template.Tags.span;
import static org.twisted4j.web.template.Tags.textarea;
import static org.twisted4j.web.template.Tags.title;
import static org.twisted4j.web.template.Tags.transparent;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.web.Request;

/**
 * The page of {@code page.xml} and the tree of {@link #stan}, with the same renderers and data as
 * {@code template_render.py} has in Python, so that their outputs can be compared byte for byte.
 */
final class InteropPage extends Element {

    /** The data both sides render: hostile text in every place it can go. */
    record Data(String title, String query, List<Map<String, String>> items, String late) {
        static final Data HOSTILE = new Data("<script>alert(\"t&t\")</script> é ☃ 😀", "a\"b&c<d>'e",
                List.of(Map.of("id", "1", "name", "first & <best>"), Map.of("id", "2\"", "name", "second ]]> -->"),
                        Map.of("id", "3", "name", "third\nline\ttab")),
                "late \"value\" & <more>");

        String json() {
            StringBuilder out = new StringBuilder("{\"title\": ").append(quote(title)).append(", \"query\": ")
                    .append(quote(query)).append(", \"late\": ").append(quote(late)).append(", \"items\": [");
            for (int n = 0; n < items.size(); n++) {
                Map<String, String> item = items.get(n);
                out.append(n == 0 ? "" : ", ").append("{\"id\": ").append(quote(item.get("id"))).append(", \"name\": ")
                        .append(quote(item.get("name"))).append('}');
            }
            return out.append("]}").toString();
        }

        private static String quote(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }
    }

    private final Data data;

    InteropPage(TemplateLoader loader, Data data) {
        super(loader);
        this.data = data;
    }

    @Renderer
    public Object body(@Nullable Request request, Tag tag) {
        return tag.fillSlots("title", data.title()).fillSlots("query", data.query());
    }

    @Renderer
    public Object heading(@Nullable Request request, Tag tag) {
        return tag.clear().add(data.title());
    }

    @Renderer
    public Object items(@Nullable Request request, Tag tag) {
        return data.items().stream().map(item -> tag.clone().fillSlots("id", item.get("id")).fillSlots("name",
                item.get("name"))).toList();
    }

    @Renderer
    public Object later(@Nullable Request request, Tag tag) {
        return Deferred.succeed(em(data.late()));
    }

    @Renderer
    public Object tagInAttr(@Nullable Request request, Tag tag) {
        return tag.add(new CharRef(9731), new Comment("x--"), " text")
                .attr("title", b(data.title(), i().attr("title", data.query())))
                .attr("data-c", List.of(new Comment("c--x>"), new CDATA("a]]>b"), new CharRef(9731)));
    }

    @Renderer
    public Object nested(@Nullable Request request, Tag tag) {
        return new Inner(data.query());
    }

    /** An element within the page, with its own renderer. */
    static final class Inner extends Element {
        private final String who;

        Inner(String who) {
            super(new TagLoader(span(b().render("who")).attr("class", "inner")));
            this.who = who;
        }

        @Renderer
        public Object who(@Nullable Request request, Tag tag) {
            return tag.add(who);
        }
    }

    /** The tree {@code template_render.py stan} builds. */
    static Tag stan(Data data) {
        Tag items = div().attr("class", "x").attr("id", data.query());
        for (Map<String, String> item : data.items()) {
            items.add(p(item.get("name")).attr("title", item.get("id")));
        }
        return html(head(title(data.title())),
                Tags.body(items, br(), img().attr("src", data.query()), hr(b("not void")),
                        transparent(slot("s"), slot("d", "dflt")).fillSlots("s", data.title()),
                        div(span(slot("s")), span(slot("s")).fillSlots("s", "inner")).fillSlots("s", "outer"),
                        textarea(data.late()).attr("name", transparent(data.query(), b(data.query())))));
    }
}
