package org.twisted4j.internet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import org.twisted4j.defer.Failure;

/**
 * A process protocol that records what happens to it: the events in order (runs of output collapsed into
 * one "out" or "err"), the output itself, and the threads it was called on. Read it from the test's thread
 * only after {@link #ended} has completed.
 */
class RecordingProcessProtocol extends ProcessProtocol {
    final List<String> events = new ArrayList<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final CRC32 outCrc = new CRC32();
    long outBytes;
    final Set<Thread> threads = new HashSet<>();
    final CompletableFuture<Failure> exited = new CompletableFuture<>();
    final CompletableFuture<Failure> ended = new CompletableFuture<>();
    private final boolean keepOutput;

    RecordingProcessProtocol() {
        this(true);
    }

    RecordingProcessProtocol(boolean keepOutput) {
        this.keepOutput = keepOutput;
    }

    private void event(String name) {
        threads.add(Thread.currentThread());
        if (!(name.equals("out") || name.equals("err")) || events.isEmpty() || !events.getLast().equals(name)) {
            events.add(name);
        }
    }

    @Override
    public void connectionMade() {
        event("connectionMade");
    }

    @Override
    public void outReceived(ByteBuffer data) {
        event("out");
        outBytes += data.remaining();
        outCrc.update(data.duplicate());
        if (keepOutput) {
            copy(data, out);
        }
    }

    @Override
    public void errReceived(ByteBuffer data) {
        event("err");
        copy(data, err);
    }

    static void copy(ByteBuffer data, ByteArrayOutputStream into) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        into.writeBytes(bytes);
    }

    @Override
    public void inConnectionLost() {
        event("inLost");
    }

    @Override
    public void outConnectionLost() {
        event("outLost");
    }

    @Override
    public void errConnectionLost() {
        event("errLost");
    }

    @Override
    public void processExited(Failure reason) {
        event("exited");
        exited.complete(reason);
    }

    @Override
    public void processEnded(Failure reason) {
        event("ended");
        ended.complete(reason);
    }

    String outText() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
