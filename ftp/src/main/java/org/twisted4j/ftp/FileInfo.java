package org.twisted4j.ftp;

import java.time.Instant;
import java.util.Objects;

/**
 * What an {@link FtpShell} tells about one file or directory: enough for {@code LIST}, {@code MLSD},
 * {@code SIZE} and {@code MDTM}.
 *
 * <h2>Threading</h2>
 * Immutable; any thread.
 *
 * @param name the last segment of its path ({@code ""} for the root)
 * @param directory whether it is a directory
 * @param size its size in bytes (0 for directories where unknown)
 * @param modified when it was last modified
 * @param mode its UNIX permission bits, as {@code 0755}
 * @param owner the owner's name, for {@code LIST}
 * @param group the group's name, for {@code LIST}
 * @param writable whether this user may write to it (the MLSD {@code perm} fact)
 */
public record FileInfo(String name, boolean directory, long size, Instant modified, int mode, String owner,
        String group, boolean writable) {

    /** Checks the parts. */
    public FileInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(group, "group");
    }
}
