/**
 * Terminals, as Twisted's {@code twisted.conch.insults}: the server side of a VT102 terminal
 * ({@link org.twisted4j.conch.insults.ServerProtocol}, which turns what the user types into
 * {@link org.twisted4j.conch.insults.Keystroke}s, arrow and function keys parsed from their escape sequences, and
 * turns {@link org.twisted4j.conch.insults.Terminal} calls into the sequences that move the cursor, erase and set
 * attributes), the application side ({@link org.twisted4j.conch.insults.TerminalProtocol}), a session that runs
 * one over SSH ({@link org.twisted4j.conch.insults.TerminalSession}; over Telnet a
 * {@link org.twisted4j.conch.telnet.TelnetTransport#terminal} carries it), the client side
 * ({@link org.twisted4j.conch.insults.ClientProtocol}, which reads what a server sends into calls on a
 * {@link org.twisted4j.conch.insults.TerminalDisplay}), and {@link org.twisted4j.conch.insults.TerminalBuffer}, an
 * in-memory VT102 screen for tests.
 */
@NullMarked
package org.twisted4j.conch.insults;

import org.jspecify.annotations.NullMarked;
