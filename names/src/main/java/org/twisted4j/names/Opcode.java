package org.twisted4j.names;

/**
 * Operation codes of the header.
 *
 * <p>Any thread.
 */
public final class Opcode {
    /** A standard query. */
    public static final int QUERY = 0;
    /** An inverse query (obsolete). */
    public static final int IQUERY = 1;
    /** A server status request. */
    public static final int STATUS = 2;
    /** A zone change notification (RFC 1996). */
    public static final int NOTIFY = 4;
    /** A dynamic update (RFC 2136). */
    public static final int UPDATE = 5;

    private Opcode() {
    }

    /** The mnemonic, or the number. */
    public static String toText(int opcode) {
        return switch (opcode) {
            case QUERY -> "QUERY";
            case IQUERY -> "IQUERY";
            case STATUS -> "STATUS";
            case NOTIFY -> "NOTIFY";
            case UPDATE -> "UPDATE";
            default -> Integer.toString(opcode);
        };
    }
}
