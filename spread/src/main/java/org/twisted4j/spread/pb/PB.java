package org.twisted4j.spread.pb;

import org.twisted4j.cred.UsernameMD5Challenge;

/**
 * Perspective Broker's constants and its password challenge, as in Twisted's {@code twisted.spread.pb}
 * module.
 */
public final class PB {
    /** The port Perspective Broker servers listen on by default: {@value}. */
    public static final int PORT = 8787;

    private PB() {
    }

    /**
     * A fresh random challenge for a password login: Twisted's {@code pb.challenge()}.
     *
     * @return 16 bytes
     */
    public static byte[] challenge() {
        return UsernameMD5Challenge.challenge();
    }

    /**
     * The answer to a challenge, {@code md5(md5(password) + challenge)}: Twisted's {@code pb.respond}.
     *
     * @param challenge the challenge the server sent
     * @param password the password
     * @return 16 bytes
     */
    public static byte[] respond(byte[] challenge, String password) {
        return UsernameMD5Challenge.respond(challenge, password);
    }
}
