/**
 * Authoritative DNS data: {@link org.twisted4j.names.authority.ZoneFileParser} reads BIND master files.
 *
 * <p>Every type here is used by one thread at a time unless its documentation says otherwise.
 */
@NullMarked
package org.twisted4j.names.authority;

import org.jspecify.annotations.NullMarked;
