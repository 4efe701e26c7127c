package org.twisted4j.ftp;

import java.io.Serial;

/**
 * A failed file operation, carrying the FTP reply it becomes, as Twisted's {@code FTPCmdError} family
 * ({@code FileNotFoundError}, {@code PermissionDeniedError}, {@code IsADirectoryError}...). An {@link FtpShell}
 * fails its Deferreds with one; the server sends {@link #replyCode()} and the message.
 *
 * <h2>Threading</h2>
 * Immutable; any thread.
 */
public final class FtpError extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int replyCode;

    /**
     * Makes one.
     *
     * @param replyCode the FTP reply code, 400 to 599
     * @param message the reply text, safe to send to the client
     */
    public FtpError(int replyCode, String message) {
        super(message);
        if (replyCode < 400 || replyCode > 599) {
            throw new IllegalArgumentException("an FTP error reply is 4yz or 5yz: " + replyCode);
        }
        this.replyCode = replyCode;
    }

    /** The reply code the server answers with. */
    public int replyCode() {
        return replyCode;
    }

    /** 550: no such file or directory. */
    public static FtpError notFound(String path) {
        return new FtpError(550, path + ": No such file or directory.");
    }

    /** 550: the user may not do this here. */
    public static FtpError permissionDenied(String path) {
        return new FtpError(550, path + ": Permission denied.");
    }

    /** 550: a directory where a file was wanted. */
    public static FtpError isADirectory(String path) {
        return new FtpError(550, path + ": Is a directory.");
    }

    /** 550: a file where a directory was wanted. */
    public static FtpError notADirectory(String path) {
        return new FtpError(550, path + ": Is not a directory.");
    }

    /** 550: the name is taken. */
    public static FtpError exists(String path) {
        return new FtpError(550, path + ": File exists.");
    }

    /** 550: the path leaves the root, or is not a valid name. */
    public static FtpError invalidPath(String path) {
        return new FtpError(550, path + ": Invalid path.");
    }
}
