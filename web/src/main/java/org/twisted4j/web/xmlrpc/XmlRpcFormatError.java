package org.twisted4j.web.xmlrpc;

/** XML-RPC input that is not well-formed, not XML-RPC, past a limit, or carries a DTD: refused whole. */
public final class XmlRpcFormatError extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the error saying what is wrong. */
    public XmlRpcFormatError(String message) {
        super(message);
    }
}
