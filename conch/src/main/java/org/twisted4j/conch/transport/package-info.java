/**
 * The SSH transport layer protocol (RFC 4253 and OpenSSH's extensions), in the manner of Twisted's
 * {@code twisted.conch.ssh.transport}: the binary packet protocol with its ciphers and MACs, the key exchanges,
 * host keys, and the client and server state machines that carry a service (user authentication, then the
 * connection protocol).
 */
@NullMarked
package org.twisted4j.conch.transport;

import org.jspecify.annotations.NullMarked;
