package org.twisted4j.names;

import java.util.Locale;

/**
 * The numbers of DNS classes and their mnemonics; a class without one is written {@code CLASS123}
 * (RFC 3597 §5).
 *
 * <p>Any thread.
 */
public final class DnsClass {
    /** The Internet. */
    public static final int IN = 1;
    /** Chaos. */
    public static final int CH = 3;
    /** Hesiod. */
    public static final int HS = 4;
    /** None (RFC 2136 updates). */
    public static final int NONE = 254;
    /** Any class (queries). */
    public static final int ANY = 255;

    private DnsClass() {
    }

    /** The mnemonic, or {@code CLASS} and the number when there is none. */
    public static String toText(int dnsClass) {
        return switch (dnsClass) {
            case IN -> "IN";
            case CH -> "CH";
            case HS -> "HS";
            case NONE -> "NONE";
            case ANY -> "ANY";
            default -> "CLASS" + dnsClass;
        };
    }

    /**
     * The number of a mnemonic or a {@code CLASSnnn}, either case.
     *
     * @throws IllegalArgumentException if it is neither, or the number is not 0 to 65535
     */
    public static int fromText(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "IN" -> IN;
            case "CH" -> CH;
            case "HS" -> HS;
            case "NONE" -> NONE;
            case "ANY" -> ANY;
            default -> Texts.numbered(upper, "CLASS");
        };
    }
}
