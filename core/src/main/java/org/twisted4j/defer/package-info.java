/**
 * Deferreds: results that are not there yet, with one chain of callbacks and errbacks, as in Twisted's
 * {@code twisted.internet.defer}.
 *
 * <p>Start with {@link org.twisted4j.defer.Deferred}. A failure travels down the chain as a
 * {@link org.twisted4j.defer.Failure}. Helpers, all for the reactor thread:
 * <ul>
 * <li>{@link org.twisted4j.defer.Coroutine} writes code that waits for Deferreds as straight-line code, as
 *     Twisted's {@code inlineCallbacks}, without giving up the single reactor thread's guarantees;
 * <li>{@link org.twisted4j.defer.DeferredList} and {@link org.twisted4j.defer.Deferred#gatherResults} wait
 *     for several Deferreds;
 * <li>{@link org.twisted4j.defer.DeferredLock}, {@link org.twisted4j.defer.DeferredSemaphore} and
 *     {@link org.twisted4j.defer.DeferredQueue} coordinate work without blocking;
 * <li>{@link org.twisted4j.defer.Deferreds} converts to and from {@link java.util.concurrent.CompletionStage},
 *     crossing threads through an executor such as the reactor's {@code callFromThread}.
 * </ul>
 */
@NullMarked
package org.twisted4j.defer;

import org.jspecify.annotations.NullMarked;
