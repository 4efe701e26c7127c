package org.twisted4j.words.xmpp;

/** A string that is not a JID under RFC 7622, with the part and the rule it breaks. */
public final class InvalidJidException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message which part is wrong and why
     */
    public InvalidJidException(String message) {
        super(message);
    }
}
