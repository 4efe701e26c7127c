/**
 * Virtual hosting, as twisted.web.vhost: {@link org.twisted4j.web.vhost.NameVirtualHost} serves a different
 * resource tree for each host name a client asks for.
 *
 * <p>Every type here is used on the reactor thread only.
 */
@NullMarked
package org.twisted4j.web.vhost;

import org.jspecify.annotations.NullMarked;
