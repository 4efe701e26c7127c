package org.twisted4j.conch.sftp;

import java.util.Objects;

/**
 * One entry of a NAME reply: a file name, its {@code ls -l} line, and its attributes (as the tuples Twisted's
 * {@code openDirectory} iterators give).
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 *
 * @param filename the name (READDIR: within the directory; REALPATH: the absolute path)
 * @param longname the line {@code ls -l} would print for it
 * @param attrs its attributes
 */
public record NameEntry(String filename, String longname, FileAttributes attrs) {
    /** Checks for nulls. */
    public NameEntry {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(longname, "longname");
        Objects.requireNonNull(attrs, "attrs");
    }
}
