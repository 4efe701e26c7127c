package org.twisted4j.conch.sftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;

/**
 * One whole file copied by {@link SftpClient#get} or {@link SftpClient#put} with several requests in flight:
 * reads or writes of one chunk each, sent until the limit is reached and one more as each is answered. A short
 * read asks again for the rest of its chunk; the end of the file stops new requests. The local file and the
 * remote handle are closed whatever happens.
 *
 * <h2>Threading</h2>
 * Reactor thread only; the local file is read and written on it, one chunk at a time.
 */
final class SftpTransfer {
    private final SftpClient client;
    private final byte[] handle;
    private final FileChannel file;
    private final boolean upload;
    private final int chunk;
    private final int inFlight;
    private final Deferred<Long> done = new Deferred<>();
    private long nextOffset;
    private long copied;
    private int outstanding;
    private boolean atEnd;

    SftpTransfer(SftpClient client, byte[] handle, FileChannel file, boolean upload, int chunk, int inFlight) {
        this.client = client;
        this.handle = handle;
        this.file = file;
        this.upload = upload;
        this.chunk = chunk;
        this.inFlight = inFlight;
    }

    /** Copies the file; fires with the octets copied once the local file and the handle are closed. */
    Deferred<Long> run() {
        fill();
        return done.addBoth(outcome -> {
            try {
                file.close();
            } catch (IOException ignored) {
                // The outcome says what went wrong, if anything did.
            }
            // The chain waits for the close, then goes on with the transfer's outcome.
            return (Object) client.close(handle).addBoth(closed -> outcome);
        }).addCallback(outcome -> (Long) outcome);
    }

    /** Sends requests until enough are in flight or the file has no more. */
    private void fill() {
        while (!done.isCalled() && !atEnd && outstanding < inFlight) {
            if (upload) {
                if (!sendWrite()) {
                    return;
                }
            } else {
                long offset = nextOffset;
                nextOffset += chunk;
                outstanding++;
                client.readBuffer(handle, offset, chunk).addCallbacks(data -> {
                    received(offset, data);
                    return null;
                }, this::failed);
            }
        }
        if (outstanding == 0 && !done.isCalled()) {
            done.callback(copied);
        }
    }

    /** Reads the next chunk of the local file and writes it; false if reading failed. */
    private boolean sendWrite() {
        long offset = nextOffset;
        ByteBuffer buffer = ByteBuffer.allocate(chunk);
        int n;
        try {
            n = file.read(buffer, offset);
        } catch (IOException e) {
            fail(e);
            return false;
        }
        if (n <= 0) {
            atEnd = true;
            return true;
        }
        nextOffset += n;
        outstanding++;
        byte[] data = n == chunk ? buffer.array() : Arrays.copyOf(buffer.array(), n);
        client.write(handle, offset, data).addCallbacks(ok -> {
            copied += data.length;
            answered();
            return null;
        }, this::failed);
        return true;
    }

    private void received(long offset, ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) {
            atEnd = true;
        } else {
            try {
                while (data.hasRemaining()) {
                    file.write(data, offset + n - data.remaining());
                }
            } catch (IOException e) {
                fail(e);
                return;
            } finally {
                client.release(data);
            }
            copied += n;
            if (n < chunk && !atEnd) {
                // A short read: ask for the rest of this chunk, in case the file goes on past it.
                outstanding++;
                long rest = offset + n;
                client.readBuffer(handle, rest, chunk - n).addCallbacks(more -> {
                    received(rest, more);
                    return null;
                }, this::failed);
            }
        }
        answered();
    }

    private void answered() {
        outstanding--;
        fill();
    }

    private @Nullable Void failed(Failure failure) {
        outstanding--;
        if (!done.isCalled()) {
            done.errback(failure);
        }
        return null;
    }

    private void fail(Exception e) {
        if (!done.isCalled()) {
            done.errback(e);
        }
    }
}
