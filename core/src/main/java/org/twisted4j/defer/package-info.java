/**
 * Deferreds: results that are not there yet, with one chain of callbacks and errbacks, as in Twisted's
 * {@code twisted.internet.defer}.
 *
 * <p>Start with {@link org.twisted4j.defer.Deferred}. A failure travels down the chain as a
 * {@link org.twisted4j.defer.Failure}.
 */
@NullMarked
package org.twisted4j.defer;

import org.jspecify.annotations.NullMarked;
