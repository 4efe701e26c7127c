package org.twisted4j.conch.client;

import org.twisted4j.defer.Deferred;

/**
 * Whom {@link KnownHostsFile} asks about a server key it does not know, and tells about what it did (Twisted's
 * {@code ConsoleUI}): a person at a terminal ({@link ConsoleUI}), or a policy.
 *
 * <h2>Threading</h2>
 * Called on the reactor thread; the answer may come later, on the reactor thread.
 */
public interface KnownHostsUI {

    /** A UI that trusts no unknown key and shows nothing: as OpenSSH's {@code StrictHostKeyChecking=yes}. */
    KnownHostsUI REFUSE_UNKNOWN = new KnownHostsUI() {
        @Override
        public Deferred<Boolean> prompt(String question) {
            return Deferred.succeed(false);
        }

        @Override
        public void warn(String message) {
        }
    };

    /**
     * Asks a yes-or-no question.
     *
     * @param question the question, ending with {@code (yes/no)? }
     * @return fires with true for yes
     */
    Deferred<Boolean> prompt(String question);

    /** Shows a message: a key added, or a key that changed. */
    void warn(String message);
}
