package org.twisted4j.web.template;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/**
 * Writes documents out, as the functions of twisted.web.template: {@link #flatten} to any consumer of bytes,
 * {@link #flattenString} to one array, {@link #renderElement} as the answer to a request.
 *
 * <h2>What may be flattened</h2>
 * Strings (text, escaped: {@code & < >} in content, {@code & < > "} in attribute values), {@link Tag}s,
 * {@link Slot}s, lists, arrays, {@code Iterable}s, {@code Iterator}s and {@code Stream}s of these, {@code Deferred}s
 * that fire with one, {@link Renderable}s such as {@link Element}s, {@link Comment}, {@link CDATA},
 * {@link CharRef} and {@link Raw}; anything else (a number, null) fails with {@link UnsupportedType}. The bytes
 * are UTF-8 and equal to those Twisted's flattener writes for the same tree.
 *
 * <h2>Streaming</h2>
 * The walk goes depth first and writes as it goes: when it meets a {@code Deferred} that has not fired, what it has
 * produced so far goes to the consumer, and the walk goes on when the Deferred fires. So a page's head reaches the
 * client while its slow parts load.
 *
 * <p>Threading: flattening runs on the calling thread and, after a wait, on the thread that fires the Deferred
 * (the reactor thread when serving); a tree is flattened by one thread at a time.
 */
public final class Template {

    /** The namespace of the template directives ({@code xmlns:t="..."}). */
    public static final String NAMESPACE = "http://twistedmatrix.com/ns/twisted.web.template/0.1";

    /** The doctype {@link #renderElement(Request, Renderable)} writes first, as Twisted's. */
    public static final String HTML5_DOCTYPE = "<!DOCTYPE html>";

    private Template() {
    }

    /**
     * Writes a tree out as it is produced.
     *
     * @param request the request being answered, given to renderers; null outside one
     * @param root the tree
     * @param write takes each piece of the output, in order (pieces may be large: they are gathered up to 32 KiB)
     * @return a Deferred that fires with null when everything has been written, or fails with a
     *     {@link FlattenerError} (what was written before the failure stays written); cancelling it stops the walk
     *     and cancels the Deferred it waits on
     */
    public static Deferred<@Nullable Void> flatten(@Nullable Request request, Object root, Consumer<byte[]> write) {
        return Flattener.flatten(request, root, write);
    }

    /**
     * Writes a tree into one array.
     *
     * @param request the request being answered, given to renderers; null outside one
     * @param root the tree
     * @return a Deferred that fires with the UTF-8 bytes, or fails with a {@link FlattenerError}
     */
    public static Deferred<byte[]> flattenString(@Nullable Request request, Object root) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        return flatten(request, root, bytes::writeBytes).addCallback(done -> bytes.toByteArray());
    }

    /**
     * Answers a request with an element, as Twisted's {@code renderElement}: the HTML5 doctype and a newline, then the
     * element flattened. See {@link #renderElement(Request, Renderable, String)}.
     *
     * @param request the request
     * @param element the page
     * @return what the render method returns: the whole body if the element was flattened at once (it goes out with
     *     a Content-Length), else {@link Resource#NOT_DONE_YET}, the body then streaming as it is produced
     */
    public static byte[] renderElement(Request request, Renderable element) {
        return renderElement(request, element, HTML5_DOCTYPE);
    }

    /**
     * Answers a request with an element: {@code Content-Type: text/html; charset=utf-8} unless one is set, the
     * doctype and a newline, then the element flattened, the request finished at the end. If flattening fails, the
     * error is logged and the page ends with Twisted's "An error occurred while rendering the response." (and the
     * trace when the site {@linkplain org.twisted4j.web.Site#setDisplayTracebacks displays tracebacks}); if the
     * client goes away, flattening stops.
     *
     * @param request the request
     * @param element the page
     * @param doctype the first line, without its newline, or null for none
     * @return the whole body if the element was flattened at once (it goes out with a Content-Length), else
     *     {@link Resource#NOT_DONE_YET}
     */
    public static byte[] renderElement(Request request, Renderable element, @Nullable String doctype) {
        if (request.getResponseHeaders().get("Content-Type") == null) {
            request.setHeader("Content-Type", "text/html; charset=utf-8");
        }
        Object page = doctype == null ? element : new Object[] {new Raw(doctype + "\n"), element};
        return new PageResponse(request).render(page);
    }
}
