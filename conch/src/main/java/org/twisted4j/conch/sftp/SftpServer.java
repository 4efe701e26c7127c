package org.twisted4j.conch.sftp;

import static org.twisted4j.conch.sftp.SftpConstants.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.sftp.SftpPacket.*;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.logger.Logger;

/**
 * The server side of SFTP version 3 as a {@link Protocol} over any byte stream: an SSH channel's
 * {@code subsystem sftp}, standard input and output ({@link SftpStdio}), or a {@code StringTransport} in tests.
 * It serves a {@link SftpFileSystem}, usually a {@link LocalFileSystem} confined to the user's root (Twisted's
 * {@code FileTransferServer} over an {@code ISFTPServer}).
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * // an SSH session's "subsystem sftp" handler: connect the server to the channel's transport
 * SftpServer sftp = new SftpServer(reactor, new LocalFileSystem(avatar.root()));
 * sftp.makeConnection(channelTransport);     // then channel data goes to sftp.dataReceived(...)
 * }</pre>
 *
 * <p>Served: every request of draft-02 (INIT/VERSION, OPEN, CLOSE, READ, WRITE, LSTAT, FSTAT, STAT, SETSTAT,
 * FSETSTAT, OPENDIR, READDIR, REMOVE, MKDIR, RMDIR, REALPATH, RENAME, READLINK, SYMLINK in OpenSSH's argument
 * order, EXTENDED) and OpenSSH's extensions posix-rename, statvfs, fstatvfs, hardlink, fsync, limits, lsetstat and
 * expand-path; other EXTENDED requests go to {@link SftpFileSystem#extendedRequest}.
 *
 * <p>Many requests may be in flight: file system work runs on the reactor's thread pool
 * ({@link ReactorThreads#callInThread}), path requests one at a time in order, and each handle's requests one at
 * a time in order, but different handles concurrently, so replies may come out of order, as the protocol allows.
 * Once {@link #setMaxInFlight in-flight requests} reach the limit the server stops reading (it pauses the
 * transport) until some are answered; while the transport's output is backed up (it has paused the server as
 * its registered producer) no new request is dispatched either. A read never reads more than
 * {@link #MAX_READ_LENGTH} octets, so no request holds a whole file in memory.
 *
 * <p>Writes: a packet of {@code 8 KiB} or more is read into a direct buffer of a pool, and a WRITE's data goes
 * from there to {@link SftpFile#writeChunk(long, java.nio.ByteBuffer)} (for a {@link LocalFileSystem}, straight
 * to the file channel), the buffer returning to the pool once the write is answered. Each WRITE is answered
 * after its data is written, so a failing write gets its own status and the writes after it on the handle still
 * run, in order; a CLOSE or {@code fsync@openssh.com} runs after the handle's writes before it. A slow disk
 * keeps requests in flight, which stops the server from reading past the limit, and so holds an SSH channel's
 * window back. Work the pool finishes is handed to the reactor thread in one call for all that finished
 * meanwhile, and its small replies are written together.
 *
 * <p>Bad input is answered, never thrown: a malformed packet gets {@code FX_BAD_MESSAGE} (with its id when it
 * had one), an oversized one is skipped and answered {@code FX_BAD_MESSAGE}, an unknown handle
 * {@code FX_FAILURE}, an unknown extension {@code FX_OP_UNSUPPORTED}, a request before INIT
 * {@code FX_BAD_MESSAGE}; a second INIT is ignored.
 *
 * <h2>Threading</h2>
 * Reactor thread only, as any protocol; the file system runs on pool threads.
 */
public final class SftpServer extends Protocol {

    /** The default most requests in flight before the server stops reading. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    /** The most octets one READ returns (OpenSSH's limit: the largest packet less 1 KiB). */
    public static final int MAX_READ_LENGTH = SftpFramer.DEFAULT_MAX_PACKET - 1024;
    /** The most handles open at once. */
    public static final int MAX_OPEN_HANDLES = 512;

