/**
 * Scheduling helpers built on {@link org.twisted4j.internet.ReactorTime}: delayed calls, a deterministic
 * {@code Clock} for tests, looping calls and cooperative iteration, as in Twisted's
 * {@code twisted.internet.task}.
 */
@NullMarked
package org.twisted4j.internet.task;

import org.jspecify.annotations.NullMarked;
