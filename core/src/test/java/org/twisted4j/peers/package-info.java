/**
 * How every module's tests find the programs that are not ours (Python Twisted, nginx, curl, openssl,
 * nghttp2, autobahn, tinyproxy, Perl...) that the interoperability tests run: {@link org.twisted4j.peers.Peer}.
 * Shipped to the other modules' tests as the core module's test jar; not part of the library.
 */
package org.twisted4j.peers;
