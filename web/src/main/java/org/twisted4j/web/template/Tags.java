package org.twisted4j.web.template;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds tags in Java, as Twisted's {@code tags} object: one method per HTML element name Twisted knows, each
 * taking the children.
 *
 * <pre>{@code
 * import static org.twisted4j.web.template.Tags.*;
 *
 * Tag page = html(head(title("Orders")),
 *         body(h1("Orders"), ul(li("first"), li(a("second").attr("href", "/2"))), slot("footer", "-")));
 * }</pre>
 *
 * <p>Children and attribute values are escaped when flattened; {@link Raw} is the way to write markup as it is.
 */
public final class Tags {

    /** The element names {@link #tag(String, Object...)} accepts: Twisted's {@code VALID_HTML_TAG_NAMES}. */
    public static final Set<String> NAMES = Set.of(
            "a", "abbr", "acronym", "address", "applet", "area", "article", "aside", "audio", "b", "base", "basefont",
            "bdi", "bdo", "big", "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite", "code",
            "col", "colgroup", "command", "datalist", "dd", "del", "details", "dfn", "dir", "div", "dl", "dt",
            "em", "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "frame", "frameset", "h1", "h2",
            "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "img",
            "input", "ins", "isindex", "kbd", "keygen", "label", "legend", "li", "link", "map", "mark", "menu",
            "meta", "meter", "nav", "noframes", "noscript", "object", "ol", "optgroup", "option", "output", "p", "param",
            "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "script", "section", "select", "small",
            "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "textarea",
            "tfoot", "th", "thead", "time", "title", "tr", "tt", "u", "ul", "var", "video", "wbr");

    private Tags() {
    }

