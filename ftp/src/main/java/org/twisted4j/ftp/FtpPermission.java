package org.twisted4j.ftp;

/**
 * What a user may do under their root. Anonymous users get {@link #READ} only.
 */
public enum FtpPermission {
    /** List, retrieve, change directory. */
    READ,
    /** Store, append, rename, set modification times. */
    WRITE,
    /** Delete files and remove directories. */
    DELETE,
    /** Make directories. */
    MKDIR
}
