package org.twisted4j.conch.sftp;

/**
 * The numbers of SFTP version 3 (draft-ietf-secsh-filexfer-02): packet types, status codes, open flags,
 * attribute flags, and the names of the OpenSSH extensions this package serves (OpenSSH's {@code PROTOCOL}).
 *
 * <h2>Threading</h2>
 * Any thread (constants).
 */
public final class SftpConstants {
    /** The protocol version served. */
    public static final int VERSION = 3;

    /** Packet type. */
    public static final int FXP_INIT = 1;
    /** Packet type. */
    public static final int FXP_VERSION = 2;
    /** Packet type. */
    public static final int FXP_OPEN = 3;
    /** Packet type. */
    public static final int FXP_CLOSE = 4;
    /** Packet type. */
    public static final int FXP_READ = 5;
    /** Packet type. */
    public static final int FXP_WRITE = 6;
    /** Packet type. */
    public static final int FXP_LSTAT = 7;
    /** Packet type. */
    public static final int FXP_FSTAT = 8;
    /** Packet type. */
    public static final int FXP_SETSTAT = 9;
    /** Packet type. */
    public static final int FXP_FSETSTAT = 10;
    /** Packet type. */
    public static final int FXP_OPENDIR = 11;
    /** Packet type. */
    public static final int FXP_READDIR = 12;
    /** Packet type. */
    public static final int FXP_REMOVE = 13;
    /** Packet type. */
    public static final int FXP_MKDIR = 14;
    /** Packet type. */
    public static final int FXP_RMDIR = 15;
    /** Packet type. */
    public static final int FXP_REALPATH = 16;
    /** Packet type. */
    public static final int FXP_STAT = 17;
    /** Packet type. */
    public static final int FXP_RENAME = 18;
    /** Packet type. */
    public static final int FXP_READLINK = 19;
    /** Packet type (OpenSSH and most clients send the target path first, then the link path). */
    public static final int FXP_SYMLINK = 20;
    /** Packet type. */
    public static final int FXP_STATUS = 101;
    /** Packet type. */
    public static final int FXP_HANDLE = 102;
    /** Packet type. */
    public static final int FXP_DATA = 103;
    /** Packet type. */
    public static final int FXP_NAME = 104;
    /** Packet type. */
    public static final int FXP_ATTRS = 105;
    /** Packet type. */
    public static final int FXP_EXTENDED = 200;
    /** Packet type. */
    public static final int FXP_EXTENDED_REPLY = 201;

    /** Status: success. */
    public static final int FX_OK = 0;
    /** Status: end of file or of a directory listing. */
    public static final int FX_EOF = 1;
    /** Status: no such file or directory. */
    public static final int FX_NO_SUCH_FILE = 2;
    /** Status: permission denied (and any path that would leave the root). */
    public static final int FX_PERMISSION_DENIED = 3;
    /** Status: any other failure. */
    public static final int FX_FAILURE = 4;
    /** Status: a malformed packet. */
    public static final int FX_BAD_MESSAGE = 5;
    /** Status: no connection (client side only). */
    public static final int FX_NO_CONNECTION = 6;
    /** Status: connection lost (client side only). */
    public static final int FX_CONNECTION_LOST = 7;
    /** Status: an operation or extension the server does not support. */
    public static final int FX_OP_UNSUPPORTED = 8;

    /** Open flag. */
    public static final int FXF_READ = 0x01;
    /** Open flag. */
    public static final int FXF_WRITE = 0x02;
    /** Open flag. */
    public static final int FXF_APPEND = 0x04;
    /** Open flag. */
    public static final int FXF_CREAT = 0x08;
    /** Open flag. */
    public static final int FXF_TRUNC = 0x10;
    /** Open flag. */
    public static final int FXF_EXCL = 0x20;

    /** Attribute flag: size. */
    public static final int ATTR_SIZE = 0x01;
    /** Attribute flag: uid and gid. */
    public static final int ATTR_UIDGID = 0x02;
    /** Attribute flag: permissions (the whole {@code st_mode}, file type bits included). */
    public static final int ATTR_PERMISSIONS = 0x04;
    /** Attribute flag: access and modification times. */
    public static final int ATTR_ACMODTIME = 0x08;
    /** Attribute flag: extended pairs. */
    public static final int ATTR_EXTENDED = 0x80000000;

    /** Extension: rename replacing the target, as POSIX rename(2). */
    public static final String POSIX_RENAME = "posix-rename@openssh.com";
    /** Extension: file system statistics of a path. */
    public static final String STATVFS = "statvfs@openssh.com";
    /** Extension: file system statistics of an open handle. */
    public static final String FSTATVFS = "fstatvfs@openssh.com";
    /** Extension: a hard link. */
    public static final String HARDLINK = "hardlink@openssh.com";
    /** Extension: flush an open file to disk. */
    public static final String FSYNC = "fsync@openssh.com";
    /** Extension: the server's packet, read, write and handle limits. */
    public static final String LIMITS = "limits@openssh.com";
    /** Extension: setstat without following a final symbolic link. */
    public static final String LSETSTAT = "lsetstat@openssh.com";
    /** Extension: realpath that expands a leading {@code ~} (here: the root). */
    public static final String EXPAND_PATH = "expand-path@openssh.com";

    private SftpConstants() {
    }
}
