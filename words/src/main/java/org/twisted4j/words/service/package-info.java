/**
 * The chat service behind {@code twist words}, in the manner of Twisted's {@code twisted.words.service}: a
 * {@link org.twisted4j.words.service.ChatService} of users and groups, logins through cred, and an RFC 2812 IRC
 * server for it ({@link org.twisted4j.words.service.IrcServerFactory}), with the {@code words} plugin.
 */
@NullMarked
package org.twisted4j.words.service;

import org.jspecify.annotations.NullMarked;
