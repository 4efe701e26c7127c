package org.twisted4j.names.authority;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Record type mnemonics and numbers, as zone files write them; {@code TYPEnnn} for any (RFC 3597 §5). */
final class RecordTypes {

    static final int A = 1;
    static final int NS = 2;
    static final int CNAME = 5;
    static final int SOA = 6;
    static final int PTR = 12;
    static final int HINFO = 13;
    static final int MX = 15;
    static final int TXT = 16;
    static final int RP = 17;
    static final int AAAA = 28;
    static final int SRV = 33;
    static final int NAPTR = 35;
    static final int DNAME = 39;
    static final int OPT = 41;
    static final int DS = 43;
    static final int SSHFP = 44;
    static final int RRSIG = 46;
    static final int NSEC = 47;
    static final int DNSKEY = 48;
    static final int NSEC3 = 50;
    static final int NSEC3PARAM = 51;
    static final int TLSA = 52;
    static final int SVCB = 64;
    static final int HTTPS = 65;
    static final int SPF = 99;
    static final int AXFR = 252;
    static final int ANY = 255;
    static final int CAA = 257;

    private static final Map<String, Integer> BY_NAME = new TreeMap<>();
    private static final Map<Integer, String> BY_NUMBER = new TreeMap<>();

    static {
        Object[] table = {
            "A", A, "NS", NS, "CNAME", CNAME, "SOA", SOA, "PTR", PTR, "HINFO", HINFO, "MX", MX, "TXT", TXT,
            "RP", RP, "AAAA", AAAA, "SRV", SRV, "NAPTR", NAPTR, "DNAME", DNAME, "OPT", OPT, "DS", DS,
            "SSHFP", SSHFP, "RRSIG", RRSIG, "NSEC", NSEC, "DNSKEY", DNSKEY, "NSEC3", NSEC3,
            "NSEC3PARAM", NSEC3PARAM, "TLSA", TLSA, "SVCB", SVCB, "HTTPS", HTTPS, "SPF", SPF, "AXFR", AXFR,
            "ANY", ANY, "CAA", CAA, "MD", 3, "MF", 4, "MB", 7, "MG", 8, "MR", 9, "NULL", 10, "WKS", 11,
            "MINFO", 14, "AFSDB", 18, "IXFR", 251, "MAILB", 253, "MAILA", 254,
        };
        for (int i = 0; i < table.length; i += 2) {
            BY_NAME.put((String) table[i], (Integer) table[i + 1]);
            BY_NUMBER.put((Integer) table[i + 1], (String) table[i]);
        }
    }

    private RecordTypes() {
    }

    /** Returns the type's number, or -1 if the text names none (a mnemonic or {@code TYPEnnn}). */
    static int number(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        Integer known = BY_NAME.get(upper);
        if (known != null) {
            return known;
        }
        if (upper.startsWith("TYPE")) {
            return parse16(upper.substring(4));
        }
        return -1;
    }

    /** Returns the type's mnemonic, or {@code TYPEnnn}. */
    static String name(int type) {
        String known = BY_NUMBER.get(type);
        return known != null ? known : "TYPE" + type;
    }

    /** Returns the class number for IN, CH, HS, CS, NONE, ANY or {@code CLASSnnn}, or -1 if not a class. */
    static int dnsClass(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "IN" -> 1;
            case "CS" -> 2;
            case "CH" -> 3;
            case "HS" -> 4;
            default -> upper.startsWith("CLASS") ? parse16(upper.substring(5)) : -1;
        };
    }

    private static int parse16(String digits) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int value = Integer.parseInt(digits);
        return value <= 0xFFFF ? value : -1;
    }
}
