package org.twisted4j.names;

import java.util.List;

/**
 * What a message's EDNS(0) pseudo-record says (RFC 6891): the largest UDP payload the sender takes, the EDNS
 * version, the DNSSEC OK bit and the options. The upper eight bits of the response code, which travel in the
 * same record, are part of {@link Message#rcode()}.
 *
 * <p>Immutable; any thread.
 */
public record Edns(int payloadSize, int version, boolean dnssecOk, List<EdnsOption> options) {
    /** The payload size most resolvers now offer (DNS flag day 2020), {@value}. */
    public static final int DEFAULT_PAYLOAD_SIZE = 1232;

    /** Checks the widths and copies the options. */
    public Edns {
        Records.check(payloadSize, 0xffff, "payload size");
        Records.check(version, 0xff, "version");
        options = List.copyOf(options);
    }

    /** Version 0, {@value #DEFAULT_PAYLOAD_SIZE} octets, DO clear, no options. */
    public static Edns defaults() {
        return new Edns(DEFAULT_PAYLOAD_SIZE, 0, false, List.of());
    }

    /** This with {@code option} added. */
    public Edns withOption(EdnsOption option) {
        List<EdnsOption> more = new java.util.ArrayList<>(options);
        more.add(option);
        return new Edns(payloadSize, version, dnssecOk, more);
    }
}
