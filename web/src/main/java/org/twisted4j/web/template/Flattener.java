package org.twisted4j.web.template;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.web.Request;

/**
 * One flattening of a tree, as Twisted's {@code _flattenTree}: a depth-first walk on an explicit stack (so deep
 * trees cannot overflow the thread's stack), writing into an {@link Output} that goes to the consumer whenever the
 * walk must wait for a {@link Deferred}, when it holds {@value #FLUSH_BYTES} bytes, and at the end.
 */
final class Flattener {

    /** Gathered bytes go to the consumer once there are this many. */
    static final int FLUSH_BYTES = 32 * 1024;

    /** HTML's void elements, written {@code <br />} when they have no children; Twisted's list. */
    static final Set<String> VOID_ELEMENTS = Set.of("img", "br", "hr", "base", "meta", "link", "param", "area",
            "input", "col", "basefont", "isindex", "frame", "command", "embed", "keygen", "source", "track", "wbs");

    /** Where a value sits: how it is escaped, whose renderers and which slot values it sees, and what encloses it. */
    private record Context(boolean content, int attributeDepth, @Nullable Renderable renderer, @Nullable Slots slots,
            @Nullable Object root, @Nullable Context parent) {

        Context enter(Object newRoot, @Nullable Slots newSlots) {
            return new Context(content, attributeDepth, renderer, newSlots, newRoot, this);
        }
    }

    /** Slot values given by a tag, and those of the tags around it. */
    private record Slots(Map<String, Object> values, @Nullable Slots outer) {
    }

    private record Visit(@Nullable Object value, Context context) {
    }

    private record Markup(String text, Context context) {
    }

    private record Failed(Throwable error, Context context) {
    }

    private static final class Cursor {
        final Iterator<?> items;
        final Context context;

        Cursor(Iterator<?> items, Context context) {
            this.items = items;
            this.context = context;
        }
    }

    private final @Nullable Request request;
    private final Consumer<byte[]> sink;
    private final Output out = new Output();
    private final ArrayDeque<Object> stack = new ArrayDeque<>();
    private final Deferred<@Nullable Void> done;
    private @Nullable Deferred<?> waitingOn;
    private boolean running;
    private boolean stopped;

    private Flattener(@Nullable Request request, Consumer<byte[]> sink) {
        this.request = request;
        this.sink = sink;
        this.done = new Deferred<>(d -> cancelled());
    }

    static Deferred<@Nullable Void> flatten(@Nullable Request request, Object root, Consumer<byte[]> sink) {
        Flattener flattener = new Flattener(request, sink);
        flattener.stack.push(new Visit(root, new Context(true, 0, null, null, null, null)));
        flattener.run();
        return flattener.done;
    }

    private void run() {
        running = true;
        try {
            while (!stopped) {
                Object task = stack.poll();
                if (task == null) {
                    stopped = true;
                    flush();
                    done.callback(null);
                    return;
                }
                try {
                    if (!step(task)) {
                        flush();
                        if (waitingOn != null) {
                            return;
                        }
                    }
                    if (out.size() >= FLUSH_BYTES) {
                        flush();
                    }
                } catch (Throwable e) {
                    fail(e, task);
                    return;
                }
            }
        } finally {
            running = false;
        }
    }

    private void flush() {
        if (out.size() > 0) {
            sink.accept(out.take());
        }
    }

    private void fail(Throwable error, Object task) {
        stopped = true;
        try {
            flush();
        } catch (RuntimeException e) {
            error.addSuppressed(e);
        }
        List<Object> roots = new ArrayList<>();
        Context context = contextOf(task);
        if (task instanceof Visit visit && visit.value() != null) {
            roots.add(visit.value());
        }
        for (Context c = context; c != null; c = c.parent()) {
            if (c.root() != null) {
                roots.add(0, c.root());
            }
        }
        Throwable cause = error instanceof FlattenerError nested && nested.getCause() != null ? nested.getCause() : error;
        done.errback(new FlattenerError(cause, roots));
    }

    private static @Nullable Context contextOf(Object task) {
        return switch (task) {
            case Visit visit -> visit.context();
            case Markup markup -> markup.context();
            case Failed failed -> failed.context();
            case Cursor cursor -> cursor.context;
            default -> null;
        };
    }

    private void cancelled() {
        stopped = true;
        Deferred<?> pending = waitingOn;
        waitingOn = null;
        if (pending != null) {
            pending.cancel();
        }
    }

    /** Does one task; returns false if the walk must now wait for a Deferred. */
    private boolean step(Object task) throws Throwable {
        switch (task) {
            case Visit visit -> {
                return visit(visit.value(), visit.context());
            }
            case Markup markup -> out.write(markup.text(), false, markup.context().attributeDepth());
            case Cursor cursor -> next(cursor);
            case Failed failed -> throw failed.error();
            default -> throw new IllegalStateException("unknown task " + task);
        }
        return true;
    }

    private void next(Cursor cursor) {
        Iterator<?> items = cursor.items;
        Context context = cursor.context;
        while (items.hasNext()) {
            Object item = items.next();
            if (item instanceof String text) {
                out.write(text, context.content(), context.attributeDepth());
            } else {
                stack.push(cursor);
                stack.push(new Visit(item, context));
                return;
            }
        }
    }

