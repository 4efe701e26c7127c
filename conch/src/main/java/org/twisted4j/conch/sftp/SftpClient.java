package org.twisted4j.conch.sftp;

import static org.twisted4j.conch.sftp.SftpConstants.*;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.connection.SshConnection;
import org.twisted4j.conch.connection.TakesDataInPlace;
import org.twisted4j.conch.sftp.SftpPacket.Attrs;
import org.twisted4j.conch.sftp.SftpPacket.Data;
import org.twisted4j.conch.sftp.SftpPacket.Handle;
import org.twisted4j.conch.sftp.SftpPacket.HandleAttrs;
import org.twisted4j.conch.sftp.SftpPacket.HandleRequest;
import org.twisted4j.conch.sftp.SftpPacket.Name;
import org.twisted4j.conch.sftp.SftpPacket.Open;
import org.twisted4j.conch.sftp.SftpPacket.PathAttrs;
import org.twisted4j.conch.sftp.SftpPacket.PathRequest;
import org.twisted4j.conch.sftp.SftpPacket.Read;
import org.twisted4j.conch.sftp.SftpPacket.Status;
import org.twisted4j.conch.sftp.SftpPacket.TwoPaths;
import org.twisted4j.conch.sftp.SftpPacket.Version;
import org.twisted4j.conch.sftp.SftpPacket.Write;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.Protocol;

