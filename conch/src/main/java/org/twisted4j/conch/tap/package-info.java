/**
 * {@code twist conch}: the SSH server as a plugin (Twisted's {@code twisted.conch.tap}).
 */
@NullMarked
package org.twisted4j.conch.tap;

import org.jspecify.annotations.NullMarked;