    private boolean visit(@Nullable Object value, Context context) throws Exception {
        switch (value) {
            case String text -> out.write(text, context.content(), context.attributeDepth());
            case Tag tag -> tag(tag, context);
            case Slot slot -> stack.push(new Visit(slotValue(slot, context.slots()), context.enter(slot, context.slots())));
            case List<?> list -> {
                if (!list.isEmpty()) {
                    stack.push(new Cursor(list.iterator(), context));
                }
            }
            case Object[] array -> stack.push(new Cursor(Arrays.asList(array).iterator(), context));
            case Iterable<?> iterable -> stack.push(new Cursor(iterable.iterator(), context));
            case Iterator<?> iterator -> stack.push(new Cursor(iterator, context));
            case Stream<?> stream -> stack.push(new Cursor(stream.iterator(), context));
            case Deferred<?> deferred -> {
                return await(deferred, context.enter(deferred, context.slots()));
            }
            case Renderable renderable -> stack.push(new Visit(renderable.render(request),
                    new Context(context.content(), context.attributeDepth(), renderable, context.slots(), renderable,
                            context)));
            case CharRef ref -> out.write("&#" + ref.ordinal() + ";", false, context.attributeDepth());
            case Raw raw -> out.write(raw.markup(), false, context.attributeDepth());
            case Comment comment -> out.write("<!--" + escapeComment(comment.data()) + "-->", false,
                    context.attributeDepth());
            case CDATA cdata -> out.write("<![CDATA[" + cdata.data().replace("]]>", "]]]]><![CDATA[>") + "]]>", false,
                    context.attributeDepth());
            case CharSequence text -> out.write(text.toString(), context.content(), context.attributeDepth());
            case byte[] utf8 -> out.write(new String(utf8, UTF_8), context.content(), context.attributeDepth());
            case null, default -> throw new UnsupportedType(value);
        }
        return true;
    }

    private static String escapeComment(String data) {
        String escaped = data.replace("--", "- - ").replace(">", "&gt;");
        return escaped.endsWith("-") ? escaped + " " : escaped;
    }

    private static Object slotValue(Slot slot, @Nullable Slots slots) {
        for (Slots s = slots; s != null; s = s.outer()) {
            Object value = s.values().get(slot.name());
            if (value != null) {
                return value;
            }
        }
        Object fallback = slot.defaultValue();
        if (fallback == null) {
            throw new UnfilledSlot(slot.name());
        }
        return fallback;
    }

    private void tag(Tag tag, Context context) throws Exception {
        Map<String, Object> given = tag.slotDataOrNull();
        Slots slots = given == null || given.isEmpty() ? context.slots() : new Slots(given, context.slots());
        String renderName = tag.renderer();
        if (renderName != null) {
            Renderable renderer = context.renderer();
            if (renderer == null) {
                throw new IllegalStateException("tag wants to be rendered by method \"" + renderName
                        + "\" but is not inside any Renderable");
            }
            RenderMethod method = renderer.lookupRenderMethod(renderName);
            Tag copy = tag.clone(false).render(null);
            stack.push(new Visit(method.render(request, copy), context.enter(tag, slots)));
            return;
        }
        String name = tag.tagName();
        if (name.isEmpty()) {
            stack.push(new Visit(tag.children(), context.enter(tag, slots)));
            return;
        }
        int depth = context.attributeDepth();
        out.write("<" + name, false, depth);
        Context inAttribute = null;
        List<Object> later = null;
        for (Map.Entry<String, Object> attribute : tag.attributes().entrySet()) {
            Object value = attribute.getValue();
            if (later == null && value instanceof String text) {
                out.write(" " + attribute.getKey() + "=\"", false, depth);
                out.write(text, false, depth + 1);
                out.write("\"", false, depth);
                continue;
            }
            if (later == null) {
                later = new ArrayList<>();
                inAttribute = new Context(false, depth + 1, context.renderer(), slots, tag, context);
            }
            later.add(new Markup(" " + attribute.getKey() + "=\"", context));
            later.add(new Visit(value, inAttribute));
            later.add(new Markup("\"", context));
        }
        List<Object> children = tag.children();
        boolean open = !children.isEmpty() || !VOID_ELEMENTS.contains(name);
        if (later == null) {
            if (open) {
                out.write(">", false, depth);
                stack.push(new Markup("</" + name + ">", context));
                if (!children.isEmpty()) {
                    stack.push(new Cursor(children.iterator(),
                            new Context(true, depth, context.renderer(), slots, tag, context)));
                }
            } else {
                out.write(" />", false, depth);
            }
            return;
        }
        if (open) {
            later.add(new Markup(">", context));
            later.add(new Cursor(children.iterator(), new Context(true, depth, context.renderer(), slots, tag, context)));
            later.add(new Markup("</" + name + ">", context));
        } else {
            later.add(new Markup(" />", context));
        }
        for (int i = later.size() - 1; i >= 0; i--) {
            stack.push(later.get(i));
        }
    }

    /**
     * Waits for a Deferred, leaving its result as it was for its other users (Twisted's {@code _fork}); returns
     * whether it had fired already.
     */
    @SuppressWarnings("unchecked")
    private boolean await(Deferred<?> deferred, Context context) {
        waitingOn = deferred;
        ((Deferred<Object>) deferred).addCallbacks(result -> {
            resume(new Visit(result, context));
            return result;
        }, failure -> {
            if (stopped && failure.check(CancelledError.class) != null) {
                return null;
            }
            resume(new Failed(failure.value(), context));
            return failure;
        });
        return waitingOn == null;
    }

    private void resume(Object task) {
        if (stopped) {
            return;
        }
        waitingOn = null;
        stack.push(task);
        if (!running) {
            run();
        }
    }
}
