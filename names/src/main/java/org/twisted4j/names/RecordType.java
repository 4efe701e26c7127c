package org.twisted4j.names;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers of record types (RR TYPEs and QTYPEs, IANA's registry) and their mnemonics. A type without a
 * mnemonic is written {@code TYPE123} (RFC 3597 §5).
 *
 * <p>Any thread.
 */
public final class RecordType {
    /** IPv4 address (RFC 1035). */
    public static final int A = 1;
    /** Authoritative name server. */
    public static final int NS = 2;
    /** Canonical name. */
    public static final int CNAME = 5;
    /** Start of a zone of authority. */
    public static final int SOA = 6;
    /** Domain name pointer. */
    public static final int PTR = 12;
    /** Host information. */
    public static final int HINFO = 13;
    /** Mail exchange. */
    public static final int MX = 15;
    /** Text strings. */
    public static final int TXT = 16;
    /** Responsible person (RFC 1183). */
    public static final int RP = 17;
    /** IPv6 address (RFC 3596). */
    public static final int AAAA = 28;
    /** Service location (RFC 2782). */
    public static final int SRV = 33;
    /** Naming authority pointer (RFC 3403). */
    public static final int NAPTR = 35;
    /** Delegation of a subtree (RFC 6672). */
    public static final int DNAME = 39;
    /** The EDNS(0) pseudo-record (RFC 6891). */
    public static final int OPT = 41;
    /** Delegation signer (RFC 4034). */
    public static final int DS = 43;
    /** SSH key fingerprint (RFC 4255). */
    public static final int SSHFP = 44;
    /** Signature over an RRset (RFC 4034). */
    public static final int RRSIG = 46;
    /** Next secure name (RFC 4034). */
    public static final int NSEC = 47;
    /** DNSSEC public key (RFC 4034). */
    public static final int DNSKEY = 48;
    /** Hashed next secure name (RFC 5155). */
    public static final int NSEC3 = 50;
    /** NSEC3 parameters (RFC 5155). */
    public static final int NSEC3PARAM = 51;
    /** TLS certificate association (RFC 6698). */
    public static final int TLSA = 52;
    /** Service binding (RFC 9460). */
    public static final int SVCB = 64;
    /** Service binding for HTTPS (RFC 9460). */
    public static final int HTTPS = 65;
    /** Sender policy (RFC 4408, now carried in TXT). */
    public static final int SPF = 99;
    /** Zone transfer, incremental (query type, RFC 1995). */
    public static final int IXFR = 251;
    /** Zone transfer (query type). */
    public static final int AXFR = 252;
    /** Every type (query type, {@code *}). */
    public static final int ANY = 255;
    /** Certification authority authorisation (RFC 8659). */
    public static final int CAA = 257;

    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<String, Integer> NUMBERS = new HashMap<>();

    static {
        Object[][] known = {{A, "A"}, {NS, "NS"}, {CNAME, "CNAME"}, {SOA, "SOA"}, {PTR, "PTR"}, {HINFO, "HINFO"},
            {MX, "MX"}, {TXT, "TXT"}, {RP, "RP"}, {AAAA, "AAAA"}, {SRV, "SRV"}, {NAPTR, "NAPTR"}, {DNAME, "DNAME"},
            {OPT, "OPT"}, {DS, "DS"}, {SSHFP, "SSHFP"}, {RRSIG, "RRSIG"}, {NSEC, "NSEC"}, {DNSKEY, "DNSKEY"},
            {NSEC3, "NSEC3"}, {NSEC3PARAM, "NSEC3PARAM"}, {TLSA, "TLSA"}, {SVCB, "SVCB"}, {HTTPS, "HTTPS"},
            {SPF, "SPF"}, {IXFR, "IXFR"}, {AXFR, "AXFR"}, {ANY, "ANY"}, {CAA, "CAA"}};
        for (Object[] entry : known) {
            NAMES.put((Integer) entry[0], (String) entry[1]);
            NUMBERS.put((String) entry[1], (Integer) entry[0]);
        }
    }

    private RecordType() {
    }

    /** The mnemonic, or {@code TYPE} and the number when there is none. */
    public static String toText(int type) {
        String name = NAMES.get(type);
        return name != null ? name : "TYPE" + type;
    }

    /**
     * The number of a mnemonic or a {@code TYPEnnn}, either case.
     *
     * @throws IllegalArgumentException if it is neither, or the number is not 0 to 65535
     */
    public static int fromText(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        Integer known = NUMBERS.get(upper);
        if (known != null) {
            return known;
        }
        return Texts.numbered(upper, "TYPE");
    }
}
