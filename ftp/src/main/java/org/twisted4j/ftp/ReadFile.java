package org.twisted4j.ftp;

import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Consumer;

/**
 * A file opened for reading by an {@link FtpShell}, as Twisted's {@code IReadFile}.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface ReadFile {

    /**
     * Sends the file from {@code offset} to its end to {@code consumer}, honouring its back-pressure. A file
     * on disk sent to a plain TCP data connection (a {@link org.twisted4j.internet.FileRegionTransport} that
     * can write files) goes out with {@code FileChannel.transferTo}.
     *
     * @param consumer where the bytes go
     * @param offset where to start (REST), 0 for the beginning
     * @return fires when everything was handed to the consumer; fails with {@link FtpError} or an I/O error
     */
    Deferred<@Nullable Void> send(Consumer consumer, long offset);

    /** Stops a send in progress, if any, and releases the file. Idempotent. */
    void close();
}
