package org.twisted4j.names;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads and writes {@link Message}s. */
final class MessageCodec {
    /** The fewest octets a question takes: the root name, type and class. */
    private static final int MIN_QUESTION = 5;
    /** The fewest octets a record takes: the root name, type, class, TTL and data length. */
    private static final int MIN_RECORD = 11;

    private MessageCodec() {
    }

    static Message read(byte[] wire) {
        if (wire.length > Message.MAX_MESSAGE) {
            throw new DnsFormatError("message of " + wire.length + " octets (at most 65535)");
        }
        if (wire.length < Message.HEADER) {
            throw new DnsFormatError("message of " + wire.length + " octets, shorter than a header");
        }
        WireReader in = new WireReader(wire);
        Message.Builder b = Message.builder();
        b.id(in.u16("header"));
        int flags = in.u16("header");
        int qd = in.u16("header");
        int an = in.u16("header");
        int ns = in.u16("header");
        int ar = in.u16("header");
        long least = (long) qd * MIN_QUESTION + (long) (an + ns + ar) * MIN_RECORD;
        if (least > in.remaining()) {
            throw new DnsFormatError("counts " + qd + "/" + an + "/" + ns + "/" + ar + " need at least " + least
                    + " octets, " + in.remaining() + " there");
        }
        b.response((flags & 0x8000) != 0).opcode(flags >>> 11 & 0xf).authoritative((flags & 0x0400) != 0)
                .truncated((flags & 0x0200) != 0).recursionDesired((flags & 0x0100) != 0)
                .recursionAvailable((flags & 0x0080) != 0).authenticData((flags & 0x0020) != 0)
                .checkingDisabled((flags & 0x0010) != 0);
        int rcode = flags & 0xf;
        for (int i = 0; i < qd; i++) {
            b.query(new Query(in.name("question"), in.u16("question"), in.u16("question")));
        }
        for (int i = 0; i < an; i++) {
            b.answer(record(in, "answer"));
        }
        for (int i = 0; i < ns; i++) {
            b.authority(record(in, "authority"));
        }
        @Nullable Edns edns = null;
        for (int i = 0; i < ar; i++) {
            int start = in.position();
            ResourceRecord rr = record(in, "additional");
            if (rr.data() instanceof OptRecord opt) {
                if (edns != null) {
                    throw new DnsFormatError("a second OPT record at offset " + start);
                }
                if (!rr.name().isRoot()) {
                    throw new DnsFormatError("OPT record owned by " + rr.name() + ", not the root");
                }
                long ttl = rr.ttl();
                rcode |= (int) (ttl >>> 24) << 4;
                edns = new Edns(rr.dnsClass(), (int) (ttl >>> 16 & 0xff), (ttl & 0x8000) != 0, opt.options());
            } else {
                b.additional(rr);
            }
        }
        if (in.remaining() != 0) {
            throw new DnsFormatError(in.remaining() + " octets after the last record");
        }
        return b.rcode(rcode).edns(edns).build();
    }

    private static ResourceRecord record(WireReader in, String section) {
        Name name = in.name(section);
        int type = in.u16(section);
        int dnsClass = in.u16(section);
        long ttl = in.u32(section);
        int length = in.u16(section);
        if (type == RecordType.OPT && !section.equals("additional")) {
            throw new DnsFormatError("OPT record in the " + section + " section");
        }
        RecordData data = RdataCodec.read(type, in, length);
        return new ResourceRecord(name, dnsClass, ttl, data);
    }

    static byte[] write(Message m, int maxSize, boolean whole) {
        Edns edns = m.edns();
        WireWriter optOut = new WireWriter();
        if (edns != null) {
            optOut.u8(0);
            optOut.u16(RecordType.OPT);
            optOut.u16(edns.payloadSize());
            optOut.u8(m.rcode() >>> 4);
            optOut.u8(edns.version());
            optOut.u16(edns.dnssecOk() ? 0x8000 : 0);
            optOut.u16(0);
            RdataCodec.writeOptions(edns.options(), optOut);
            int length = optOut.position() - MIN_RECORD;
            if (length > 0xffff) {
                throw new IllegalArgumentException("OPT data of " + length + " octets");
            }
            optOut.putU16(MIN_RECORD - 2, length);
        }
        byte[] opt = optOut.toByteArray();
        int limit = maxSize - opt.length;
        if (limit < Message.HEADER) {
            throw new IllegalArgumentException("a message in " + maxSize + " octets cannot hold its header"
                    + (opt.length > 0 ? " and OPT record" : ""));
        }
        WireWriter out = new WireWriter();
        for (int i = 0; i < Message.HEADER; i++) {
            out.u8(0);
        }
        boolean truncated = m.truncated();
        int[] counts = new int[4];
        List<List<?>> sections = new ArrayList<>();
        sections.add(m.queries());
        sections.add(m.answers());
        sections.add(m.authority());
        sections.add(m.additional());
        boolean full = false;
        for (int s = 0; s < 4 && !full; s++) {
            for (Object entry : sections.get(s)) {
                int mark = out.position();
                if (entry instanceof Query q) {
                    out.name(q.name(), true);
                    out.u16(q.type());
                    out.u16(q.dnsClass());
                } else {
                    writeRecord((ResourceRecord) entry, out);
                }
                if (out.position() > limit) {
                    if (whole) {
                        throw new IllegalArgumentException("message longer than " + maxSize + " octets");
                    }
                    out.rollback(mark);
                    full = true;
                    if (s < 3) {
                        truncated = true;
                    }
                    break;
                }
                counts[s]++;
            }
        }
        int arCount = counts[3] + (opt.length > 0 ? 1 : 0);
        out.bytes(opt);
        int flags = (m.response() ? 0x8000 : 0) | m.opcode() << 11 | (m.authoritative() ? 0x0400 : 0)
                | (truncated ? 0x0200 : 0) | (m.recursionDesired() ? 0x0100 : 0)
                | (m.recursionAvailable() ? 0x0080 : 0) | (m.authenticData() ? 0x0020 : 0)
                | (m.checkingDisabled() ? 0x0010 : 0) | m.rcode() & 0xf;
        out.putU16(0, m.id());
        out.putU16(2, flags);
        out.putU16(4, counts[0]);
        out.putU16(6, counts[1]);
        out.putU16(8, counts[2]);
        out.putU16(10, arCount);
        return out.toByteArray();
    }

    private static void writeRecord(ResourceRecord rr, WireWriter out) {
        out.name(rr.name(), true);
        out.u16(rr.type());
        out.u16(rr.dnsClass());
        out.u32(rr.ttl());
        int lengthAt = out.position();
        out.u16(0);
        RdataCodec.write(rr.data(), out);
        int length = out.position() - lengthAt - 2;
        if (length > 0xffff) {
            throw new IllegalArgumentException(RecordType.toText(rr.type()) + " data of " + length + " octets");
        }
        out.putU16(lengthAt, length);
    }
}
