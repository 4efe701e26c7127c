package org.twisted4j.conch.sftp;

import java.util.List;

/**
 * An open directory listing of a {@link SftpFileSystem} (Twisted's directory iterator).
 *
 * <h2>Threading</h2>
 * Called on a pool thread, one call at a time per directory (see {@link SftpFileSystem}).
 */
public interface SftpDirectory {

    /**
     * Returns the next entries, at most {@code max} of them.
     *
     * @return the entries, or an empty list when the listing is over
     */
    List<NameEntry> next(int max) throws SftpException;

    /** Closes the listing. */
    void close() throws SftpException;
}
