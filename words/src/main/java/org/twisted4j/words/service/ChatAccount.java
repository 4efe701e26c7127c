package org.twisted4j.words.service;

/**
 * The avatar a {@link ChatService} gives a user who logged in through cred: the account name, which the IRC
 * server shows in {@code 900 RPL_LOGGEDIN} and in {@code account} tags.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 *
 * @param name the account name, as the checker gave it
 */
public record ChatAccount(String name) {
}
