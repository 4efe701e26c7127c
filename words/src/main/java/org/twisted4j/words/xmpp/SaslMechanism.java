package org.twisted4j.words.xmpp;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One SASL mechanism on the client side, as Twisted's {@code jabber.sasl_mechanisms.ISASLMechanism}: its name,
 * the initial response, the answers to the server's challenges, and a check of the server's final data.
 *
 * <h2>Threading</h2>
 * One exchange, one thread.
 */
public interface SaslMechanism {

    /** Returns the mechanism's name, such as {@code SCRAM-SHA-256}. */
    String name();

    /** Returns the initial response, or null to send none. */
    byte @Nullable [] initialResponse();

    /**
     * Answers a challenge.
     *
     * @param challenge the decoded challenge
     * @return the response
     * @throws SaslException if the challenge is not what the mechanism expects
     */
    byte[] respond(byte[] challenge) throws SaslException;

    /**
     * Checks the data that came with {@code <success>} (SCRAM's server signature).
     *
     * @param additional the decoded data, empty if none
     * @throws SaslException if the server did not prove itself
     */
    default void success(byte[] additional) throws SaslException {
    }

    /** PLAIN (RFC 4616): authorization id, user name and password, in the clear; only over TLS. */
    static SaslMechanism plain(String user, String password) {
        return new SaslMechanism() {
            @Override
            public String name() {
                return "PLAIN";
            }

            @Override
            public byte[] initialResponse() {
                return ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] respond(byte[] challenge) throws SaslException {
                throw new SaslException("PLAIN takes no challenge");
            }
        };
    }

    /** ANONYMOUS (RFC 4505): no credentials; the server makes up a JID. */
    static SaslMechanism anonymous() {
        return new SaslMechanism() {
            @Override
            public String name() {
                return "ANONYMOUS";
            }

            @Override
            public byte @Nullable [] initialResponse() {
                return null;
            }

            @Override
            public byte[] respond(byte[] challenge) throws SaslException {
                throw new SaslException("ANONYMOUS takes no challenge");
            }
        };
    }
}
