package org.twisted4j.web.xmlrpc;

/**
 * An XML-RPC fault, as Python's {@code xmlrpc.client.Fault}: thrown (or returned through a Deferred) by a
 * procedure to answer with a fault, and what a {@link Proxy} call fails with when the server answers one.
 */
public final class Fault extends Exception {
    private static final long serialVersionUID = 1L;

    /** Twisted's code for a procedure that does not exist. */
    public static final int NOT_FOUND = 8001;
    /** Twisted's code for a procedure that failed, or input or output that could not be converted. */
    public static final int FAILURE = 8002;

    private final int faultCode;
    private final String faultString;

    /** Creates a fault with its code and text. */
    public Fault(int faultCode, String faultString) {
        super(faultCode + ": " + faultString);
        this.faultCode = faultCode;
        this.faultString = faultString;
    }

    /** The fault's code. */
    public int faultCode() {
        return faultCode;
    }

    /** The fault's text. */
    public String faultString() {
        return faultString;
    }
}
