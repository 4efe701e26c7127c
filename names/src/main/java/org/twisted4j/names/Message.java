package org.twisted4j.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A DNS message (RFC 1035 §4.1): the header (id, opcode, flags, response code), the question and the answer,
 * authority and additional sections, and the EDNS(0) pseudo-record when there is one. The counterpart of
 * Twisted's {@code dns.Message} and {@code _EDNSMessage}.
 *
 * <pre>{@code
 * Message query = Message.builder().id(4321).recursionDesired(true)
 *         .query(Query.of("example.com", RecordType.A)).edns(Edns.defaults()).build();
 * byte[] wire = query.toBytes();
 * Message answer = Message.parse(datagram);           // DnsFormatError if it cannot be read
 * byte[] reply = response.toBytes(query.maxPayload()); // whole records only, TC when it had to drop any
 * }</pre>
 *
 * <h2>EDNS(0)</h2>
 * An {@code OPT} record is not kept in {@link #additional()}: it is read into {@link #edns()}, its upper rcode
 * bits joined to the header's in {@link #rcode()}, and written back last in the additional section. A message
 * with more than one {@code OPT}, or one not owned by the root, or one outside the additional section, is a
 * {@link DnsFormatError}.
 *
 * <h2>Limits</h2>
 * {@link #parse(byte[])} reads at most {@value #MAX_MESSAGE} octets (the TCP maximum), checks every count and
 * length against the octets that are there before it allocates for them, and reports every fault as
 * {@link DnsFormatError}. Names and compression follow {@link Name}'s limits. Octets left after the last record
 * are an error too.
 *
 * <p>Immutable; any thread.
 */
public final class Message {
    /** The largest message, the most a TCP length prefix can announce. */
    public static final int MAX_MESSAGE = 65535;
    /** The size of a UDP answer to a query without EDNS(0) (RFC 1035 §4.2.1). */
    public static final int UDP_PAYLOAD_WITHOUT_EDNS = 512;
    /** The size of the header. */
    static final int HEADER = 12;

    private final int id;
    private final boolean response;
    private final int opcode;
    private final boolean authoritative;
    private final boolean truncated;
    private final boolean recursionDesired;
    private final boolean recursionAvailable;
    private final boolean authenticData;
    private final boolean checkingDisabled;
    private final int rcode;
    private final List<Query> queries;
    private final List<ResourceRecord> answers;
    private final List<ResourceRecord> authority;
    private final List<ResourceRecord> additional;
    private final @Nullable Edns edns;

    private Message(Builder b) {
        id = b.id;
        response = b.response;
        opcode = b.opcode;
        authoritative = b.authoritative;
        truncated = b.truncated;
        recursionDesired = b.recursionDesired;
        recursionAvailable = b.recursionAvailable;
        authenticData = b.authenticData;
        checkingDisabled = b.checkingDisabled;
        rcode = b.rcode;
        queries = List.copyOf(b.queries);
        answers = List.copyOf(b.answers);
        authority = List.copyOf(b.authority);
        additional = List.copyOf(b.additional);
        edns = b.edns;
        if (rcode > 15 && edns == null) {
            throw new IllegalArgumentException("rcode " + rcode + " needs EDNS(0)");
        }
    }

    /** A builder for a new message: id 0, a query, opcode QUERY, no flags, NOERROR, empty sections. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts as this message. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.response = response;
        b.opcode = opcode;
        b.authoritative = authoritative;
        b.truncated = truncated;
        b.recursionDesired = recursionDesired;
        b.recursionAvailable = recursionAvailable;
        b.authenticData = authenticData;
        b.checkingDisabled = checkingDisabled;
        b.rcode = rcode;
        b.queries.addAll(queries);
        b.answers.addAll(answers);
        b.authority.addAll(authority);
        b.additional.addAll(additional);
        b.edns = edns;
        return b;
    }

    /**
     * Reads a whole message: a UDP datagram, or a TCP message without its length prefix.
     *
     * @throws DnsFormatError if the octets are not one well-formed message; never another exception
     */
    public static Message parse(byte[] wire) {
        return MessageCodec.read(wire);
    }

    /**
     * The wire form, as long as it takes; names compressed.
     *
     * @throws IllegalArgumentException if it would be longer than {@value #MAX_MESSAGE} octets, or a record's data
     *         longer than 65535
     */
    public byte[] toBytes() {
        return MessageCodec.write(this, MAX_MESSAGE, true);
    }

    /**
     * The wire form in at most {@code maxSize} octets: records that do not fit are left out whole, with all
     * the records after them, and the TC flag is set when a question, answer or authority record was left out
     * (a dropped additional record alone does not set it, RFC 2181 §9). The {@code OPT} record is kept whatever
     * else is dropped.
     *
     * @param maxSize the most octets to write, at least the header and the {@code OPT} record
     * @throws IllegalArgumentException if {@code maxSize} cannot hold even those
     */
    public byte[] toBytes(int maxSize) {
        return MessageCodec.write(this, maxSize, false);
    }

    /**
     * The most octets the sender of this message takes in a UDP answer: its EDNS(0) payload size (never less
     * than 512), or 512 without EDNS(0).
     */
    public int maxPayload() {
        return edns == null ? UDP_PAYLOAD_WITHOUT_EDNS : Math.max(UDP_PAYLOAD_WITHOUT_EDNS, edns.payloadSize());
    }

    /** The id, 0 to 65535. */
    public int id() {
        return id;
    }

    /** Whether this is a response (QR). */
    public boolean response() {
        return response;
    }

    /** The opcode ({@link Opcode}), 0 to 15. */
    public int opcode() {
        return opcode;
    }

    /** Authoritative answer (AA). */
    public boolean authoritative() {
        return authoritative;
    }

    /** Truncated (TC). */
    public boolean truncated() {
        return truncated;
    }

    /** Recursion desired (RD). */
    public boolean recursionDesired() {
        return recursionDesired;
    }

    /** Recursion available (RA). */
    public boolean recursionAvailable() {
        return recursionAvailable;
    }

    /** Authentic data (AD, RFC 4035). */
    public boolean authenticData() {
        return authenticData;
    }

    /** Checking disabled (CD, RFC 4035). */
    public boolean checkingDisabled() {
        return checkingDisabled;
    }

    /** The response code ({@link Rcode}), with EDNS(0)'s upper bits: 0 to 4095 (0 to 15 without EDNS). */
    public int rcode() {
        return rcode;
    }

    /** The question section. */
    public List<Query> queries() {
        return queries;
    }

    /** The answer section. */
    public List<ResourceRecord> answers() {
        return answers;
    }

    /** The authority section. */
    public List<ResourceRecord> authority() {
        return authority;
    }

    /** The additional section, without the {@code OPT} record. */
    public List<ResourceRecord> additional() {
        return additional;
    }

    /** The EDNS(0) record, or null when the message has none. */
    public @Nullable Edns edns() {
        return edns;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Message m && id == m.id && response == m.response && opcode == m.opcode
                && authoritative == m.authoritative && truncated == m.truncated
                && recursionDesired == m.recursionDesired && recursionAvailable == m.recursionAvailable
                && authenticData == m.authenticData && checkingDisabled == m.checkingDisabled && rcode == m.rcode
                && queries.equals(m.queries) && answers.equals(m.answers) && authority.equals(m.authority)
                && additional.equals(m.additional) && Objects.equals(edns, m.edns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, response, opcode, rcode, queries, answers, authority, additional, edns);
    }

    /** A dig-like multi-line rendering: header line, then each section's entries in presentation form. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append("id ").append(id).append(' ').append(Opcode.toText(opcode)).append(' ')
                .append(Rcode.toText(rcode)).append(" flags");
        if (response) {
            out.append(" qr");
        }
        if (authoritative) {
            out.append(" aa");
        }
        if (truncated) {
            out.append(" tc");
        }
        if (recursionDesired) {
            out.append(" rd");
        }
        if (recursionAvailable) {
            out.append(" ra");
        }
        if (authenticData) {
            out.append(" ad");
        }
        if (checkingDisabled) {
            out.append(" cd");
        }
        if (edns != null) {
            out.append("\nedns ").append(edns.version()).append(" payload ").append(edns.payloadSize());
            if (edns.dnssecOk()) {
                out.append(" do");
            }
            for (EdnsOption option : edns.options()) {
                out.append(' ').append(option.toText());
            }
        }
        out.append("\n;QUESTION");
        queries.forEach(q -> out.append('\n').append(q.toText()));
        section(out, ";ANSWER", answers);
        section(out, ";AUTHORITY", authority);
        section(out, ";ADDITIONAL", additional);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<ResourceRecord> records) {
        out.append('\n').append(title);
        records.forEach(r -> out.append('\n').append(r.toText()));
    }

    /**
     * Builds a {@link Message}. Not thread-safe; {@link #build()} may be called more than once.
     */
    public static final class Builder {
        private int id;
        private boolean response;
        private int opcode;
        private boolean authoritative;
        private boolean truncated;
        private boolean recursionDesired;
        private boolean recursionAvailable;
        private boolean authenticData;
        private boolean checkingDisabled;
        private int rcode;
        private final List<Query> queries = new ArrayList<>();
        private final List<ResourceRecord> answers = new ArrayList<>();
        private final List<ResourceRecord> authority = new ArrayList<>();
        private final List<ResourceRecord> additional = new ArrayList<>();
        private @Nullable Edns edns;

        private Builder() {
        }

        /** Sets the id, 0 to 65535. */
        public Builder id(int value) {
            Records.check(value, 0xffff, "id");
            id = value;
            return this;
        }

        /** Sets QR. */
        public Builder response(boolean value) {
            response = value;
            return this;
        }

        /** Sets the opcode, 0 to 15. */
        public Builder opcode(int value) {
            Records.check(value, 15, "opcode");
            opcode = value;
            return this;
        }

        /** Sets AA. */
        public Builder authoritative(boolean value) {
            authoritative = value;
            return this;
        }

        /** Sets TC. */
        public Builder truncated(boolean value) {
            truncated = value;
            return this;
        }

        /** Sets RD. */
        public Builder recursionDesired(boolean value) {
            recursionDesired = value;
            return this;
        }

        /** Sets RA. */
        public Builder recursionAvailable(boolean value) {
            recursionAvailable = value;
            return this;
        }

        /** Sets AD. */
        public Builder authenticData(boolean value) {
            authenticData = value;
            return this;
        }

        /** Sets CD. */
        public Builder checkingDisabled(boolean value) {
            checkingDisabled = value;
            return this;
        }

        /** Sets the response code, 0 to 4095 (above 15 only with EDNS(0), checked by {@link #build()}). */
        public Builder rcode(int value) {
            Records.check(value, 0xfff, "rcode");
            rcode = value;
            return this;
        }

        /** Adds to the question section. */
        public Builder query(Query query) {
            queries.add(Objects.requireNonNull(query));
            return this;
        }

        /** Adds to the answer section. */
        public Builder answer(ResourceRecord record) {
            answers.add(Objects.requireNonNull(record));
            return this;
        }

        /** Adds to the authority section. */
        public Builder authority(ResourceRecord record) {
            authority.add(Objects.requireNonNull(record));
            return this;
        }

        /** Adds to the additional section. */
        public Builder additional(ResourceRecord record) {
            additional.add(Objects.requireNonNull(record));
            return this;
        }

        /** Empties every section. */
        public Builder clearSections() {
            queries.clear();
            answers.clear();
            authority.clear();
            additional.clear();
            return this;
        }

        /** Sets or (with null) removes the EDNS(0) record. */
        public Builder edns(@Nullable Edns value) {
            edns = value;
            return this;
        }

        /**
         * The message.
         *
         * @throws IllegalArgumentException if the rcode is above 15 without EDNS(0)
         */
        public Message build() {
            return new Message(this);
        }
    }
}
