/**
 * Server-sent events (the HTML standard's {@code EventSource}, {@code text/event-stream}): an
 * {@link org.twisted4j.web.sse.EventSourceResource} streams published events to every client, replays what a
 * reconnecting client missed from a bounded history ({@code Last-Event-ID}), keeps idle connections open with
 * comments, and drops a client that cannot keep up rather than buffer for it without limit. Twisted has no such
 * resource; this is the one every web framework now has.
 */
@NullMarked
package org.twisted4j.web.sse;

import org.jspecify.annotations.NullMarked;
