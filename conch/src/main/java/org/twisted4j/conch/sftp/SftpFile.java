package org.twisted4j.conch.sftp;

import org.jspecify.annotations.Nullable;

/**
 * An open file of a {@link SftpFileSystem} (Twisted's {@code ISFTPFile}).
 *
 * <h2>Threading</h2>
 * Called on a pool thread, one call at a time per file (see {@link SftpFileSystem}).
 */
public interface SftpFile {

    /**
     * Reads up to {@code length} octets at {@code offset}.
     *
     * @return the octets (fewer than asked near the end), or null at the end of the file
     */
    byte @Nullable [] readChunk(long offset, int length) throws SftpException;

    /** Writes {@code data} at {@code offset}. */
    void writeChunk(long offset, byte[] data) throws SftpException;

    /** Returns the open file's attributes. */
    FileAttributes getAttrs() throws SftpException;

    /** Sets the open file's attributes. */
    void setAttrs(FileAttributes attrs) throws SftpException;

    /** Flushes the file to stable storage ({@code fsync@openssh.com}). */
    default void sync() throws SftpException {
        throw new SftpException(SftpConstants.FX_OP_UNSUPPORTED, "fsync is not supported");
    }

    /** Returns the statistics of the file system holding the file ({@code fstatvfs@openssh.com}). */
    default StatVfs statVfs() throws SftpException {
        throw new SftpException(SftpConstants.FX_OP_UNSUPPORTED, "fstatvfs is not supported");
    }

    /** Closes the file. */
    void close() throws SftpException;
}
