package org.twisted4j.ftp;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A file opened for writing by an {@link FtpShell}, as Twisted's {@code IWriteFile}. The server hands it what
 * the data connection brings; while a {@link #write} has not finished, the server stops reading from the data
 * connection, so a slow store slows the sender down (back-pressure) instead of filling memory.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface WriteFile {

    /**
     * Writes the bytes that arrived next.
     *
     * @param data the bytes; read during the call or, if the returned Deferred is not fired yet, kept until it is
     * @return fires when the bytes are written and more can come
     */
    Deferred<@Nullable Void> write(ByteBuffer data);

    /**
     * Ends a complete upload.
     *
     * @return fires when the file is durable enough to report 226
     */
    Deferred<@Nullable Void> close();

    /** Ends an upload that was aborted: releases the file, keeping what was written (for a later REST). */
    void abort();
}