    /**
     * Makes a tag by name.
     *
     * @param name an element name of {@link #NAMES}
     * @param children its children
     * @return the tag
     * @throws IllegalArgumentException for a name Twisted's {@code tags} does not know; use {@code new Tag(name)}
     *     for others
     */
    public static Tag tag(String name, Object... children) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown tag " + name);
        }
        return new Tag(name).add(children);
    }

    /**
     * Makes a transparent tag: only its children are written, and it may name a renderer.
     *
     * @param children its children
     * @return the tag
     */
    public static Tag transparent(Object... children) {
        return new Tag("").add(children);
    }

    /**
     * Makes a slot without a default.
     *
     * @param name its name
     * @return the slot
     */
    public static Slot slot(String name) {
        return new Slot(name, null, null, 0, 0);
    }

    /**
     * Makes a slot with a default.
     *
     * @param name its name
     * @param defaultValue what it writes when no enclosing tag fills it, or null to fail then
     * @return the slot
     */
    public static Slot slot(String name, @Nullable Object defaultValue) {
        return new Slot(name, defaultValue, null, 0, 0);
    }

    /** {@code <a>} with children. */
    public static Tag a(Object... children) { return new Tag("a").add(children); }

    /** {@code <abbr>} with children. */
    public static Tag abbr(Object... children) { return new Tag("abbr").add(children); }

    /** {@code <acronym>} with children. */
    public static Tag acronym(Object... children) { return new Tag("acronym").add(children); }

    /** {@code <address>} with children. */
    public static Tag address(Object... children) { return new Tag("address").add(children); }

    /** {@code <applet>} with children. */
    public static Tag applet(Object... children) { return new Tag("applet").add(children); }

    /** {@code <area>} with children. */
    public static Tag area(Object... children) { return new Tag("area").add(children); }

    /** {@code <article>} with children. */
    public static Tag article(Object... children) { return new Tag("article").add(children); }

    /** {@code <aside>} with children. */
    public static Tag aside(Object... children) { return new Tag("aside").add(children); }

    /** {@code <audio>} with children. */
    public static Tag audio(Object... children) { return new Tag("audio").add(children); }

    /** {@code <b>} with children. */
    public static Tag b(Object... children) { return new Tag("b").add(children); }

    /** {@code <base>} with children. */
    public static Tag base(Object... children) { return new Tag("base").add(children); }

    /** {@code <basefont>} with children. */
    public static Tag basefont(Object... children) { return new Tag("basefont").add(children); }

    /** {@code <bdi>} with children. */
    public static Tag bdi(Object... children) { return new Tag("bdi").add(children); }

    /** {@code <bdo>} with children. */
    public static Tag bdo(Object... children) { return new Tag("bdo").add(children); }

    /** {@code <big>} with children. */
    public static Tag big(Object... children) { return new Tag("big").add(children); }

    /** {@code <blockquote>} with children. */
    public static Tag blockquote(Object... children) { return new Tag("blockquote").add(children); }

    /** {@code <body>} with children. */
    public static Tag body(Object... children) { return new Tag("body").add(children); }

    /** {@code <br>} with children. */
    public static Tag br(Object... children) { return new Tag("br").add(children); }

    /** {@code <button>} with children. */
    public static Tag button(Object... children) { return new Tag("button").add(children); }

    /** {@code <canvas>} with children. */
    public static Tag canvas(Object... children) { return new Tag("canvas").add(children); }

    /** {@code <caption>} with children. */
    public static Tag caption(Object... children) { return new Tag("caption").add(children); }

    /** {@code <center>} with children. */
    public static Tag center(Object... children) { return new Tag("center").add(children); }

    /** {@code <cite>} with children. */
    public static Tag cite(Object... children) { return new Tag("cite").add(children); }

    /** {@code <code>} with children. */
    public static Tag code(Object... children) { return new Tag("code").add(children); }

    /** {@code <col>} with children. */
    public static Tag col(Object... children) { return new Tag("col").add(children); }

    /** {@code <colgroup>} with children. */
    public static Tag colgroup(Object... children) { return new Tag("colgroup").add(children); }

    /** {@code <command>} with children. */
    public static Tag command(Object... children) { return new Tag("command").add(children); }

    /** {@code <datalist>} with children. */
    public static Tag datalist(Object... children) { return new Tag("datalist").add(children); }

    /** {@code <dd>} with children. */
    public static Tag dd(Object... children) { return new Tag("dd").add(children); }

    /** {@code <del>} with children. */
    public static Tag del(Object... children) { return new Tag("del").add(children); }

    /** {@code <details>} with children. */
    public static Tag details(Object... children) { return new Tag("details").add(children); }

    /** {@code <dfn>} with children. */
    public static Tag dfn(Object... children) { return new Tag("dfn").add(children); }

    /** {@code <dir>} with children. */
    public static Tag dir(Object... children) { return new Tag("dir").add(children); }

    /** {@code <div>} with children. */
    public static Tag div(Object... children) { return new Tag("div").add(children); }

    /** {@code <dl>} with children. */
    public static Tag dl(Object... children) { return new Tag("dl").add(children); }

    /** {@code <dt>} with children. */
    public static Tag dt(Object... children) { return new Tag("dt").add(children); }

    /** {@code <em>} with children. */
    public static Tag em(Object... children) { return new Tag("em").add(children); }

    /** {@code <embed>} with children. */
    public static Tag embed(Object... children) { return new Tag("embed").add(children); }

    /** {@code <fieldset>} with children. */
    public static Tag fieldset(Object... children) { return new Tag("fieldset").add(children); }

    /** {@code <figcaption>} with children. */
    public static Tag figcaption(Object... children) { return new Tag("figcaption").add(children); }

    /** {@code <figure>} with children. */
    public static Tag figure(Object... children) { return new Tag("figure").add(children); }

    /** {@code <font>} with children. */
    public static Tag font(Object... children) { return new Tag("font").add(children); }

    /** {@code <footer>} with children. */
    public static Tag footer(Object... children) { return new Tag("footer").add(children); }

    /** {@code <form>} with children. */
    public static Tag form(Object... children) { return new Tag("form").add(children); }

    /** {@code <frame>} with children. */
    public static Tag frame(Object... children) { return new Tag("frame").add(children); }

    /** {@code <frameset>} with children. */
    public static Tag frameset(Object... children) { return new Tag("frameset").add(children); }

    /** {@code <h1>} with children. */
    public static Tag h1(Object... children) { return new Tag("h1").add(children); }

    /** {@code <h2>} with children. */
    public static Tag h2(Object... children) { return new Tag("h2").add(children); }

    /** {@code <h3>} with children. */
    public static Tag h3(Object... children) { return new Tag("h3").add(children); }

    /** {@code <h4>} with children. */
    public static Tag h4(Object... children) { return new Tag("h4").add(children); }

    /** {@code <h5>} with children. */
    public static Tag h5(Object... children) { return new Tag("h5").add(children); }

    /** {@code <h6>} with children. */
    public static Tag h6(Object... children) { return new Tag("h6").add(children); }

    /** {@code <head>} with children. */
    public static Tag head(Object... children) { return new Tag("head").add(children); }

    /** {@code <header>} with children. */
    public static Tag header(Object... children) { return new Tag("header").add(children); }

    /** {@code <hgroup>} with children. */
    public static Tag hgroup(Object... children) { return new Tag("hgroup").add(children); }

    /** {@code <hr>} with children. */
    public static Tag hr(Object... children) { return new Tag("hr").add(children); }

    /** {@code <html>} with children. */
    public static Tag html(Object... children) { return new Tag("html").add(children); }

    /** {@code <i>} with children. */
    public static Tag i(Object... children) { return new Tag("i").add(children); }

    /** {@code <iframe>} with children. */
    public static Tag iframe(Object... children) { return new Tag("iframe").add(children); }

    /** {@code <img>} with children. */
    public static Tag img(Object... children) { return new Tag("img").add(children); }

    /** {@code <input>} with children. */
    public static Tag input(Object... children) { return new Tag("input").add(children); }

    /** {@code <ins>} with children. */
    public static Tag ins(Object... children) { return new Tag("ins").add(children); }

    /** {@code <isindex>} with children. */
    public static Tag isindex(Object... children) { return new Tag("isindex").add(children); }

    /** {@code <kbd>} with children. */
    public static Tag kbd(Object... children) { return new Tag("kbd").add(children); }

    /** {@code <keygen>} with children. */
    public static Tag keygen(Object... children) { return new Tag("keygen").add(children); }

    /** {@code <label>} with children. */
    public static Tag label(Object... children) { return new Tag("label").add(children); }

    /** {@code <legend>} with children. */
    public static Tag legend(Object... children) { return new Tag("legend").add(children); }

    /** {@code <li>} with children. */
    public static Tag li(Object... children) { return new Tag("li").add(children); }

    /** {@code <link>} with children. */
    public static Tag link(Object... children) { return new Tag("link").add(children); }

    /** {@code <map>} with children. */
    public static Tag map(Object... children) { return new Tag("map").add(children); }

    /** {@code <mark>} with children. */
    public static Tag mark(Object... children) { return new Tag("mark").add(children); }

    /** {@code <menu>} with children. */
    public static Tag menu(Object... children) { return new Tag("menu").add(children); }

    /** {@code <meta>} with children. */
    public static Tag meta(Object... children) { return new Tag("meta").add(children); }

    /** {@code <meter>} with children. */
    public static Tag meter(Object... children) { return new Tag("meter").add(children); }

    /** {@code <nav>} with children. */
    public static Tag nav(Object... children) { return new Tag("nav").add(children); }

    /** {@code <noframes>} with children. */
    public static Tag noframes(Object... children) { return new Tag("noframes").add(children); }

    /** {@code <noscript>} with children. */
    public static Tag noscript(Object... children) { return new Tag("noscript").add(children); }

    /** {@code <object>} with children. */
    public static Tag object(Object... children) { return new Tag("object").add(children); }

    /** {@code <ol>} with children. */
    public static Tag ol(Object... children) { return new Tag("ol").add(children); }

    /** {@code <optgroup>} with children. */
    public static Tag optgroup(Object... children) { return new Tag("optgroup").add(children); }

    /** {@code <option>} with children. */
    public static Tag option(Object... children) { return new Tag("option").add(children); }

    /** {@code <output>} with children. */
    public static Tag output(Object... children) { return new Tag("output").add(children); }

    /** {@code <p>} with children. */
    public static Tag p(Object... children) { return new Tag("p").add(children); }

    /** {@code <param>} with children. */
    public static Tag param(Object... children) { return new Tag("param").add(children); }

    /** {@code <pre>} with children. */
    public static Tag pre(Object... children) { return new Tag("pre").add(children); }

    /** {@code <progress>} with children. */
    public static Tag progress(Object... children) { return new Tag("progress").add(children); }

    /** {@code <q>} with children. */
    public static Tag q(Object... children) { return new Tag("q").add(children); }

    /** {@code <rp>} with children. */
    public static Tag rp(Object... children) { return new Tag("rp").add(children); }

    /** {@code <rt>} with children. */
    public static Tag rt(Object... children) { return new Tag("rt").add(children); }

    /** {@code <ruby>} with children. */
    public static Tag ruby(Object... children) { return new Tag("ruby").add(children); }

    /** {@code <s>} with children. */
    public static Tag s(Object... children) { return new Tag("s").add(children); }

    /** {@code <samp>} with children. */
    public static Tag samp(Object... children) { return new Tag("samp").add(children); }

    /** {@code <script>} with children. */
    public static Tag script(Object... children) { return new Tag("script").add(children); }

    /** {@code <section>} with children. */
    public static Tag section(Object... children) { return new Tag("section").add(children); }

    /** {@code <select>} with children. */
    public static Tag select(Object... children) { return new Tag("select").add(children); }

    /** {@code <small>} with children. */
    public static Tag small(Object... children) { return new Tag("small").add(children); }

    /** {@code <source>} with children. */
    public static Tag source(Object... children) { return new Tag("source").add(children); }

    /** {@code <span>} with children. */
    public static Tag span(Object... children) { return new Tag("span").add(children); }

    /** {@code <strike>} with children. */
    public static Tag strike(Object... children) { return new Tag("strike").add(children); }

    /** {@code <strong>} with children. */
    public static Tag strong(Object... children) { return new Tag("strong").add(children); }

    /** {@code <style>} with children. */
    public static Tag style(Object... children) { return new Tag("style").add(children); }

    /** {@code <sub>} with children. */
    public static Tag sub(Object... children) { return new Tag("sub").add(children); }

    /** {@code <summary>} with children. */
    public static Tag summary(Object... children) { return new Tag("summary").add(children); }

    /** {@code <sup>} with children. */
    public static Tag sup(Object... children) { return new Tag("sup").add(children); }

    /** {@code <table>} with children. */
    public static Tag table(Object... children) { return new Tag("table").add(children); }

    /** {@code <tbody>} with children. */
    public static Tag tbody(Object... children) { return new Tag("tbody").add(children); }

    /** {@code <td>} with children. */
    public static Tag td(Object... children) { return new Tag("td").add(children); }

    /** {@code <textarea>} with children. */
    public static Tag textarea(Object... children) { return new Tag("textarea").add(children); }

    /** {@code <tfoot>} with children. */
    public static Tag tfoot(Object... children) { return new Tag("tfoot").add(children); }

    /** {@code <th>} with children. */
    public static Tag th(Object... children) { return new Tag("th").add(children); }

    /** {@code <thead>} with children. */
    public static Tag thead(Object... children) { return new Tag("thead").add(children); }

    /** {@code <time>} with children. */
    public static Tag time(Object... children) { return new Tag("time").add(children); }

    /** {@code <title>} with children. */
    public static Tag title(Object... children) { return new Tag("title").add(children); }

    /** {@code <tr>} with children. */
    public static Tag tr(Object... children) { return new Tag("tr").add(children); }

    /** {@code <tt>} with children. */
    public static Tag tt(Object... children) { return new Tag("tt").add(children); }

    /** {@code <u>} with children. */
    public static Tag u(Object... children) { return new Tag("u").add(children); }

    /** {@code <ul>} with children. */
    public static Tag ul(Object... children) { return new Tag("ul").add(children); }

    /** {@code <var>} with children. */
    public static Tag var(Object... children) { return new Tag("var").add(children); }

    /** {@code <video>} with children. */
    public static Tag video(Object... children) { return new Tag("video").add(children); }

    /** {@code <wbr>} with children. */
    public static Tag wbr(Object... children) { return new Tag("wbr").add(children); }
}
