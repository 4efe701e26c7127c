package org.twisted4j.conch.sftp;

/**
 * What an {@link SftpServer} serves: Twisted's {@code ISFTPServer}, for one user's session. Paths are the
 * client's, as sent (absolute or relative to the user's home); an implementation decides what they mean and
 * refuses what it must with an {@link SftpException} carrying the status the client gets.
 *
 * <p>{@link LocalFileSystem} serves a directory of the local file system as the user's root. An application can
 * serve anything else (a database, object storage, a virtual tree) by implementing this interface.
 *
 * <h2>Threading</h2>
 * The server calls every method (and those of the {@link SftpFile}s and {@link SftpDirectory}s it returns) on a
 * thread of the reactor's pool, never the reactor thread, so they may block. It calls them one at a time for
 * path requests and one at a time per open handle, but requests on different handles run concurrently, so an
 * implementation must be safe for that.
 */
public interface SftpFileSystem {

    /**
     * Opens a file ({@code FXP_OPEN}).
     *
     * @param flags the {@code FXF_} flags
     * @param attrs attributes to give a file it creates (permissions, in practice)
     */
    SftpFile openFile(String path, int flags, FileAttributes attrs) throws SftpException;

    /** Removes a file ({@code FXP_REMOVE}). */
    void removeFile(String path) throws SftpException;

    /**
     * Renames a file or directory ({@code FXP_RENAME}, or {@code posix-rename@openssh.com} when
     * {@code replace}).
     *
     * @param replace whether an existing target is replaced (POSIX rename) rather than refused (SFTP's rename)
     */
    void renameFile(String oldPath, String newPath, boolean replace) throws SftpException;

    /** Makes a directory ({@code FXP_MKDIR}). */
    void makeDirectory(String path, FileAttributes attrs) throws SftpException;

    /** Removes an empty directory ({@code FXP_RMDIR}). */
    void removeDirectory(String path) throws SftpException;

    /** Opens a directory for listing ({@code FXP_OPENDIR}). */
    SftpDirectory openDirectory(String path) throws SftpException;

    /**
     * Returns a path's attributes ({@code FXP_STAT}, or {@code FXP_LSTAT} when not following links).
     *
     * @param followLinks whether a final symbolic link is followed
     */
    FileAttributes getAttrs(String path, boolean followLinks) throws SftpException;

    /**
     * Sets a path's attributes ({@code FXP_SETSTAT}, or {@code lsetstat@openssh.com} when not following links).
     *
     * @param followLinks whether a final symbolic link is followed
     */
    void setAttrs(String path, FileAttributes attrs, boolean followLinks) throws SftpException;

    /** Returns a symbolic link's target as the client should see it ({@code FXP_READLINK}). */
    String readLink(String path) throws SftpException;

    /**
     * Makes a symbolic link ({@code FXP_SYMLINK}).
     *
     * @param linkPath where the link is made
     * @param targetPath what it points to
     */
    void makeLink(String linkPath, String targetPath) throws SftpException;

    /** Returns the canonical absolute form of a path ({@code FXP_REALPATH}); "." is the user's home. */
    String realPath(String path) throws SftpException;

    /** Makes a hard link ({@code hardlink@openssh.com}); unsupported unless implemented. */
    default void makeHardLink(String oldPath, String newPath) throws SftpException {
        throw new SftpException(SftpConstants.FX_OP_UNSUPPORTED, "hard links are not supported");
    }

    /** Returns the statistics of the file system holding a path ({@code statvfs@openssh.com}). */
    default StatVfs statVfs(String path) throws SftpException {
        throw new SftpException(SftpConstants.FX_OP_UNSUPPORTED, "statvfs is not supported");
    }

    /**
     * Answers an extended request the server does not know itself (Twisted's {@code extendedRequest}).
     *
     * @return the data of the EXTENDED_REPLY
     */
    default byte[] extendedRequest(String request, byte[] data) throws SftpException {
        throw new SftpException(SftpConstants.FX_OP_UNSUPPORTED, "unsupported extension " + request);
    }
}
