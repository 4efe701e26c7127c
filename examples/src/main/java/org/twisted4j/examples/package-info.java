/**
 * Runnable examples, each a few lines of user code: list them with {@code bin/run-example}, run one with
 * {@code bin/run-example NAME [ARGS]}. {@link org.twisted4j.examples.RunExample} maps the names to classes.
 */
@NullMarked
package org.twisted4j.examples;

import org.jspecify.annotations.NullMarked;