    private static final Logger LOG = new Logger(SftpServer.class.getName());
    private static final String OK_MESSAGE = "Success";
    /** The encoded FX_OK status, its request id (octets 5 to 8) set for each reply. */
    private static final byte[] OK_REPLY = SftpCodec.encode(new Status(0, FX_OK, OK_MESSAGE, ""));
    /** Replies up to this size are gathered into one write with others finished at the same time. */
    private static final int MAX_GATHERED_REPLY = 1024;
    private static final List<Extension> EXTENSIONS = List.of(Extension.of(POSIX_RENAME, "1"),
            Extension.of(STATVFS, "2"), Extension.of(FSTATVFS, "2"), Extension.of(HARDLINK, "1"),
            Extension.of(FSYNC, "1"), Extension.of(LIMITS, "1"), Extension.of(LSETSTAT, "1"),
            Extension.of(EXPAND_PATH, "1"));

    private final ReactorThreads threads;
    private final SftpFileSystem fileSystem;
    private final SftpFramer framer;
    /** Packets read and not yet dispatched: arrays, or pooled buffers of {@link #buffers}. */
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private final PacketBuffers buffers = new PacketBuffers(DEFAULT_MAX_IN_FLIGHT);
    private final Map<String, OpenHandle> handles = new HashMap<>();
    private final Lane pathLane = new Lane();
    /** Work the pool has finished, in the order it finished, for the reactor thread to answer. */
    private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean answerScheduled = new AtomicBoolean();
    /** Small replies gathered while answering finished work, written together. */
    private byte[] replies = new byte[4096];
    private int repliesLength;
    private boolean gathering;
    private byte @Nullable [] lastHandle;
    private @Nullable OpenHandle lastOpen;
    private int pooledPacketMin = PacketBuffers.MIN_POOLED;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private int inFlight;
    private long nextHandle;
    private boolean initialized;
    private boolean paused;
    private boolean outputBlocked;
    private boolean lost;

    /**
     * A server of a file system.
     *
     * @param threads where file system work runs (the reactor)
     */
    public SftpServer(ReactorThreads threads, SftpFileSystem fileSystem) {
        this.threads = threads;
        this.fileSystem = fileSystem;
        this.framer = new SftpFramer(SftpFramer.DEFAULT_MAX_PACKET, new SftpFramer.Sink() {
            @Override
            public void packet(byte[] payload) {
                waiting.add(payload);
            }

            @Override
            public @Nullable ByteBuffer buffer(int type, int length) {
                return length >= pooledPacketMin ? buffers.take(length) : null;
            }

            @Override
            public void packet(ByteBuffer payload) {
                waiting.add(payload);
            }

            @Override
            public void oversized(int type, long requestId, long length) {
                LOG.info("SFTP packet of {length} octets refused", "length", length);
                if (requestId != SftpProtocolException.NO_ID) {
                    send(new Status((int) requestId, FX_BAD_MESSAGE, "packet too long", ""));
                }
            }
        });
    }

    /**
     * A server of a directory as the user's root ({@link LocalFileSystem}).
     *
     * @throws IOException if the root is not a directory
     */
    public SftpServer(ReactorThreads threads, Path root) throws IOException {
        this(threads, new LocalFileSystem(root));
    }

    /**
     * Sets how many requests may be in flight before the server stops reading.
     *
     * @throws IllegalArgumentException if below 1
     */
    public void setMaxInFlight(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        this.maxInFlight = max;
    }

    /** Gathers packets of at least {@code length} octets in pooled direct buffers (tests lower it). */
    void setPooledPacketMin(int length) {
        this.pooledPacketMin = Math.max(1, length);
    }

    /** The pooled packet buffers kept for reuse (none is lost once every WRITE is answered). */
    int pooledBuffersKept() {
        return buffers.kept();
    }

    /** The number of requests dispatched and not yet answered. */
    public int inFlight() {
        return inFlight;
    }

    /**
     * Registers with the transport as a streaming producer of replies, so that a transport whose output backs up
     * (an SSH channel whose window is used up) stops the server from taking new requests until it drains.
     */
    @Override
    public void connectionMade() {
        transport().registerProducer(new PushProducer() {
            @Override
            public void pauseProducing() {
                outputBlocked = true;
            }

            @Override
            public void resumeProducing() {
                outputBlocked = false;
                drain();
            }

            @Override
            public void stopProducing() {
                transport().loseConnection();
            }
        }, true);
    }

    /** Whether the transport has asked the server to hold its replies back. */
    boolean outputBlocked() {
        return outputBlocked;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        framer.feed(data);
        drain();
    }

