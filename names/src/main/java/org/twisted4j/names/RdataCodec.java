package org.twisted4j.names;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of each record type's data. Names in the data of the RFC 1035 types are compressed on write;
 * every other name is written whole (RFC 3597 §4), and all are decompressed on read, as dnspython does.
 */
final class RdataCodec {
    private RdataCodec() {
    }

    /** Reads {@code length} octets of data of {@code type} at the reader's position, all of them. */
    static RecordData read(int type, WireReader in, int length) {
        int end = in.position() + length;
        if (length > in.remaining()) {
            throw new DnsFormatError("record data of " + length + " octets, " + in.remaining() + " left");
        }
        int limit = in.limit();
        in.limit(end);
        RecordData data;
        try {
            data = readData(type, in);
        } catch (IllegalArgumentException e) {
            throw new DnsFormatError(RecordType.toText(type) + " data: " + e.getMessage());
        }
        if (in.position() != end) {
            throw new DnsFormatError(RecordType.toText(type) + " data of " + length + " octets has "
                    + (end - in.position()) + " left over");
        }
        in.limit(limit);
        return data;
    }

    private static RecordData readData(int type, WireReader in) {
        String what = RecordType.toText(type);
        return switch (type) {
            case RecordType.A -> {
                if (in.remaining() != 4) {
                    throw new DnsFormatError("A data of " + in.remaining() + " octets (4)");
                }
                yield new ARecord((Inet4Address) Records.address(in.bytes(4, what)));
            }
            case RecordType.AAAA -> {
                if (in.remaining() != 16) {
                    throw new DnsFormatError("AAAA data of " + in.remaining() + " octets (16)");
                }
                yield new AaaaRecord(Records.inet6(in.bytes(16, what)));
            }
            case RecordType.NS -> new NsRecord(in.name(what));
            case RecordType.CNAME -> new CnameRecord(in.name(what));
            case RecordType.DNAME -> new DnameRecord(in.name(what));
            case RecordType.PTR -> new PtrRecord(in.name(what));
            case RecordType.SOA -> new SoaRecord(in.name(what), in.name(what), in.u32(what), in.u32(what),
                    in.u32(what), in.u32(what), in.u32(what));
            case RecordType.MX -> new MxRecord(in.u16(what), in.name(what));
            case RecordType.TXT -> new TxtRecord(strings(in, what));
            case RecordType.SPF -> new SpfRecord(strings(in, what));
            case RecordType.SRV -> new SrvRecord(in.u16(what), in.u16(what), in.u16(what), in.name(what));
            case RecordType.NAPTR -> new NaptrRecord(in.u16(what), in.u16(what), string(in, what), string(in, what),
                    string(in, what), in.name(what));
            case RecordType.CAA -> {
                int flags = in.u8(what);
                ByteString tag = string(in, what);
                yield new CaaRecord(flags, tag, in.rest());
            }
            case RecordType.HINFO -> new HinfoRecord(string(in, what), string(in, what));
            case RecordType.RP -> new RpRecord(in.name(what), in.name(what));
            case RecordType.SSHFP -> new SshfpRecord(in.u8(what), in.u8(what), in.rest());
            case RecordType.TLSA -> new TlsaRecord(in.u8(what), in.u8(what), in.u8(what), in.rest());
            case RecordType.SVCB -> new SvcbRecord(in.u16(what), in.name(what), svcParams(in, what));
            case RecordType.HTTPS -> new HttpsRecord(in.u16(what), in.name(what), svcParams(in, what));
            case RecordType.OPT -> new OptRecord(options(in));
            case RecordType.DS -> new DsRecord(in.u16(what), in.u8(what), in.u8(what), in.rest());
            case RecordType.DNSKEY -> new DnskeyRecord(in.u16(what), in.u8(what), in.u8(what), in.rest());
            case RecordType.RRSIG -> new RrsigRecord(in.u16(what), in.u8(what), in.u8(what), in.u32(what),
                    in.u32(what), in.u32(what), in.u16(what), in.name(what), in.rest());
            case RecordType.NSEC -> new NsecRecord(in.name(what), bitmap(in, what));
            case RecordType.NSEC3 -> new Nsec3Record(in.u8(what), in.u8(what), in.u16(what), string(in, what),
                    string(in, what), bitmap(in, what));
            case RecordType.NSEC3PARAM -> new Nsec3paramRecord(in.u8(what), in.u8(what), in.u16(what),
                    string(in, what));
            default -> new UnknownRecord(type, in.rest());
        };
    }

