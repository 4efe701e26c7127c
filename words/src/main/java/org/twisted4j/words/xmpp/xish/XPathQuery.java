package org.twisted4j.words.xmpp.xish;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A compiled query in the small XPath dialect of Twisted's {@code xish.xpath}, for picking stanzas:
 *
 * <pre>{@code
 * XPathQuery chat = XPathQuery.compile("/message[@type='chat']/body");
 * chat.matches(stanza);                      // a chat message with a body
 * chat.queryForString(stanza);               // the body's text, or null
 * XPathQuery.compile("/iq[@type='get']/query[@xmlns='jabber:iq:roster']");
 * XPathQuery.compile("//event/stream/start"); // never matches an element: a named event's key
 * }</pre>
 *
 * <p>Grammar: one or more steps, each {@code /name} (a child) or {@code //name} (any descendant), where the
 * name is a local name or {@code *}, followed by predicates: {@code [@attr]} (present), {@code [@attr='value']}
 * or with double quotes (equal), {@code [@xmlns='uri']} (the element's namespace). The first step matches the
 * element queried itself, as in xish.
 *
 * <h2>Threading</h2>
 * Immutable; any thread.
 */
public final class XPathQuery {

    private record Predicate(String attribute, @Nullable String value) {
        boolean test(Element e) {
            if (attribute.equals("xmlns")) {
                return value == null || e.uri().equals(value);
            }
            String actual = e.getAttribute(attribute);
            return actual != null && (value == null || actual.equals(value));
        }
    }

    private record Step(boolean anyDepth, String name, List<Predicate> predicates) {
        boolean test(Element e) {
            if (!name.equals("*") && !name.equals(e.name())) {
                return false;
            }
            for (Predicate p : predicates) {
                if (!p.test(e)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final String text;
    private final List<Step> steps;

    private XPathQuery(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /**
     * Compiles a query.
     *
     * @throws IllegalArgumentException if the text is not in the grammar, naming where
     */
    public static XPathQuery compile(String query) {
        List<Step> steps = new ArrayList<>();
        int i = 0;
        int n = query.length();
        while (i < n) {
            if (query.charAt(i) != '/') {
                throw bad(query, i, "'/' expected");
            }
            boolean anyDepth = i + 1 < n && query.charAt(i + 1) == '/';
            i += anyDepth ? 2 : 1;
            int start = i;
            while (i < n && query.charAt(i) != '/' && query.charAt(i) != '[') {
                i++;
            }
            String name = query.substring(start, i);
            if (name.isEmpty()) {
                throw bad(query, start, "name expected");
            }
            List<Predicate> predicates = new ArrayList<>();
            while (i < n && query.charAt(i) == '[') {
                int close = query.indexOf(']', i);
                if (close < 0) {
                    throw bad(query, i, "']' expected");
                }
                predicates.add(predicate(query, i + 1, close));
                i = close + 1;
            }
            steps.add(new Step(anyDepth, name, List.copyOf(predicates)));
        }
        if (steps.isEmpty()) {
            throw bad(query, 0, "empty query");
        }
        return new XPathQuery(query, List.copyOf(steps));
    }

    private static Predicate predicate(String query, int from, int to) {
        String body = query.substring(from, to).strip();
        if (!body.startsWith("@")) {
            throw bad(query, from, "only [@attribute] and [@attribute='value'] are supported");
        }
        int eq = body.indexOf('=');
        if (eq < 0) {
            return new Predicate(checkName(query, from, body.substring(1)), null);
        }
        String attribute = checkName(query, from, body.substring(1, eq).strip());
        String value = body.substring(eq + 1).strip();
        if (value.length() < 2 || (value.charAt(0) != '\'' && value.charAt(0) != '"')
                || value.charAt(value.length() - 1) != value.charAt(0)) {
            throw bad(query, from, "quoted value expected");
        }
        return new Predicate(attribute, value.substring(1, value.length() - 1));
    }

    private static String checkName(String query, int at, String name) {
        if (name.isEmpty() || name.chars().anyMatch(c -> c == ' ' || c == '\'' || c == '"')) {
            throw bad(query, at, "attribute name expected");
        }
        return name;
    }

    private static IllegalArgumentException bad(String query, int at, String what) {
        return new IllegalArgumentException("bad query " + query + " at " + at + ": " + what);
    }

    /** Returns whether the element matches the whole query. */
    public boolean matches(Element element) {
        return !queryForNodes(element).isEmpty();
    }

    /** Returns the elements the last step picks, in document order; empty if none. */
    public List<Element> queryForNodes(Element element) {
        List<Element> found = new ArrayList<>();
        Step first = steps.get(0);
        if (first.test(element)) {
            collect(element, 1, found);
        }
        if (first.anyDepth()) {
            for (Element d : descendants(element)) {
                if (first.test(d)) {
                    collect(d, 1, found);
                }
            }
        }
        return found;
    }

    private void collect(Element matched, int next, List<Element> found) {
        if (next == steps.size()) {
            if (!found.contains(matched)) {
                found.add(matched);
            }
            return;
        }
        Step step = steps.get(next);
        List<Element> candidates = step.anyDepth() ? descendants(matched) : matched.elements();
        for (Element c : candidates) {
            if (step.test(c)) {
                collect(c, next + 1, found);
            }
        }
    }

    private static List<Element> descendants(Element element) {
        List<Element> all = new ArrayList<>();
        for (Element child : element.elements()) {
            all.add(child);
            all.addAll(descendants(child));
        }
        return all;
    }

    /** Returns the text of the first element the query picks, or null if none. */
    public @Nullable String queryForString(Element element) {
        List<Element> nodes = queryForNodes(element);
        return nodes.isEmpty() ? null : nodes.get(0).text();
    }

    @Override
    public String toString() {
        return text;
    }
}
