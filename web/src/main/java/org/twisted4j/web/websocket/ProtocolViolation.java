package org.twisted4j.web.websocket;

/** The peer broke the WebSocket protocol: the connection is failed with {@link #code()} in the close frame. */
final class ProtocolViolation extends Exception {
    private static final long serialVersionUID = 1L;

    private final int code;

    ProtocolViolation(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** Returns the close code to send: 1002, 1007 or 1009 mostly. */
    int code() {
        return code;
    }
}
