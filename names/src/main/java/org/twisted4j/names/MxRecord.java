package org.twisted4j.names;

/**
 * A mail exchange ({@code MX}, RFC 1035 §3.3.9): lower preference first.
 *
 * <p>Immutable; any thread.
 */
public record MxRecord(int preference, Name exchange) implements RecordData {
    /** Checks the exchange is there and the preference 16-bit. */
    public MxRecord {
        java.util.Objects.requireNonNull(exchange, "exchange");
        Records.check(preference, 0xffff, "preference");
    }

    @Override
    public int type() {
        return RecordType.MX;
    }

    @Override
    public String toText() {
        return preference + " " + exchange;
    }
}