    private static ByteString string(WireReader in, String what) {
        int length = in.u8(what);
        return in.byteString(length, what);
    }

    private static List<ByteString> strings(WireReader in, String what) {
        List<ByteString> strings = new ArrayList<>();
        while (in.remaining() > 0) {
            strings.add(string(in, what));
        }
        return strings;
    }

    private static List<SvcParam> svcParams(WireReader in, String what) {
        List<SvcParam> params = new ArrayList<>();
        int last = -1;
        while (in.remaining() > 0) {
            int key = in.u16(what);
            if (key <= last) {
                throw new DnsFormatError(what + " parameter keys not in increasing order");
            }
            last = key;
            int length = in.u16(what);
            params.add(new SvcParam(key, in.byteString(length, what)));
        }
        return params;
    }

    static List<EdnsOption> options(WireReader in) {
        List<EdnsOption> options = new ArrayList<>();
        while (in.remaining() > 0) {
            int code = in.u16("OPT option");
            int length = in.u16("OPT option");
            ByteString data = in.byteString(length, "OPT option");
            options.add(option(code, data));
        }
        return options;
    }

    private static EdnsOption option(int code, ByteString data) {
        try {
            return switch (code) {
                case EdnsOption.CLIENT_SUBNET -> {
                    if (data.length() < 4) {
                        throw new DnsFormatError("client subnet option of " + data.length() + " octets");
                    }
                    yield new ClientSubnetOption(data.get(0) << 8 | data.get(1), data.get(2), data.get(3),
                            ByteString.of(data.array(), 4, data.length() - 4));
                }
                case EdnsOption.COOKIE -> {
                    if (data.length() < 8) {
                        throw new DnsFormatError("cookie option of " + data.length() + " octets");
                    }
                    yield new CookieOption(ByteString.of(data.array(), 0, 8),
                            ByteString.of(data.array(), 8, data.length() - 8));
                }
                case EdnsOption.PADDING -> new PaddingOption(data.length());
                default -> new UnknownOption(code, data);
            };
        } catch (IllegalArgumentException e) {
            throw new DnsFormatError("EDNS option " + code + ": " + e.getMessage());
        }
    }

    private static List<Integer> bitmap(WireReader in, String what) {
        List<Integer> types = new ArrayList<>();
        int lastWindow = -1;
        while (in.remaining() > 0) {
            int window = in.u8(what);
            int length = in.u8(what);
            if (window <= lastWindow) {
                throw new DnsFormatError(what + " type bitmap windows out of order");
            }
            if (length == 0 || length > 32) {
                throw new DnsFormatError(what + " type bitmap window of " + length + " octets (1 to 32)");
            }
            lastWindow = window;
            byte[] bits = in.bytes(length, what);
            for (int i = 0; i < length; i++) {
                for (int j = 0; j < 8; j++) {
                    if ((bits[i] & 0x80 >> j) != 0) {
                        types.add(window << 8 | i << 3 | j);
                    }
                }
            }
        }
        return types;
    }

