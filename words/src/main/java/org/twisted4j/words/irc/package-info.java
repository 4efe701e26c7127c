/**
 * IRC in the manner of Twisted's {@code twisted.words.protocols.irc}: the line codec ({@link
 * org.twisted4j.words.irc.IrcMessage}), text helpers (splitting, mIRC formatting, CTCP), and {@link
 * org.twisted4j.words.irc.IRCClient} with its callbacks, ISUPPORT, CTCP, DCC offers and IRCv3 capabilities.
 */
@NullMarked
package org.twisted4j.words.irc;

import org.jspecify.annotations.NullMarked;
