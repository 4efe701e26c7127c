package org.twisted4j.ftp;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * What an FTP user sees, as Twisted's {@code IFTPShell}: the avatar that the server's {@link
 * org.twisted4j.cred.Portal} gives a logged-in user. {@link FilesystemShell} serves a directory of the local
 * file system; implement this to serve anything else (objects in a database, a generated tree).
 *
 * <p>Paths are lists of segments from the user's root, already normalised by the server: no segment is
 * empty, {@code .} or {@code ..}, or holds {@code /} or NUL, and none leads above the root. A shell still
 * checks that its own mapping (symbolic links, for instance) keeps to the root.
 *
 * <p>Every method answers with a Deferred; fail it with an {@link FtpError} to choose the reply (550 not
 * found, 550 permission denied...). Any other failure becomes a 550 with a generic text, and is logged.
 *
 * <h2>Threading</h2>
 * Called on the reactor thread; answer there (use {@code deferToThread} for slow work).
 */
public interface FtpShell {

    /** Mode for {@link #openForWriting}. */
    enum WriteMode {
        /** Create or truncate (STOR), or write from an offset when one is given (STOR after REST). */
        REPLACE,
        /** Create or add to the end (APPE). */
        APPEND,
        /** Create; fail if it exists (STOU). */
        CREATE_NEW
    }

    /** Describes one file or directory. */
    Deferred<FileInfo> stat(List<String> path);

    /** Lists a directory (or, for a file, describes that one file), in name order. */
    Deferred<List<FileInfo>> list(List<String> path);

    /** Succeeds if {@code path} is a directory the user may enter (CWD). */
    Deferred<@Nullable Void> access(List<String> path);

    /** Opens a file to retrieve it. */
    Deferred<ReadFile> openForReading(List<String> path);

    /**
     * Opens a file to store it.
     *
     * @param path the file
     * @param mode replace, append or create-new
     * @param offset where writing starts for {@link WriteMode#REPLACE} (REST), 0 to truncate
     * @return the open file
     */
    Deferred<WriteFile> openForWriting(List<String> path, WriteMode mode, long offset);

    /** Makes a directory. */
    Deferred<@Nullable Void> makeDirectory(List<String> path);

    /** Removes an empty directory. */
    Deferred<@Nullable Void> removeDirectory(List<String> path);

    /** Removes a file. */
    Deferred<@Nullable Void> removeFile(List<String> path);

    /** Renames (moves) a file or directory. */
    Deferred<@Nullable Void> rename(List<String> from, List<String> to);

    /** Sets a file's modification time (MFMT). */
    Deferred<@Nullable Void> setModificationTime(List<String> path, Instant modified);

    /** Called once when the user logs out or the connection ends. */
    default void logout() {
    }
}
