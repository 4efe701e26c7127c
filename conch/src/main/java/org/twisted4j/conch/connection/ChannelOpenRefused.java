package org.twisted4j.conch.connection;

/**
 * Why a channel open was refused (RFC 4254 section 5.1), thrown by whatever makes channels.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class ChannelOpenRefused extends Exception {
    /** {@code SSH_OPEN_ADMINISTRATIVELY_PROHIBITED}. */
    public static final int ADMINISTRATIVELY_PROHIBITED = 1;
    /** {@code SSH_OPEN_CONNECT_FAILED}. */
    public static final int CONNECT_FAILED = 2;
    /** {@code SSH_OPEN_UNKNOWN_CHANNEL_TYPE}. */
    public static final int UNKNOWN_CHANNEL_TYPE = 3;
    /** {@code SSH_OPEN_RESOURCE_SHORTAGE}. */
    public static final int RESOURCE_SHORTAGE = 4;

    private static final long serialVersionUID = 1L;

    private final int reason;

    /**
     * Makes the refusal.
     *
     * @param reason one of the codes above
     * @param description why, for the client's user
     */
    public ChannelOpenRefused(int reason, String description) {
        super(description);
        this.reason = reason;
    }

    /** Returns the reason code. */
    public int reason() {
        return reason;
    }
}
