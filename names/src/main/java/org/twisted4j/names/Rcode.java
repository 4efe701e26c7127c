package org.twisted4j.names;

/**
 * Response codes: the four bits of the header, extended to twelve by EDNS(0) (RFC 6891 §6.1.3).
 *
 * <p>Any thread.
 */
public final class Rcode {
    /** No error. */
    public static final int NOERROR = 0;
    /** The server could not read the query. */
    public static final int FORMERR = 1;
    /** The server failed. */
    public static final int SERVFAIL = 2;
    /** The name does not exist. */
    public static final int NXDOMAIN = 3;
    /** The server does not do that kind of query. */
    public static final int NOTIMP = 4;
    /** The server refused. */
    public static final int REFUSED = 5;
    /** An EDNS version the server does not do (extended). */
    public static final int BADVERS = 16;
    /** A bad server cookie (extended, RFC 7873). */
    public static final int BADCOOKIE = 23;

    private Rcode() {
    }

    /** The mnemonic, or {@code RCODE} and the number. */
    public static String toText(int rcode) {
        return switch (rcode) {
            case NOERROR -> "NOERROR";
            case FORMERR -> "FORMERR";
            case SERVFAIL -> "SERVFAIL";
            case NXDOMAIN -> "NXDOMAIN";
            case NOTIMP -> "NOTIMP";
            case REFUSED -> "REFUSED";
            case 6 -> "YXDOMAIN";
            case 7 -> "YXRRSET";
            case 8 -> "NXRRSET";
            case 9 -> "NOTAUTH";
            case 10 -> "NOTZONE";
            case BADVERS -> "BADVERS";
            case BADCOOKIE -> "BADCOOKIE";
            default -> "RCODE" + rcode;
        };
    }
}
