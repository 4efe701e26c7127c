/**
 * The SSH connection protocol (RFC 4254), in the manner of Twisted's {@code twisted.conch.ssh.connection},
 * {@code channel}, {@code session} and {@code forwarding}: channels with their windows, sessions running commands,
 * shells and subsystems, and TCP/IP port forwarding both ways.
 */
@NullMarked
package org.twisted4j.conch.connection;

import org.jspecify.annotations.NullMarked;
