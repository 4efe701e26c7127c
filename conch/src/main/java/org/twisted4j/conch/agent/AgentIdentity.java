package org.twisted4j.conch.agent;

import org.twisted4j.conch.keys.Key;

/**
 * One key an agent holds: its public half and the comment it was added with.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 *
 * @param key the public key
 * @param comment the comment, often the file it was loaded from
 */
public record AgentIdentity(Key key, String comment) {
}
