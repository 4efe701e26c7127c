package org.twisted4j.conch.transport;

/**
 * The reason codes of {@code SSH_MSG_DISCONNECT} (RFC 4253 section 11.1, RFC 4250 section 4.2.2).
 *
 * <h2>Threading</h2>
 * Any thread (constants).
 */
public final class DisconnectReason {
    /** {@code SSH_DISCONNECT_HOST_NOT_ALLOWED_TO_CONNECT}. */
    public static final int HOST_NOT_ALLOWED_TO_CONNECT = 1;
    /** {@code SSH_DISCONNECT_PROTOCOL_ERROR}. */
    public static final int PROTOCOL_ERROR = 2;
    /** {@code SSH_DISCONNECT_KEY_EXCHANGE_FAILED}. */
    public static final int KEY_EXCHANGE_FAILED = 3;
    /** {@code SSH_DISCONNECT_RESERVED}. */
    public static final int RESERVED = 4;
    /** {@code SSH_DISCONNECT_MAC_ERROR}. */
    public static final int MAC_ERROR = 5;
    /** {@code SSH_DISCONNECT_COMPRESSION_ERROR}. */
    public static final int COMPRESSION_ERROR = 6;
    /** {@code SSH_DISCONNECT_SERVICE_NOT_AVAILABLE}. */
    public static final int SERVICE_NOT_AVAILABLE = 7;
    /** {@code SSH_DISCONNECT_PROTOCOL_VERSION_NOT_SUPPORTED}. */
    public static final int PROTOCOL_VERSION_NOT_SUPPORTED = 8;
    /** {@code SSH_DISCONNECT_HOST_KEY_NOT_VERIFIABLE}. */
    public static final int HOST_KEY_NOT_VERIFIABLE = 9;
    /** {@code SSH_DISCONNECT_CONNECTION_LOST}. */
    public static final int CONNECTION_LOST = 10;
    /** {@code SSH_DISCONNECT_BY_APPLICATION}. */
    public static final int BY_APPLICATION = 11;
    /** {@code SSH_DISCONNECT_TOO_MANY_CONNECTIONS}. */
    public static final int TOO_MANY_CONNECTIONS = 12;
    /** {@code SSH_DISCONNECT_AUTH_CANCELLED_BY_USER}. */
    public static final int AUTH_CANCELLED_BY_USER = 13;
    /** {@code SSH_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE}. */
    public static final int NO_MORE_AUTH_METHODS_AVAILABLE = 14;
    /** {@code SSH_DISCONNECT_ILLEGAL_USER_NAME}. */
    public static final int ILLEGAL_USER_NAME = 15;

    private DisconnectReason() {
    }
}
