/**
 * The authoritative DNS server, as twisted.names.server: {@link org.twisted4j.names.server.DNSServerFactory}
 * answers queries from {@link org.twisted4j.names.authority.Authority} zones over TCP and UDP on one port
 * ({@link org.twisted4j.names.server.DnsService}), and {@link org.twisted4j.names.server.DnsPlugin} is
 * {@code twist dns}.
 *
 * <p>Every type here is used on the reactor thread only unless its documentation says otherwise.
 */
@NullMarked
package org.twisted4j.names.server;

import org.jspecify.annotations.NullMarked;