    /** Writes the data of {@code data}, without its length. */
    static void write(RecordData data, WireWriter out) {
        switch (data) {
            case ARecord a -> out.bytes(a.address().getAddress());
            case AaaaRecord a -> out.bytes(a.address().getAddress());
            case NsRecord r -> out.name(r.target(), true);
            case CnameRecord r -> out.name(r.target(), true);
            case DnameRecord r -> out.name(r.target(), false);
            case PtrRecord r -> out.name(r.target(), true);
            case SoaRecord r -> {
                out.name(r.mname(), true);
                out.name(r.rname(), true);
                out.u32(r.serial());
                out.u32(r.refresh());
                out.u32(r.retry());
                out.u32(r.expire());
                out.u32(r.minimum());
            }
            case MxRecord r -> {
                out.u16(r.preference());
                out.name(r.exchange(), true);
            }
            case TxtRecord r -> r.strings().forEach(s -> out.characterString(s.array()));
            case SpfRecord r -> r.strings().forEach(s -> out.characterString(s.array()));
            case SrvRecord r -> {
                out.u16(r.priority());
                out.u16(r.weight());
                out.u16(r.port());
                out.name(r.target(), false);
            }
            case NaptrRecord r -> {
                out.u16(r.order());
                out.u16(r.preference());
                out.characterString(r.flags().array());
                out.characterString(r.services().array());
                out.characterString(r.regexp().array());
                out.name(r.replacement(), false);
            }
            case CaaRecord r -> {
                out.u8(r.flags());
                out.characterString(r.tag().array());
                out.bytes(r.value());
            }
            case HinfoRecord r -> {
                out.characterString(r.cpu().array());
                out.characterString(r.os().array());
            }
            case RpRecord r -> {
                out.name(r.mbox(), false);
                out.name(r.txt(), false);
            }
            case SshfpRecord r -> {
                out.u8(r.algorithm());
                out.u8(r.fingerprintType());
                out.bytes(r.fingerprint());
            }
            case TlsaRecord r -> {
                out.u8(r.usage());
                out.u8(r.selector());
                out.u8(r.matchingType());
                out.bytes(r.data());
            }
            case SvcbRecord r -> svcb(r.priority(), r.target(), r.params(), out);
            case HttpsRecord r -> svcb(r.priority(), r.target(), r.params(), out);
            case OptRecord r -> writeOptions(r.options(), out);
            case DsRecord r -> {
                out.u16(r.keyTag());
                out.u8(r.algorithm());
                out.u8(r.digestType());
                out.bytes(r.digest());
            }
            case DnskeyRecord r -> {
                out.u16(r.flags());
                out.u8(r.protocol());
                out.u8(r.algorithm());
                out.bytes(r.key());
            }
            case RrsigRecord r -> {
                out.u16(r.typeCovered());
                out.u8(r.algorithm());
                out.u8(r.labels());
                out.u32(r.originalTtl());
                out.u32(r.expiration());
                out.u32(r.inception());
                out.u16(r.keyTag());
                out.name(r.signer(), false);
                out.bytes(r.signature());
            }
            case NsecRecord r -> {
                out.name(r.next(), false);
                writeBitmap(r.types(), out);
            }
            case Nsec3Record r -> {
                out.u8(r.hashAlgorithm());
                out.u8(r.flags());
                out.u16(r.iterations());
                out.characterString(r.salt().array());
                out.characterString(r.nextHashed().array());
                writeBitmap(r.types(), out);
            }
            case Nsec3paramRecord r -> {
                out.u8(r.hashAlgorithm());
                out.u8(r.flags());
                out.u16(r.iterations());
                out.characterString(r.salt().array());
            }
            case UnknownRecord r -> out.bytes(r.data());
        }
    }

    private static void svcb(int priority, Name target, List<SvcParam> params, WireWriter out) {
        out.u16(priority);
        out.name(target, false);
        for (SvcParam param : params) {
            out.u16(param.key());
            out.u16(param.value().length());
            out.bytes(param.value());
        }
    }

    static void writeOptions(List<EdnsOption> options, WireWriter out) {
        for (EdnsOption option : options) {
            out.u16(option.code());
            int lengthAt = out.position();
            out.u16(0);
            switch (option) {
                case ClientSubnetOption o -> {
                    out.u16(o.family());
                    out.u8(o.sourcePrefix());
                    out.u8(o.scopePrefix());
                    out.bytes(o.address());
                }
                case CookieOption o -> {
                    out.bytes(o.client());
                    out.bytes(o.server());
                }
                case PaddingOption o -> out.bytes(new byte[o.length()]);
                case UnknownOption o -> out.bytes(o.data());
            }
            int length = out.position() - lengthAt - 2;
            if (length > 0xffff) {
                throw new IllegalArgumentException("EDNS option of " + length + " octets");
            }
            out.putU16(lengthAt, length);
        }
    }

    private static void writeBitmap(List<Integer> types, WireWriter out) {
        int i = 0;
        while (i < types.size()) {
            int window = types.get(i) >>> 8;
            byte[] bits = new byte[32];
            int used = 0;
            while (i < types.size() && types.get(i) >>> 8 == window) {
                int low = types.get(i) & 0xff;
                bits[low >>> 3] |= (byte) (0x80 >>> (low & 7));
                used = (low >>> 3) + 1;
                i++;
            }
            out.u8(window);
            out.u8(used);
            out.bytes(java.util.Arrays.copyOf(bits, used));
        }
    }
}
