package org.twisted4j.ftp;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.logger.Logger;
import org.twisted4j.protocols.policies.IdleTimeout;

/**
 * One transfer on a data connection: a retrieval, a listing, or an upload, ended by 226 once the data
 * connection has closed cleanly, by 426/451 otherwise, or silently by ABOR (which answers for itself).
 */
final class Transfer {

    private static final Logger log = new Logger("ftp");

    private final FtpServer server;
    private final DataChannel channel;
    private @Nullable DataConnection connection;
    private @Nullable ReadFile reading;
    private @Nullable WriteFile writing;
    private @Nullable IdleTimeout stall;
    private boolean done;
    private boolean sent;

    Transfer(FtpServer server, DataChannel channel) {
        this.server = server;
        this.channel = channel;
    }

    DataChannel channel() {
        return channel;
    }

    @Nullable DataConnection connection() {
        return connection;
    }

    boolean isDone() {
        return done;
    }

    void attach(DataConnection data) {
        connection = data;
    }

    private DataConnection data() {
        DataConnection data = connection;
        if (data == null) {
            throw new IllegalStateException("transfer not attached");
        }
        return data;
    }

    /** Sends a file, then closes the data connection; 226 once it is closed. */
    void sendFile(ReadFile file, long offset) {
        reading = file;
        DataConnection data = data();
        data.lost().addCallback(reason -> {
            if (!done) {
                if (sent) {
                    complete();
                } else {
                    fail(426, "Connection closed; transfer aborted.");
                }
            }
            return null;
        });
        file.send(server.asciiIfNeeded(data.transport()), offset).addCallbacks(ok -> {
            sent = true;
            if (!done && !data.lost().isCalled()) {
                data.transport().loseConnection();
            }
            return null;
        }, failure -> {
            if (!done) {
                log.info("sending a file failed: {why}", "why", failure.getErrorMessage());
                fail(failure.value() instanceof FtpError e ? e.replyCode() : 451,
                        failure.value() instanceof FtpError e ? e.getMessage() : "Transfer failed.");
            }
            return null;
        });
    }

    /** Sends bytes (a listing), then closes the data connection. */
    void sendBytes(ByteBuffer bytes) {
        DataConnection data = data();
        data.lost().addCallback(reason -> {
            if (!done) {
                complete();
            }
            return null;
        });
        sent = true;
        data.transport().write(bytes);
        data.transport().loseConnection();
    }

    /** Receives into a file until the client closes the data connection. */
    void receive(WriteFile file, boolean binary, double stallTimeout) {
        writing = file;
        DataConnection data = data();
        if (stallTimeout > 0) {
            IdleTimeout timer = new IdleTimeout(server.config().clock(), () -> fail(426, "Data connection timed out."));
            timer.setTimeout(stallTimeout);
            stall = timer;
        }
        // what arrived before now (all of it, if the client was quick) is written first
        data.receiveInto(file, !binary, () -> {
            IdleTimeout timer = stall;
            if (timer != null) {
                timer.resetTimeout();
            }
        });
        data.lost().addCallback(reason -> {
            if (done) {
                return null;
            }
            cancelStall();
            Failure failed = data.writeFailure();
            if (failed != null) {
                fail(failed.value() instanceof FtpError e ? e.replyCode() : 451,
                        failed.value() instanceof FtpError e ? e.getMessage() : "Write failed.");
                return null;
            }
            Failure why = data.reason();
            if (why != null && why.check(ConnectionDone.class) == null) {
                // a reset, or TLS cut without close_notify: the upload may be truncated, so it is not reported
                // complete (426, a transient error clients retry); what arrived is kept for a REST
                fail(426, "Connection closed; transfer aborted.");
                return null;
            }
            data.written().addCallbackDeferred(ignored -> {
                Deferred<@Nullable Void> rest = data.flushAscii();
                return rest == null ? Deferred.<@Nullable Void>succeed(null) : rest;
            }).addCallbackDeferred(ignored -> file.close()).addCallbacks(ok -> {
                writing = null;
                if (!done) {
                    complete();
                }
                return null;
            }, failure -> {
                if (!done) {
                    fail(failure.value() instanceof FtpError e ? e.replyCode() : 451,
                            failure.value() instanceof FtpError e ? e.getMessage() : "Write failed.");
                }
                return null;
            });
            return null;
        });
    }

    private void cancelStall() {
        IdleTimeout timer = stall;
        stall = null;
        if (timer != null) {
            timer.cancel();
        }
    }

    private void complete() {
        done = true;
        cancelStall();
        release();
        server.reply(226, "Transfer complete.");
        server.transferEnded(this);
    }

    /** Ends the transfer with an error reply. */
    void fail(int code, String text) {
        if (done) {
            return;
        }
        done = true;
        cancelStall();
        release();
        DataConnection data = connection;
        if (data != null && !data.lost().isCalled()) {
            data.transport().abortConnection();
        }
        server.reply(code, text);
        server.transferEnded(this);
    }

    /** Ends the transfer without a reply (ABOR, connection lost). */
    void abort() {
        if (done) {
            return;
        }
        done = true;
        cancelStall();
        release();
        DataConnection data = connection;
        if (data != null && !data.lost().isCalled()) {
            data.transport().abortConnection();
        }
        server.transferEnded(this);
    }

    private void release() {
        ReadFile file = reading;
        reading = null;
        if (file != null) {
            file.close();
        }
        WriteFile upload = writing;
        writing = null;
        if (upload != null) {
            upload.abort();
        }
    }

    static String describe(@Nullable Failure failure) {
        return failure == null ? "" : failure.getErrorMessage();
    }
}
