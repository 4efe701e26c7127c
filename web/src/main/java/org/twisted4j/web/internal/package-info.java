/**
 * HTTP/1.1 syntax shared by the server, the client and the proxy: reading head lines and checking field lines,
 * body framing rules and the incremental response parser. Not API: the module does not export this package,
 * and its types may change without notice.
 */
@NullMarked
package org.twisted4j.web.internal;

import org.jspecify.annotations.NullMarked;
