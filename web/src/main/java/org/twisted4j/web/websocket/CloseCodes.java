package org.twisted4j.web.websocket;

/**
 * The status codes of a WebSocket close (RFC 6455 section 7.4), and which of them may travel in a close frame.
 *
 * <p>{@link #NO_STATUS_RECEIVED}, {@link #ABNORMAL_CLOSURE} and {@link #TLS_HANDSHAKE} are only ever reported to
 * a {@link WebSocketHandler}; they never appear on the wire. Codes 3000-4999 are for libraries and
 * applications.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class CloseCodes {

    /** 1000: the purpose of the connection has been fulfilled. */
    public static final int NORMAL_CLOSURE = 1000;
    /** 1001: the endpoint is going away, as a server shutting down or a browser leaving the page. */
    public static final int GOING_AWAY = 1001;
    /** 1002: the peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: a kind of message the endpoint cannot accept (text to a binary-only endpoint, say). */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1005: reported when the peer's close frame carried no status code; never sent. */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** 1006: reported when the connection closed without a close handshake; never sent. */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** 1007: a message's data did not match its type, as a text message that is not UTF-8. */
    public static final int INVALID_PAYLOAD = 1007;
    /** 1008: a message broke the endpoint's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: a frame or message too big to process. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1010: the client needed an extension the server did not agree to. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011: the server met an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;
    /** 1012: the service is restarting. */
    public static final int SERVICE_RESTART = 1012;
    /** 1013: the service is overloaded; try again later. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** 1014: a gateway received an invalid response from upstream. */
    public static final int BAD_GATEWAY = 1014;
    /** 1015: reported when the TLS handshake failed; never sent. */
    public static final int TLS_HANDSHAKE = 1015;

    private CloseCodes() {
    }

    /**
     * Returns whether {@code code} may be sent in a close frame: the defined codes 1000-1003 and 1007-1014, and
     * the codes 3000-4999 left to libraries and applications. A received close frame with any other code is a
     * protocol error.
     *
     * @param code the status code
     * @return whether it is allowed on the wire
     */
    public static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