    @Override
    public void connectionLost(Failure reason) {
        lost = true;
        waiting.clear();
        for (OpenHandle handle : handles.values()) {
            handle.lane.submit(() -> {
                handle.close();
                return null;
            }, reply -> { });
        }
        handles.clear();
        lastHandle = null;
        lastOpen = null;
    }

    private void drain() {
        while (!lost && !outputBlocked && inFlight < maxInFlight && !waiting.isEmpty()) {
            dispatch(waiting.poll());
        }
        if (lost) {
            return;
        }
        boolean full = !waiting.isEmpty();
        if (full && !paused) {
            paused = true;
            transport().pauseProducing();
        } else if (!full && paused) {
            paused = false;
            transport().resumeProducing();
        }
    }

    private void send(SftpPacket packet) {
        if (lost) {
            return;
        }
        if (packet instanceof Status status && status.code() == FX_OK && status.message().equals(OK_MESSAGE)
                && status.language().isEmpty()) {
            byte[] ok = OK_REPLY.clone();
            ok[5] = (byte) (status.id() >>> 24);
            ok[6] = (byte) (status.id() >>> 16);
            ok[7] = (byte) (status.id() >>> 8);
            ok[8] = (byte) status.id();
            reply(ok);
        } else {
            reply(SftpCodec.encode(packet));
        }
    }

    /** Writes an encoded reply, or gathers it with others while finished work is being answered. */
    private void reply(byte[] encoded) {
        if (gathering && encoded.length <= MAX_GATHERED_REPLY) {
            if (repliesLength + encoded.length > replies.length) {
                replies = java.util.Arrays.copyOf(replies, Math.max(replies.length * 2,
                        repliesLength + encoded.length));
            }
            System.arraycopy(encoded, 0, replies, repliesLength, encoded.length);
            repliesLength += encoded.length;
            return;
        }
        writeGathered();
        transport().write(ByteBuffer.wrap(encoded));
    }

    /** Writes the replies gathered so far, in one write (one channel packet when the window allows). */
    private void writeGathered() {
        if (repliesLength > 0) {
            int length = repliesLength;
            repliesLength = 0;
            if (!lost) {
                transport().write(ByteBuffer.wrap(replies, 0, length));
            }
        }
    }

    private void dispatch(Object packet) {
        if (packet instanceof byte[] payload) {
            dispatch(payload);
            return;
        }
        ByteBuffer buffer = (ByteBuffer) packet;
        if (buffer.get(0) == FXP_WRITE && initialized) {
            dispatchWrite(buffer);
            return;
        }
        byte[] payload = new byte[buffer.remaining()];
        buffer.get(payload);
        buffers.give(buffer);
        dispatch(payload);
    }

    /**
     * A WRITE read into a pooled buffer: its data goes to the file from that buffer, which returns to the pool
     * once written. Parsed as {@link SftpCodec#decode} parses a WRITE.
     */
    private void dispatchWrite(ByteBuffer packet) {
        int length = packet.limit();
        if (length < 9) {
            buffers.give(packet);
            return;
        }
        int id = packet.getInt(1);
        try {
            int at = 5;
            int handleLength = packet.getInt(at);
            at += 4;
            if (handleLength < 0 || handleLength > length - at) {
                throw new SftpException(FX_BAD_MESSAGE, "malformed packet");
            }
            byte[] handle = new byte[handleLength];
            packet.get(at, handle);
            at += handleLength;
            if (length - at < 12) {
                throw new SftpException(FX_BAD_MESSAGE, "malformed packet");
            }
            long offset = packet.getLong(at);
            int dataLength = packet.getInt(at + 8);
            at += 12;
            if (dataLength < 0 || dataLength > length - at) {
                throw new SftpException(FX_BAD_MESSAGE, "malformed packet");
            }
            OpenHandle open = lookup(handle);
            SftpFile file = requireFile(open);
            ByteBuffer data = packet.slice(at, dataLength);
            run(open.lane, id, () -> {
                file.writeChunk(offset, data);
                return ok(id);
            }, packet);
        } catch (SftpException e) {
            buffers.give(packet);
            send(new Status(id, e.code(), e.getMessage(), ""));
        }
    }

