package org.twisted4j.names;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A small configuration file read again when its modification time or size changes, as Twisted reads
 * {@code /etc/hosts} and {@code /etc/resolv.conf}. Reactor thread only; reads are on the calling thread.
 */
final class WatchedFile {
    private final Path file;
    private final int maxBytes;
    private @Nullable FileTime readModified;
    private long readSize = -1;

    WatchedFile(Path file, int maxBytes) {
        this.file = Objects.requireNonNull(file, "file");
        this.maxBytes = maxBytes;
    }

    /** What a check found. */
    sealed interface Change {
    }

    /** The file has not changed since it was last read (or is unreadable now: keep what was read). */
    record Unchanged() implements Change {
    }

    /** The file is gone. */
    record Missing() implements Change {
    }

    /** The file is new or changed: its first bytes, up to the limit. */
    record Read(byte[] bytes) implements Change {
    }

    /** Looks at the file and reads it when it changed. */
    Change check() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.lastModifiedTime().equals(readModified) && attributes.size() == readSize) {
                return new Unchanged();
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(maxBytes);
            }
            readModified = attributes.lastModifiedTime();
            readSize = attributes.size();
            return new Read(bytes);
        } catch (NoSuchFileException e) {
            boolean was = readSize >= 0;
            readModified = null;
            readSize = -1;
            return was ? new Missing() : new Unchanged();
        } catch (IOException e) {
            return new Unchanged();
        }
    }
}
