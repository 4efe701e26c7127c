package org.twisted4j.conch.sftp;

import static org.twisted4j.conch.sftp.SftpConstants.*;

import java.util.ArrayList;
import java.util.List;
import org.twisted4j.conch.sftp.SftpPacket.*;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;

/**
 * Reads and writes SFTP version 3 packets (draft-02 section 3): a uint32 length, a type octet, and the type's
 * fields. {@link SftpFramer} cuts a byte stream into packets; this class turns one packet's octets into an
 * {@link SftpPacket} and back.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * SftpPacket packet = SftpCodec.decode(payload);              // payload: type octet onward
 * transport.write(SftpCodec.encode(new SftpPacket.Status(id, FX_OK, "", "")));   // length included
 * }</pre>
 *
 * <p>Octets after a packet's last field are ignored, as OpenSSH's sftp-server does. Paths and messages are read
 * as UTF-8 (what OpenSSH's clients send; invalid sequences become U+FFFD).
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
public final class SftpCodec {

    private SftpCodec() {
    }

    /**
     * Reads one packet.
     *
     * @param payload the packet without its length: the type octet and what follows
     * @throws SftpProtocolException if the packet is cut short, of an unknown type, or otherwise malformed; it
     *         carries the request id when that could be read
     */
    public static SftpPacket decode(byte[] payload) throws SftpProtocolException {
        SshWire in = new SshWire(payload);
        long id = SftpProtocolException.NO_ID;
        int type = -1;
        try {
            type = in.byteValue();
            if (type != FXP_INIT && type != FXP_VERSION) {
                id = in.uint32();
            }
            int rid = (int) id;
            return switch (type) {
                case FXP_INIT -> new Init((int) in.uint32(), extensions(in));
                case FXP_VERSION -> new Version((int) in.uint32(), extensions(in));
                case FXP_OPEN -> new Open(rid, in.utf8(), (int) in.uint32(), FileAttributes.read(in));
                case FXP_READ -> new Read(rid, in.string(), in.uint64(), (int) in.uint32());
                case FXP_WRITE -> new Write(rid, in.string(), in.uint64(), in.string());
                case FXP_LSTAT, FXP_STAT, FXP_OPENDIR, FXP_REMOVE, FXP_RMDIR, FXP_REALPATH, FXP_READLINK ->
                        new PathRequest(type, rid, in.utf8());
                case FXP_CLOSE, FXP_FSTAT, FXP_READDIR -> new HandleRequest(type, rid, in.string());
                case FXP_SETSTAT, FXP_MKDIR -> new PathAttrs(type, rid, in.utf8(), FileAttributes.read(in));
                case FXP_FSETSTAT -> new HandleAttrs(rid, in.string(), FileAttributes.read(in));
                case FXP_RENAME, FXP_SYMLINK -> new TwoPaths(type, rid, in.utf8(), in.utf8());
                case FXP_EXTENDED -> new Extended(rid, in.name(), in.rest());
                case FXP_STATUS -> status(rid, in);
                case FXP_HANDLE -> new Handle(rid, in.string());
                case FXP_DATA -> new Data(rid, in.string());
                case FXP_NAME -> new Name(rid, names(in));
                case FXP_ATTRS -> new Attrs(rid, FileAttributes.read(in));
                case FXP_EXTENDED_REPLY -> new ExtendedReply(rid, in.rest());
                default -> throw new SftpProtocolException("unknown packet type " + type, id);
            };
        } catch (IllegalArgumentException malformed) {
            throw new SftpProtocolException("malformed packet of type " + type + ": " + malformed.getMessage(), id);
        }
    }

    private static Status status(int id, SshWire in) {
        int code = (int) in.uint32();
        // Some version 3 servers send the code alone; the message and language are then empty.
        String message = in.atEnd() ? "" : in.utf8();
        String language = in.atEnd() ? "" : in.name();
        return new Status(id, code, message, language);
    }

    private static List<Extension> extensions(SshWire in) {
        List<Extension> out = new ArrayList<>();
        while (!in.atEnd()) {
            out.add(new Extension(in.name(), in.string()));
        }
        return out;
    }

    private static List<NameEntry> names(SshWire in) {
        long count = in.uint32();
        if (count > in.remaining() / 12) {
            throw new IllegalArgumentException("more names than the packet holds");
        }
        List<NameEntry> out = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            out.add(new NameEntry(in.utf8(), in.utf8(), FileAttributes.read(in)));
        }
        return out;
    }

    /** Writes a packet with its length in front. */
    public static byte[] encode(SftpPacket packet) {
        if (packet instanceof Data data) {
            return encodeData(data.id(), data.data());
        }
        SshWireWriter out = new SshWireWriter().uint32(0).byteValue(packet.type());
        if (packet instanceof Request request) {
            out.uint32(request.id());
        }
        switch (packet) {
            case Init p -> extensions(out.uint32(p.version()), p.extensions());
            case Version p -> extensions(out.uint32(p.version()), p.extensions());
            case Open p -> p.attrs().write(out.utf8(p.path()).uint32(p.pflags()));
            case Read p -> out.string(p.handle()).uint64(p.offset()).uint32(p.length());
            case Write p -> out.string(p.handle()).uint64(p.offset()).string(p.data());
            case PathRequest p -> out.utf8(p.path());
            case HandleRequest p -> out.string(p.handle());
            case PathAttrs p -> p.attrs().write(out.utf8(p.path()));
            case HandleAttrs p -> p.attrs().write(out.string(p.handle()));
            case TwoPaths p -> out.utf8(p.first()).utf8(p.second());
            case Extended p -> out.name(p.request()).raw(p.data());
            case Status p -> out.uint32(p.code()).utf8(p.message()).name(p.language());
            case Handle p -> out.string(p.handle());
            case Data p -> out.string(p.data());
            case Name p -> {
                out.uint32(p.entries().size());
                for (NameEntry entry : p.entries()) {
                    entry.attrs().write(out.utf8(entry.filename()).utf8(entry.longname()));
                }
            }
            case Attrs p -> p.attrs().write(out);
            case ExtendedReply p -> out.raw(p.data());
        }
        byte[] bytes = out.toByteArray();
        int length = bytes.length - 4;
        bytes[0] = (byte) (length >>> 24);
        bytes[1] = (byte) (length >>> 16);
        bytes[2] = (byte) (length >>> 8);
        bytes[3] = (byte) length;
        return bytes;
    }

    /** DATA written in one copy: a read's reply is the bulk of what a download writes. */
    private static byte[] encodeData(int id, byte[] data) {
        byte[] out = new byte[13 + data.length];
        int length = out.length - 4;
        out[0] = (byte) (length >>> 24);
        out[1] = (byte) (length >>> 16);
        out[2] = (byte) (length >>> 8);
        out[3] = (byte) length;
        out[4] = (byte) FXP_DATA;
        for (int i = 0; i < 4; i++) {
            out[5 + i] = (byte) (id >>> (24 - 8 * i));
            out[9 + i] = (byte) (data.length >>> (24 - 8 * i));
        }
        System.arraycopy(data, 0, out, 13, data.length);
        return out;
    }

    private static void extensions(SshWireWriter out, List<Extension> extensions) {
        for (Extension extension : extensions) {
            out.name(extension.name()).string(extension.data());
        }
    }
}
