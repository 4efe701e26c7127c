/**
 * Telnet (RFC 854 and 855), as Twisted's {@code twisted.conch.telnet}: an incremental parser of the command
 * stream ({@link org.twisted4j.conch.telnet.TelnetParser}), option negotiation by the Q method of RFC 1143
 * ({@link org.twisted4j.conch.telnet.Telnet}, where negotiation loops cannot happen and
 * {@code will/wont/doOption/dont} answer with Deferreds), a transport that carries an application protocol over
 * Telnet with window size (NAWS, RFC 1073), terminal type (RFC 1091), suppress-go-ahead and echo
 * ({@link org.twisted4j.conch.telnet.TelnetTransport}, from either end: {@code TelnetTransport.client} is the
 * client's), and a login through cred
 * ({@link org.twisted4j.conch.telnet.AuthenticatingTelnetProtocol}).
 *
 * <p>Telnet sends passwords in clear: serve it on loopback, or under TLS.
 */
@NullMarked
package org.twisted4j.conch.telnet;

import org.jspecify.annotations.NullMarked;