    private void dispatch(byte[] payload) {
        SftpPacket packet;
        try {
            packet = SftpCodec.decode(payload);
        } catch (SftpProtocolException e) {
            if (e.requestId() != SftpProtocolException.NO_ID) {
                send(new Status((int) e.requestId(), FX_BAD_MESSAGE, "malformed packet", ""));
            }
            return;
        }
        if (packet instanceof Init) {
            if (initialized) {
                // OpenSSH's sftp-server ends the session here; with no id to answer, ignoring it harms nothing.
                LOG.info("SFTP client sent INIT again; ignored");
                return;
            }
            initialized = true;
            send(new Version(VERSION, EXTENSIONS));
            return;
        }
        if (!(packet instanceof Request request)) {
            return;
        }
        int id = request.id();
        if (!initialized) {
            send(new Status(id, FX_BAD_MESSAGE, "INIT must come first", ""));
            return;
        }
        try {
            handle(request);
        } catch (SftpException e) {
            send(new Status(id, e.code(), e.getMessage(), ""));
        }
    }

    private void handle(Request request) throws SftpException {
        int id = request.id();
        SftpFileSystem fs = fileSystem;
        switch (request) {
            case Open p -> path(id, () -> {
                SftpFile file = fs.openFile(p.path(), p.pflags(), p.attrs());
                return register(id, file, null);
            });
            case Read p -> {
                SftpFile file = file(p.handle());
                int length = (int) Math.min(p.length() & 0xffffffffL, MAX_READ_LENGTH);
                on(p.handle(), id, () -> {
                    byte[] data = file.readChunk(p.offset(), length);
                    return data == null ? new Status(id, FX_EOF, "End of file", "") : new Data(id, data);
                });
            }
            case Write p -> {
                SftpFile file = file(p.handle());
                on(p.handle(), id, () -> {
                    file.writeChunk(p.offset(), p.data());
                    return ok(id);
                });
            }
            case HandleRequest p -> handleRequest(p);
            case HandleAttrs p -> {
                SftpFile file = file(p.handle());
                on(p.handle(), id, () -> {
                    file.setAttrs(p.attrs());
                    return ok(id);
                });
            }
            case PathRequest p -> pathRequest(p);
            case PathAttrs p -> path(id, () -> {
                if (p.type() == FXP_MKDIR) {
                    fs.makeDirectory(p.path(), p.attrs());
                } else {
                    fs.setAttrs(p.path(), p.attrs(), true);
                }
                return ok(id);
            });
            case TwoPaths p -> path(id, () -> {
                if (p.type() == FXP_RENAME) {
                    fs.renameFile(p.first(), p.second(), false);
                } else {
                    fs.makeLink(p.second(), p.first());
                }
                return ok(id);
            });
            case Extended p -> extended(p);
            default -> send(new Status(id, FX_OP_UNSUPPORTED, "not a request", ""));
        }
    }

    private void handleRequest(HandleRequest p) throws SftpException {
        int id = p.id();
        OpenHandle handle = lookup(p.handle());
        switch (p.type()) {
            case FXP_CLOSE -> {
                handles.remove(key(p.handle()));
                lastHandle = null;
                lastOpen = null;
                on(handle, id, () -> {
                    handle.close();
                    return ok(id);
                });
            }
            case FXP_FSTAT -> {
                SftpFile file = requireFile(handle);
                on(handle, id, () -> new Attrs(id, file.getAttrs()));
            }
            default -> {
                SftpDirectory directory = handle.directory;
                if (directory == null) {
                    throw new SftpException(FX_FAILURE, "not a directory handle");
                }
                on(handle, id, () -> {
                    List<NameEntry> names = directory.next(LocalFileSystem.READDIR_BATCH);
                    return names.isEmpty() ? new Status(id, FX_EOF, "End of directory", "") : new Name(id, names);
                });
            }
        }
    }

    private void pathRequest(PathRequest p) {
        int id = p.id();
        SftpFileSystem fs = fileSystem;
        path(id, () -> switch (p.type()) {
            case FXP_LSTAT -> new Attrs(id, fs.getAttrs(p.path(), false));
            case FXP_STAT -> new Attrs(id, fs.getAttrs(p.path(), true));
            case FXP_OPENDIR -> register(id, null, fs.openDirectory(p.path()));
            case FXP_REMOVE -> {
                fs.removeFile(p.path());
                yield ok(id);
            }
            case FXP_RMDIR -> {
                fs.removeDirectory(p.path());
                yield ok(id);
            }
            case FXP_REALPATH -> name(id, fs.realPath(p.path()));
            default -> name(id, fs.readLink(p.path()));
        });
    }

