/**
 * Deferreds: results that are not there yet, with one chain of callbacks and errbacks, as in Twisted's
 * {@code twisted.internet.defer}.
 *
 * <p>Start with {@link org.twisted4j.defer.Deferred}. A failure travels down the chain as a
 * {@link org.twisted4j.defer.Failure}. {@link org.twisted4j.defer.Coroutine} writes code that waits for
 * Deferreds as straight-line code, as Twisted's {@code inlineCallbacks}, without giving up the single
 * reactor thread's guarantees.
 */
@NullMarked
package org.twisted4j.defer;

import org.jspecify.annotations.NullMarked;
