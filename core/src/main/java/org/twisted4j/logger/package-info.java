/**
 * Structured logging in Twisted's style ({@code twisted.logger}): events with a format string and named
 * fields, published to observers that filter, format and write them.
 */
@NullMarked
package org.twisted4j.logger;

import org.jspecify.annotations.NullMarked;