    private void extended(Extended p) throws SftpException {
        int id = p.id();
        SftpFileSystem fs = fileSystem;
        SshWire in = new SshWire(p.data());
        try {
            switch (p.request()) {
                case POSIX_RENAME -> {
                    String from = in.utf8();
                    String to = in.utf8();
                    path(id, () -> {
                        fs.renameFile(from, to, true);
                        return ok(id);
                    });
                }
                case HARDLINK -> {
                    String from = in.utf8();
                    String to = in.utf8();
                    path(id, () -> {
                        fs.makeHardLink(from, to);
                        return ok(id);
                    });
                }
                case STATVFS -> {
                    String path = in.utf8();
                    path(id, () -> new ExtendedReply(id, fs.statVfs(path).encode()));
                }
                case FSTATVFS -> {
                    byte[] handle = in.string();
                    SftpFile file = file(handle);
                    on(handle, id, () -> new ExtendedReply(id, file.statVfs().encode()));
                }
                case FSYNC -> {
                    byte[] handle = in.string();
                    SftpFile file = file(handle);
                    on(handle, id, () -> {
                        file.sync();
                        return ok(id);
                    });
                }
                case LSETSTAT -> {
                    String path = in.utf8();
                    FileAttributes attrs = FileAttributes.read(in);
                    path(id, () -> {
                        fs.setAttrs(path, attrs, false);
                        return ok(id);
                    });
                }
                case EXPAND_PATH -> {
                    String path = in.utf8();
                    path(id, () -> name(id, fs.realPath(path)));
                }
                case LIMITS -> send(new ExtendedReply(id, new SshWireWriter().uint64(SftpFramer.DEFAULT_MAX_PACKET)
                        .uint64(MAX_READ_LENGTH).uint64(MAX_READ_LENGTH).uint64(MAX_OPEN_HANDLES).toByteArray()));
                default -> {
                    byte[] data = p.data();
                    path(id, () -> new ExtendedReply(id, fs.extendedRequest(p.request(), data)));
                }
            }
        } catch (IllegalArgumentException malformed) {
            throw new SftpException(FX_BAD_MESSAGE, "malformed " + p.request() + " request");
        }
    }

    // ---------------------------------------------------------------- handles

    private Object register(int id, @Nullable SftpFile file, @Nullable SftpDirectory directory) {
        // Runs on a pool thread: hand the new handle to the reactor thread with the reply.
        return new Opened(id, file, directory);
    }

    /** A reply carrying a newly opened file or directory, turned into a HANDLE on the reactor thread. */
    private record Opened(int id, @Nullable SftpFile file, @Nullable SftpDirectory directory) {
    }

    private SftpPacket adopt(Opened opened) {
        if (lost || handles.size() >= MAX_OPEN_HANDLES) {
            OpenHandle orphan = new OpenHandle(opened.file(), opened.directory());
            orphan.lane.submit(() -> {
                orphan.close();
                return null;
            }, reply -> { });
            return new Status(opened.id(), FX_FAILURE, "too many open handles", "");
        }
        String key = Long.toString(nextHandle++);
        handles.put(key, new OpenHandle(opened.file(), opened.directory()));
        return new Handle(opened.id(), key.getBytes(StandardCharsets.US_ASCII));
    }

    private static String key(byte[] handle) {
        return new String(handle, StandardCharsets.ISO_8859_1);
    }

    private OpenHandle lookup(byte[] handle) throws SftpException {
        OpenHandle last = lastOpen;
        if (last != null && java.util.Arrays.equals(handle, lastHandle)) {
            return last;
        }
        OpenHandle open = handles.get(key(handle));
        if (open == null) {
            throw new SftpException(FX_FAILURE, "invalid handle");
        }
        lastHandle = handle;
        lastOpen = open;
        return open;
    }

    private SftpFile file(byte[] handle) throws SftpException {
        return requireFile(lookup(handle));
    }

