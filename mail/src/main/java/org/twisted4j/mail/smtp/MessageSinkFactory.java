package org.twisted4j.mail.smtp;

/**
 * Makes the {@link MessageSink} of one recipient, when the message's data begins; as the callable Twisted's
 * {@code validateTo} returns.
 *
 * <p>Threading: called on the reactor thread.
 */
@FunctionalInterface
public interface MessageSinkFactory {

    /** Returns a fresh sink for one copy of the message. */
    MessageSink newSink();
}
