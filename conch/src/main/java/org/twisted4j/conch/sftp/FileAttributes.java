package org.twisted4j.conch.sftp;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;

/**
 * The attributes of SFTP version 3 (draft-02 section 5): each field present or not (null), as the flags say.
 * {@code uid} and {@code gid} come together, as do {@code atime} and {@code mtime}.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 *
 * @param size the size in octets, or null
 * @param uid the owner's id (unsigned), or null
 * @param gid the group's id (unsigned), or null
 * @param permissions the {@code st_mode} bits (file type included), or null
 * @param atime the access time, seconds since the epoch (unsigned), or null
 * @param mtime the modification time, seconds since the epoch (unsigned), or null
 * @param extended the extended pairs, in order (empty for none)
 */
public record FileAttributes(@Nullable Long size, @Nullable Integer uid, @Nullable Integer gid,
        @Nullable Integer permissions, @Nullable Integer atime, @Nullable Integer mtime,
        List<Extension> extended) {

    /** No attributes at all. */
    public static final FileAttributes EMPTY = new FileAttributes(null, null, null, null, null, null, List.of());

    /** Checks that the paired fields come in pairs, and copies the list. */
    public FileAttributes {
        if ((uid == null) != (gid == null)) {
            throw new IllegalArgumentException("uid and gid come together");
        }
        if ((atime == null) != (mtime == null)) {
            throw new IllegalArgumentException("atime and mtime come together");
        }
        extended = List.copyOf(extended);
    }

    /** Only a size. */
    public static FileAttributes ofSize(long size) {
        return new FileAttributes(size, null, null, null, null, null, List.of());
    }

    /** Only permissions. */
    public static FileAttributes ofPermissions(int permissions) {
        return new FileAttributes(null, null, null, permissions, null, null, List.of());
    }

    /** The flags word these attributes are written with. */
    public int flags() {
        return (size != null ? SftpConstants.ATTR_SIZE : 0) | (uid != null ? SftpConstants.ATTR_UIDGID : 0)
                | (permissions != null ? SftpConstants.ATTR_PERMISSIONS : 0)
                | (atime != null ? SftpConstants.ATTR_ACMODTIME : 0)
                | (extended.isEmpty() ? 0 : SftpConstants.ATTR_EXTENDED);
    }

    /** Whether the permissions say a directory ({@code S_IFDIR}). */
    public boolean isDirectory() {
        return permissions != null && (permissions & 0xf000) == 0x4000;
    }

    /** Whether the permissions say a symbolic link ({@code S_IFLNK}). */
    public boolean isSymbolicLink() {
        return permissions != null && (permissions & 0xf000) == 0xa000;
    }

    void write(SshWireWriter out) {
        out.uint32(flags());
        if (size != null) {
            out.uint64(size);
        }
        if (uid != null) {
            out.uint32(uid).uint32(Objects.requireNonNull(gid));
        }
        if (permissions != null) {
            out.uint32(permissions);
        }
        if (atime != null) {
            out.uint32(atime).uint32(Objects.requireNonNull(mtime));
        }
        if (!extended.isEmpty()) {
            out.uint32(extended.size());
            for (Extension pair : extended) {
                out.name(pair.name()).string(pair.data());
            }
        }
    }

    /** Reads attributes; unknown flag bits are ignored, as OpenSSH does. */
    static FileAttributes read(SshWire in) {
        int flags = (int) in.uint32();
        Long size = (flags & SftpConstants.ATTR_SIZE) != 0 ? in.uint64() : null;
        Integer uid = null;
        Integer gid = null;
        if ((flags & SftpConstants.ATTR_UIDGID) != 0) {
            uid = (int) in.uint32();
            gid = (int) in.uint32();
        }
        Integer permissions = (flags & SftpConstants.ATTR_PERMISSIONS) != 0 ? (Integer) (int) in.uint32() : null;
        Integer atime = null;
        Integer mtime = null;
        if ((flags & SftpConstants.ATTR_ACMODTIME) != 0) {
            atime = (int) in.uint32();
            mtime = (int) in.uint32();
        }
        List<Extension> extended = List.of();
        if ((flags & SftpConstants.ATTR_EXTENDED) != 0) {
            long count = in.uint32();
            if (count > in.remaining() / 8) {
                throw new IllegalArgumentException("more extended attributes than the packet holds");
            }
            Extension[] pairs = new Extension[(int) count];
            for (int i = 0; i < count; i++) {
                pairs[i] = new Extension(in.name(), in.string());
            }
            extended = List.of(pairs);
        }
        return new FileAttributes(size, uid, gid, permissions, atime, mtime, extended);
    }
}
