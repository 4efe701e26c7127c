/**
 * conch's command-line tools, in the manner of Twisted's {@code twisted.conch.scripts}: {@code ckeygen}.
 */
@NullMarked
package org.twisted4j.conch.scripts;

import org.jspecify.annotations.NullMarked;