    private static SftpFile requireFile(OpenHandle handle) throws SftpException {
        if (handle.file == null) {
            throw new SftpException(FX_FAILURE, "not a file handle");
        }
        return handle.file;
    }

    // ---------------------------------------------------------------- running work

    private void path(int id, Callable<Object> work) {
        run(pathLane, id, work);
    }

    private void on(byte[] handle, int id, Callable<Object> work) throws SftpException {
        run(lookup(handle).lane, id, work);
    }

    private void on(OpenHandle handle, int id, Callable<Object> work) {
        run(handle.lane, id, work);
    }

    private void run(Lane lane, int id, Callable<Object> work) {
        run(lane, id, work, null);
    }

    /** Runs work in a lane; its reply is sent when it is done, and {@code buffer} then returns to the pool. */
    private void run(Lane lane, int id, Callable<Object> work, @Nullable ByteBuffer buffer) {
        inFlight++;
        lane.submit(work, result -> {
            inFlight--;
            if (buffer != null) {
                buffers.give(buffer);
            }
            SftpPacket reply = switch (result) {
                case Opened opened -> adopt(opened);
                case SftpPacket packet -> packet;
                case SftpException e -> new Status(id, e.code(), e.getMessage(), "");
                case Throwable t -> {
                    LOG.failure("SFTP request failed", new Failure(t));
                    yield new Status(id, FX_FAILURE, "internal error", "");
                }
                default -> new Status(id, FX_FAILURE, "internal error", "");
            };
            send(reply);
        });
    }

    /** Pool thread: hands a finished task's outcome to the reactor thread, which answers all there are at once. */
    private void finish(Done done, Object outcome) {
        finished.add(new Finished(done, outcome));
        if (answerScheduled.compareAndSet(false, true)) {
            threads.callFromThread(this::answerFinished);
        }
    }

    /**
     * Reactor thread: answers the finished work in the order it finished, gathering small replies into one
     * write, then takes new requests.
     */
    private void answerFinished() {
        answerScheduled.set(false);
        gathering = true;
        try {
            for (Finished done = finished.poll(); done != null; done = finished.poll()) {
                done.done().done(done.outcome());
            }
            drain();
        } finally {
            gathering = false;
            writeGathered();
        }
    }

    /** A finished task's outcome and where it goes. */
    private record Finished(Done done, Object outcome) {
    }

    private static SftpPacket ok(int id) {
        return new Status(id, FX_OK, OK_MESSAGE, "");
    }

    private static SftpPacket name(int id, String path) {
        return new Name(id, List.of(new NameEntry(path, path, FileAttributes.EMPTY)));
    }

    /** An open file or directory and the lane its requests run in. */
    private final class OpenHandle {
        final @Nullable SftpFile file;
        final @Nullable SftpDirectory directory;
        final Lane lane = new Lane();

        OpenHandle(@Nullable SftpFile file, @Nullable SftpDirectory directory) {
            this.file = file;
            this.directory = directory;
        }

        void close() throws SftpException {
            if (file != null) {
                file.close();
            }
            if (directory != null) {
                directory.close();
            }
        }
    }

    /** Where a reply or failure goes, on the reactor thread. */
    private interface Done {
        void done(Object result);
    }

    /** A piece of work and where its result goes. */
    private record Task(Callable<?> work, Done done) {
    }

    /**
     * Requests that run one at a time, in order, on a pool thread. While a lane has work, one pool thread runs
     * its tasks one after the other and posts each result to the reactor thread as it finishes, so a pipelined
     * stream of requests on one handle costs no thread hand-off per request.
     */
    private final class Lane {
        private final ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean();

        /** Reactor thread: queues work, starting a pool thread for the lane if none runs it. */
        void submit(Callable<?> work, Done done) {
            queue.add(new Task(work, done));
            if (running.compareAndSet(false, true)) {
                threads.callInThread(this::runQueued);
            }
        }

        /** Pool thread: runs the queued tasks until there are none. */
        private void runQueued() {
            while (true) {
                Task task = queue.poll();
                if (task == null) {
                    running.set(false);
                    if (queue.isEmpty() || !running.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                Object result;
                try {
                    result = task.work().call();
                } catch (Throwable failure) {
                    result = failure;
                }
                finish(task.done(), result == null ? new Status(0, FX_FAILURE, "no reply", "") : result);
            }
        }
    }
}
