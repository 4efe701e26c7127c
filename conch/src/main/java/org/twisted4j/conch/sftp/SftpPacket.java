package org.twisted4j.conch.sftp;

import static org.twisted4j.conch.sftp.SftpConstants.*;

import java.util.List;
import java.util.Set;

/**
 * One SFTP version 3 packet, as {@link SftpCodec} reads and writes it. Requests that share a shape share a
 * record, told apart by their type: {@link PathRequest} (LSTAT, STAT, OPENDIR, REMOVE, RMDIR, REALPATH, READLINK),
 * {@link HandleRequest} (CLOSE, FSTAT, READDIR), {@link PathAttrs} (SETSTAT, MKDIR), {@link TwoPaths} (RENAME,
 * SYMLINK).
 *
 * <p>Request ids are the unsigned 32-bit values as Java ints with the same bits. Byte arrays are not copied:
 * treat them as read-only.
 *
 * <h2>Threading</h2>
 * Any thread (immutable values).
 */
public sealed interface SftpPacket {

    /** The packet type, an {@code FXP_} constant. */
    int type();

    /** A packet with a request id (every one but INIT and VERSION). */
    sealed interface Request extends SftpPacket {
        /** The request id. */
        int id();
    }

    /**
     * INIT, the client's first packet.
     *
     * @param version the client's highest version
     * @param extensions the extensions it names
     */
    record Init(int version, List<Extension> extensions) implements SftpPacket {
        /** Copies the list. */
        public Init {
            extensions = List.copyOf(extensions);
        }

        @Override
        public int type() {
            return FXP_INIT;
        }
    }

    /**
     * VERSION, the server's answer to INIT.
     *
     * @param version the version spoken
     * @param extensions the extensions served, with their versions
     */
    record Version(int version, List<Extension> extensions) implements SftpPacket {
        /** Copies the list. */
        public Version {
            extensions = List.copyOf(extensions);
        }

        @Override
        public int type() {
            return FXP_VERSION;
        }
    }

    /**
     * OPEN.
     *
     * @param id the request id
     * @param path the file's path
     * @param pflags the {@code FXF_} flags
     * @param attrs the attributes to create it with
     */
    record Open(int id, String path, int pflags, FileAttributes attrs) implements Request {
        @Override
        public int type() {
            return FXP_OPEN;
        }
    }

    /**
     * READ.
     *
     * @param id the request id
     * @param handle the file's handle
     * @param offset where to read from
     * @param length how much to read at most (unsigned)
     */
    record Read(int id, byte[] handle, long offset, int length) implements Request {
        @Override
        public int type() {
            return FXP_READ;
        }
    }

    /**
     * WRITE.
     *
     * @param id the request id
     * @param handle the file's handle
     * @param offset where to write
     * @param data what to write
     */
    record Write(int id, byte[] handle, long offset, byte[] data) implements Request {
        @Override
        public int type() {
            return FXP_WRITE;
        }
    }

    /**
     * A request naming one path: LSTAT, STAT, OPENDIR, REMOVE, RMDIR, REALPATH or READLINK.
     *
     * @param type the packet type
     * @param id the request id
     * @param path the path
     */
    record PathRequest(int type, int id, String path) implements Request {
        static final Set<Integer> TYPES = Set.of(FXP_LSTAT, FXP_STAT, FXP_OPENDIR, FXP_REMOVE, FXP_RMDIR,
                FXP_REALPATH, FXP_READLINK);

        /** Checks the type. */
        public PathRequest {
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("not a path request type: " + type);
            }
        }
    }

    /**
     * A request naming one handle: CLOSE, FSTAT or READDIR.
     *
     * @param type the packet type
     * @param id the request id
     * @param handle the handle
     */
    record HandleRequest(int type, int id, byte[] handle) implements Request {
        static final Set<Integer> TYPES = Set.of(FXP_CLOSE, FXP_FSTAT, FXP_READDIR);

        /** Checks the type. */
        public HandleRequest {
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("not a handle request type: " + type);
            }
        }
    }

    /**
     * A path with attributes: SETSTAT or MKDIR.
     *
     * @param type the packet type
     * @param id the request id
     * @param path the path
     * @param attrs the attributes
     */
    record PathAttrs(int type, int id, String path, FileAttributes attrs) implements Request {
        /** Checks the type. */
        public PathAttrs {
            if (type != FXP_SETSTAT && type != FXP_MKDIR) {
                throw new IllegalArgumentException("not SETSTAT or MKDIR: " + type);
            }
        }
    }

    /**
     * FSETSTAT.
     *
     * @param id the request id
     * @param handle the handle
     * @param attrs the attributes to set
     */
    record HandleAttrs(int id, byte[] handle, FileAttributes attrs) implements Request {
        @Override
        public int type() {
            return FXP_FSETSTAT;
        }
    }

    /**
     * RENAME (old path, new path) or SYMLINK (in OpenSSH's order, which clients use: the link's target, then the
     * link's path).
     *
     * @param type the packet type
     * @param id the request id
     * @param first the old path, or the link's target
     * @param second the new path, or the link's path
     */
    record TwoPaths(int type, int id, String first, String second) implements Request {
        /** Checks the type. */
        public TwoPaths {
            if (type != FXP_RENAME && type != FXP_SYMLINK) {
                throw new IllegalArgumentException("not RENAME or SYMLINK: " + type);
            }
        }
    }

    /**
     * EXTENDED: a named request with its own data.
     *
     * @param id the request id
     * @param request the extension's name
     * @param data the rest of the packet
     */
    record Extended(int id, String request, byte[] data) implements Request {
        @Override
        public int type() {
            return FXP_EXTENDED;
        }
    }

    /**
     * STATUS.
     *
     * @param id the request id answered
     * @param code the {@code FX_} status
     * @param message a message for people
     * @param language its language tag
     */
    record Status(int id, int code, String message, String language) implements Request {
        @Override
        public int type() {
            return FXP_STATUS;
        }
    }

    /**
     * HANDLE.
     *
     * @param id the request id answered
     * @param handle the new handle
     */
    record Handle(int id, byte[] handle) implements Request {
        @Override
        public int type() {
            return FXP_HANDLE;
        }
    }

    /**
     * DATA.
     *
     * @param id the request id answered
     * @param data what was read
     */
    record Data(int id, byte[] data) implements Request {
        @Override
        public int type() {
            return FXP_DATA;
        }
    }

    /**
     * NAME.
     *
     * @param id the request id answered
     * @param entries the names
     */
    record Name(int id, List<NameEntry> entries) implements Request {
        /** Copies the list. */
        public Name {
            entries = List.copyOf(entries);
        }

        @Override
        public int type() {
            return FXP_NAME;
        }
    }

    /**
     * ATTRS.
     *
     * @param id the request id answered
     * @param attrs the attributes
     */
    record Attrs(int id, FileAttributes attrs) implements Request {
        @Override
        public int type() {
            return FXP_ATTRS;
        }
    }

    /**
     * EXTENDED_REPLY.
     *
     * @param id the request id answered
     * @param data the extension's reply
     */
    record ExtendedReply(int id, byte[] data) implements Request {
        @Override
        public int type() {
            return FXP_EXTENDED_REPLY;
        }
    }
}