/**
 * The client side of SFTP version 3 (Twisted's {@code FileTransferClient}) over any byte stream, normally the
 * {@code sftp} subsystem of an SSH connection ({@link #open}): each request returns a Deferred that fires with
 * the server's answer or fails with an {@link SftpException} carrying the server's status. Requests are
 * pipelined: any number may be in flight, answered in whatever order the server chooses.
 *
 * <pre>{@code
 * SftpClient.open(connection).addCallbackDeferred(sftp -> sftp.get("big.iso", Path.of("big.iso")));
 * }</pre>
 *
 * <p>{@link #get} and {@link #put} move whole files with {@link #DEFAULT_IN_FLIGHT} requests of
 * {@link #DEFAULT_CHUNK} octets in flight, as OpenSSH's {@code sftp} does (its {@code -R} and {@code -B}); the
 * local file is read and written on the reactor thread, in chunks. A download's DATA replies are read from the
 * channel straight into pooled direct buffers and written to the file from there, without other copies (the
 * client takes the channel's data in place: {@link TakesDataInPlace}).
 *
 * <h2>Limits</h2>
 * Replies longer than {@link SftpFramer#DEFAULT_MAX_PACKET} end the session; so does a reply to no request.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class SftpClient extends Protocol implements TakesDataInPlace {
    /** The size of each read or write of {@link #get} and {@link #put}: 32 KiB, as OpenSSH's {@code sftp}. */
    public static final int DEFAULT_CHUNK = 32 * 1024;
    /** The requests {@link #get} and {@link #put} keep in flight: 64, as OpenSSH's {@code sftp}. */
    public static final int DEFAULT_IN_FLIGHT = 64;

    /** The most buffers of one size kept for {@link #readBuffer} replies once their reader has released them. */
    private static final int MAX_POOLED = 128;

    private final Map<Integer, Deferred<SftpPacket>> waiting = new HashMap<>();
    /** The reads of {@link #readBuffer}, whose DATA replies are read straight into a pooled direct buffer. */
    private final Map<Integer, Deferred<ByteBuffer>> bufferReads = new HashMap<>();
    private final PacketBuffers buffers = new PacketBuffers(MAX_POOLED);
    private final Deferred<List<Extension>> ready = new Deferred<>();
    private final SftpFramer framer = new SftpFramer(SftpFramer.DEFAULT_MAX_PACKET, new SftpFramer.Sink() {
        @Override
        public void packet(byte[] payload) {
            reply(payload);
        }

        @Override
        public void oversized(int type, long requestId, long length) {
            broken("a reply of " + length + " octets is over the limit");
        }

        @Override
        public @Nullable ByteBuffer buffer(int type, int length) {
            return type == FXP_DATA && !bufferReads.isEmpty() ? buffers.take(length) : null;
        }

        @Override
        public void packet(ByteBuffer payload) {
            dataReply(payload);
        }
    });
    private int nextId;
    private int chunk = DEFAULT_CHUNK;
    private int inFlight = DEFAULT_IN_FLIGHT;
    private @Nullable String brokenBecause;

    /** Makes a client; it says hello when connected. */
    public SftpClient() {
    }

    /**
     * Starts the {@code sftp} subsystem on a connection and says hello.
     *
     * @return fires with the client once the server has answered with its version
     */
    public static Deferred<SftpClient> open(SshConnection connection) {
        SftpClient client = new SftpClient();
        return connection.startSubsystem("sftp", client)
                .addCallbackDeferred(transport -> client.ready().addCallback(extensions -> client));
    }

    /** Sets the size of each read and write of {@link #get} and {@link #put}. */
    public SftpClient setChunk(int octets) {
        if (octets < 1 || octets > 255 * 1024) {
            throw new IllegalArgumentException("chunk must be 1 to 261120 octets");
        }
        chunk = octets;
        return this;
    }

    /** Sets how many requests {@link #get} and {@link #put} keep in flight. */
    public SftpClient setInFlight(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("requests < 1");
        }
        inFlight = requests;
        return this;
    }

    /** Returns a Deferred that fires with the server's extensions once it has answered INIT with VERSION 3. */
    public Deferred<List<Extension>> ready() {
        Deferred<List<Extension>> copy = new Deferred<>();
        ready.addCallbacks(extensions -> {
            copy.callback(extensions);
            return extensions;
        }, failure -> {
            copy.errback(failure);
            return null;
        });
        return copy;
    }

    @Override
    public void connectionMade() {
        transport().write(ByteBuffer.wrap(SftpCodec.encode(new SftpPacket.Init(3, List.of()))));
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        framer.feed(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        String why = brokenBecause != null ? brokenBecause : "the SFTP session ended";
        if (!ready.isCalled()) {
            ready.errback(new ConnectionLost(why));
        }
        List<Deferred<?>> left = new ArrayList<>(waiting.values());
        left.addAll(bufferReads.values());
        waiting.clear();
        bufferReads.clear();
        for (Deferred<?> request : left) {
            request.errback(new SftpException(FX_CONNECTION_LOST, why));
        }
    }

    private void broken(String why) {
        if (brokenBecause == null) {
            brokenBecause = why;
            transport().loseConnection();
        }
    }

    private void reply(byte[] payload) {
        SftpPacket packet;
        try {
            packet = SftpCodec.decode(payload);
        } catch (SftpProtocolException e) {
            broken(e.getMessage());
            return;
        }
        if (packet instanceof Version version) {
            if (!ready.isCalled()) {
                ready.callback(version.extensions());
            }
            return;
        }
        if (!(packet instanceof SftpPacket.Request request)) {
            broken("unexpected packet of type " + packet.type());
            return;
        }
        Deferred<SftpPacket> answer = waiting.remove(request.id());
        if (answer == null) {
            Deferred<ByteBuffer> read = bufferReads.remove(request.id());
            if (read == null) {
                broken("a reply to no request (" + request.id() + ")");
                return;
            }
            // A reply to readBuffer that is not DATA (or a DATA reply read before the read was sent).
            ByteBuffer data;
            try {
                data = packet instanceof Status status && status.code() == FX_EOF ? ByteBuffer.allocate(0)
                        : ByteBuffer.wrap(expect(packet, Data.class).data());
            } catch (SftpException e) {
                read.errback(e);
                return;
            }
            read.callback(data);
            return;
        }
        answer.callback(packet);
    }

    /** A DATA reply read into a pooled buffer: to its {@link #readBuffer} in place, else decoded as any reply. */
    private void dataReply(ByteBuffer payload) {
        int at = payload.position();
        int total = payload.remaining();
        if (total >= 13) {
            Deferred<ByteBuffer> read = bufferReads.remove(payload.getInt(at + 1));
            if (read != null) {
                long length = payload.getInt(at + 5) & 0xffffffffL;
                if (length > total - 9) {
                    release(payload);
                    String why = "malformed packet of type " + FXP_DATA + ": SSH string longer than its data";
                    broken(why);
                    read.errback(new SftpException(FX_BAD_MESSAGE, why));
                    return;
                }
                read.callback(payload.limit(at + 9 + (int) length).position(at + 9));
                return;
            }
        }
        byte[] copy = new byte[total];
        payload.get(copy);
        release(payload);
        reply(copy);
    }

    private Deferred<SftpPacket> send(IntFunction<SftpPacket> make) {
        if (!sendable()) {
            return Deferred.fail(new SftpException(FX_NO_CONNECTION, "the SFTP session is not open"));
        }
        int id = nextId++;
        Deferred<SftpPacket> answer = new Deferred<>();
        waiting.put(id, answer);
        transport().write(ByteBuffer.wrap(SftpCodec.encode(make.apply(id))));
        return answer;
    }

    private boolean sendable() {
        return brokenBecause == null && transport() != null && !transport().isDisconnecting();
    }

    /** The reply as the expected type; a status other than OK (or EOF when allowed) as an SftpException. */
    private static <T extends SftpPacket> T expect(SftpPacket packet, Class<T> type) throws SftpException {
        if (type.isInstance(packet)) {
            return type.cast(packet);
        }
        if (packet instanceof Status status) {
            throw new SftpException(status.code(), status.message().isEmpty() ? "status " + status.code()
                    : status.message());
        }
        throw new SftpException(FX_BAD_MESSAGE, "unexpected reply of type " + packet.type());
    }

    private Deferred<Void> status(IntFunction<SftpPacket> make) {
        return send(make).addCallback(packet -> {
            Status status = expect(packet, Status.class);
            if (status.code() != FX_OK) {
                throw new SftpException(status.code(), status.message());
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ files

    /**
     * Opens a file.
     *
     * @param pflags {@code FXF_} flags of {@link SftpConstants}
     * @return fires with the handle
     */
    public Deferred<byte[]> open(String path, int pflags, FileAttributes attrs) {
        return send(id -> new Open(id, path, pflags, attrs)).addCallback(p -> expect(p, Handle.class).handle());
    }

    /** Reads up to {@code length} octets at {@code offset}; fires with an empty array at the end of the file. */
    public Deferred<byte[]> read(byte[] handle, long offset, int length) {
        return send(id -> new Read(id, handle, offset, length)).addCallback(p -> {
            if (p instanceof Status status && status.code() == FX_EOF) {
                return new byte[0];
            }
            return expect(p, Data.class).data();
        });
    }

    /**
     * Reads as {@link #read}, but the octets of a DATA reply are read from the channel straight into a pooled
     * direct buffer, between its position and limit (empty at the end of the file). The buffer is the caller's
     * until it gives it back with {@link #release}, on the reactor thread; one never given back is left to the
     * garbage collector.
     */
    Deferred<ByteBuffer> readBuffer(byte[] handle, long offset, int length) {
        if (!sendable()) {
            return Deferred.fail(new SftpException(FX_NO_CONNECTION, "the SFTP session is not open"));
        }
        int id = nextId++;
        Deferred<ByteBuffer> answer = new Deferred<>();
        bufferReads.put(id, answer);
        transport().write(ByteBuffer.wrap(SftpCodec.encode(new Read(id, handle, offset, length))));
        return answer;
    }

    /** Gives back a buffer {@link #readBuffer} handed out, for a later reply; any other buffer is ignored. */
    void release(ByteBuffer buffer) {
        if (buffer.isDirect()) {
            buffers.give(buffer);
        }
    }

    /** Writes octets at {@code offset}. */
    public Deferred<Void> write(byte[] handle, long offset, byte[] data) {
        return status(id -> new Write(id, handle, offset, data));
    }

    /** Closes a file or directory handle. */
    public Deferred<Void> close(byte[] handle) {
        return status(id -> new HandleRequest(FXP_CLOSE, id, handle));
    }

    /** Returns the attributes of an open file. */
    public Deferred<FileAttributes> fstat(byte[] handle) {
        return send(id -> new HandleRequest(FXP_FSTAT, id, handle)).addCallback(p -> expect(p, Attrs.class)
                .attrs());
    }

    /** Sets the attributes of an open file. */
    public Deferred<Void> fsetstat(byte[] handle, FileAttributes attrs) {
        return status(id -> new HandleAttrs(id, handle, attrs));
    }

    // ------------------------------------------------------------------ paths

    /** Returns a path's attributes, following links. */
    public Deferred<FileAttributes> stat(String path) {
        return send(id -> new PathRequest(FXP_STAT, id, path)).addCallback(p -> expect(p, Attrs.class).attrs());
    }

    /** Returns a path's attributes, not following a link. */
    public Deferred<FileAttributes> lstat(String path) {
        return send(id -> new PathRequest(FXP_LSTAT, id, path)).addCallback(p -> expect(p, Attrs.class).attrs());
    }

    /** Sets a path's attributes. */
    public Deferred<Void> setstat(String path, FileAttributes attrs) {
        return status(id -> new PathAttrs(FXP_SETSTAT, id, path, attrs));
    }

    /** Renames a path (the server refuses if the new name exists, as version 3 says). */
    public Deferred<Void> rename(String from, String to) {
        return status(id -> new TwoPaths(FXP_RENAME, id, from, to));
    }

    /** Removes a file. */
    public Deferred<Void> remove(String path) {
        return status(id -> new PathRequest(FXP_REMOVE, id, path));
    }

    /** Makes a directory. */
    public Deferred<Void> mkdir(String path, FileAttributes attrs) {
        return status(id -> new PathAttrs(FXP_MKDIR, id, path, attrs));
    }

    /** Removes an empty directory. */
    public Deferred<Void> rmdir(String path) {
        return status(id -> new PathRequest(FXP_RMDIR, id, path));
    }

    /** Returns the absolute, canonical form of a path ({@code "."} gives the starting directory). */
    public Deferred<String> realpath(String path) {
        return send(id -> new PathRequest(FXP_REALPATH, id, path)).addCallback(p -> single(p));
    }

    /** Returns a symbolic link's target. */
    public Deferred<String> readlink(String path) {
        return send(id -> new PathRequest(FXP_READLINK, id, path)).addCallback(p -> single(p));
    }

    /**
     * Makes a symbolic link at {@code linkPath} pointing to {@code target}. The two paths go in OpenSSH's order
     * (target first), which every OpenSSH server expects and which reverses the draft's.
     */
    public Deferred<Void> symlink(String linkPath, String target) {
        return status(id -> new TwoPaths(FXP_SYMLINK, id, target, linkPath));
    }

    private static String single(SftpPacket packet) throws SftpException {
        List<NameEntry> names = expect(packet, Name.class).entries();
        if (names.size() != 1) {
            throw new SftpException(FX_BAD_MESSAGE, names.size() + " names where one was expected");
        }
        return names.get(0).filename();
    }

    /** Lists a directory: every entry, {@code .} and {@code ..} included when the server sends them. */
    public Deferred<List<NameEntry>> listdir(String path) {
        return send(id -> new PathRequest(FXP_OPENDIR, id, path)).addCallbackDeferred(p -> {
            byte[] handle = expect(p, Handle.class).handle();
            List<NameEntry> all = new ArrayList<>();
            return readdir(handle, all).addBoth(outcome -> close(handle).addBoth(closed -> outcome))
                    .addCallback(done -> all);
        });
    }

    private Deferred<Void> readdir(byte[] handle, List<NameEntry> into) {
        return send(id -> new HandleRequest(FXP_READDIR, id, handle)).addCallbackDeferred(p -> {
            if (p instanceof Status status && status.code() == FX_EOF) {
                return Deferred.<Void>succeed(null);
            }
            into.addAll(expect(p, Name.class).entries());
            return readdir(handle, into);
        });
    }

    // ------------------------------------------------------------------ whole files, pipelined

    /**
     * Downloads a remote file to a local one (replaced), with requests pipelined.
     *
     * @return fires with the number of octets copied
     */
    public Deferred<Long> get(String remote, Path local) {
        return open(remote, FXF_READ, FileAttributes.EMPTY).addCallbackDeferred(handle -> {
            FileChannel out = FileChannel.open(local, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return new SftpTransfer(this, handle, out, false, chunk, inFlight).run();
        });
    }

    /**
     * Uploads a local file to a remote one (created or truncated), with requests pipelined.
     *
     * @return fires with the number of octets copied
     */
    public Deferred<Long> put(Path local, String remote) {
        return open(remote, FXF_WRITE | FXF_CREAT | FXF_TRUNC, FileAttributes.EMPTY).addCallbackDeferred(handle -> {
            FileChannel in = FileChannel.open(local, StandardOpenOption.READ);
            return new SftpTransfer(this, handle, in, true, chunk, inFlight).run();
        });
    }

    /** Returns the requests waiting for a reply. */
    public int pending() {
        return waiting.size() + bufferReads.size();
    }

    /** Ends the session. */
    public void closeSession() {
        transport().loseConnection();
    }

    @Override
    public String toString() {
        return "SftpClient[" + pending() + " pending]";
    }
}
