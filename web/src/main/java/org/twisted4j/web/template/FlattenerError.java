package org.twisted4j.web.template;

import java.io.Serial;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Flattening failed, as Twisted's {@code FlattenerError}: the cause is what a renderer threw, a {@code Deferred}
 * failed with, or {@link UnfilledSlot}, {@link MissingRenderMethod}, {@link UnsupportedType}... The message names
 * the template file, line and column of the nearest parsed tag or slot, and {@link #roots()} gives the values
 * being flattened from the outermost in.
 */
public final class FlattenerError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<Object> roots;

    FlattenerError(Throwable cause, List<Object> roots) {
        super(describe(cause, roots), cause);
        this.roots = List.copyOf(roots);
    }

    /** Returns the values being flattened when it failed, from the outermost in. */
    public List<Object> roots() {
        return roots;
    }

    private static String describe(Throwable cause, List<Object> roots) {
        String what = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
        for (int i = roots.size() - 1; i >= 0; i--) {
            String where = location(roots.get(i));
            if (where != null) {
                return what + " (at " + where + ": " + roots.get(i) + ")";
            }
        }
        return roots.isEmpty() ? what : what + " (in " + roots.get(roots.size() - 1) + ")";
    }

    private static @Nullable String location(Object root) {
        String file;
        int line;
        int column;
        if (root instanceof Tag tag) {
            file = tag.filename();
            line = tag.lineNumber();
            column = tag.columnNumber();
        } else if (root instanceof Slot slot) {
            file = slot.filename();
            line = slot.lineNumber();
            column = slot.columnNumber();
        } else {
            return null;
        }
        if (line <= 0) {
            return null;
        }
        return (file != null ? file + ", " : "template ") + "line " + line + ", column " + column;
    }
}
