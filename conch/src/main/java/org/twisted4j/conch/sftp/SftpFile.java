package org.twisted4j.conch.sftp;

import java.nio.ByteBuffer;
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

    /**
     * Writes what remains of {@code data} at {@code offset}; the server hands a WRITE's data this way, in a
     * buffer of its own (often direct) that is the file's only until this returns. By default a copy goes to
     * {@link #writeChunk(long, byte[])}.
     */
    default void writeChunk(long offset, ByteBuffer data) throws SftpException {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        writeChunk(offset, copy);
    }

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
