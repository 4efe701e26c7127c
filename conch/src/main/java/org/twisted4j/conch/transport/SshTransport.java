package org.twisted4j.conch.transport;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.TCPTransport;
import org.twisted4j.logger.Logger;
import org.twisted4j.defer.Failure;

/**
 * The SSH transport layer (RFC 4253), both sides' common part, as Twisted's {@code SSHTransportBase}: the
 * version exchange, the binary packet protocol, KEXINIT negotiation, NEWKEYS and key derivation, rekeying by
 * volume and time, strict key exchange, IGNORE/DEBUG/UNIMPLEMENTED and DISCONNECT. {@link SshServerTransport} and
 * {@link SshClientTransport} add each side's key exchange messages and services.
 *
 * <h2>Bad input</h2>
 * Whatever the peer sends that breaks the protocol ends the connection with {@code SSH_MSG_DISCONNECT} and the
 * RFC's reason code ({@link DisconnectReason}), and one log line; nothing reaches the reactor.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public abstract class SshTransport extends Protocol {
    /** {@code SSH_MSG_DISCONNECT}. */
    public static final int MSG_DISCONNECT = 1;
    /** {@code SSH_MSG_IGNORE}. */
    public static final int MSG_IGNORE = 2;
    /** {@code SSH_MSG_UNIMPLEMENTED}. */
    public static final int MSG_UNIMPLEMENTED = 3;
    /** {@code SSH_MSG_DEBUG}. */
    public static final int MSG_DEBUG = 4;
    /** {@code SSH_MSG_SERVICE_REQUEST}. */
    public static final int MSG_SERVICE_REQUEST = 5;
    /** {@code SSH_MSG_SERVICE_ACCEPT}. */
    public static final int MSG_SERVICE_ACCEPT = 6;
    /** {@code SSH_MSG_EXT_INFO} (RFC 8308). */
    public static final int MSG_EXT_INFO = 7;
    /** {@code SSH_MSG_NEWKEYS}. */
    public static final int MSG_NEWKEYS = 21;
    /** The connection protocol's CHANNEL_DATA (RFC 4254), the one message handled in the reader's buffer. */
    private static final byte MSG_CHANNEL_DATA = 94;

    /** The longest identification line accepted, CR LF included (RFC 4253 section 4.2). */
    static final int MAX_VERSION_LINE = 255;
    /** How many lines before the identification a client accepts from a server. */
    static final int MAX_PRE_VERSION_LINES = 1024;

    private static final Logger LOG = Logger.forClass(SshTransport.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The configuration. */
    protected final TransportConfig config;
    /** The clock rekeying runs on. */
    protected final ReactorTime clock;
    private final PacketReader reader = new PacketReader();
    private final PacketWriter writer = new PacketWriter();
    private final ByteArrayOutputStream versionLine = new ByteArrayOutputStream();
    private final ArrayDeque<byte[]> held = new ArrayDeque<>();
    private int preVersionLines;
    private @Nullable String peerVersion;
    private byte @Nullable [] ourKexInit;
    private byte @Nullable [] peerKexInit;
    private @Nullable Negotiated negotiated;
    private byte @Nullable [] sessionId;
    private @Nullable DirectionKeys pendingIn;
    private boolean ourNewKeysSent;
    private boolean firstKex = true;
    private boolean strict;
    private boolean packetBeforeKexInit;
    private boolean ignoreNextKexPacket;
    private @Nullable SshService service;
    private @Nullable DelayedCall rekeyTimer;
    private boolean disconnected;
    private int kexCount;
    private boolean writePaused;
    private int disconnectReason = -1;
    private boolean producerRegistered;
    private boolean inputHeld;
    /** Whether user authentication has succeeded, for the packets received and the packets sent. */
    private boolean authenticatedIn;
    private boolean authenticatedOut;
    /** Queued among the held packets where OpenSSH's delayed compression starts for the packets sent. */
    private static final byte[] START_COMPRESSION = new byte[0];

    /**
     * Makes a transport.
     *
     * @param config the algorithms and limits
     * @param clock the clock for rekeying by time
     */
    protected SshTransport(TransportConfig config, ReactorTime clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether this is the server side. */
    protected abstract boolean isServer();

    /** Returns the key exchange names offered (with the side's extension markers). */
    protected abstract List<String> offeredKex();

    /** Returns the host key algorithms offered. */
    protected abstract List<String> offeredHostKeyAlgorithms();

    /** Called once both KEXINITs are in and negotiated: the client sends its first key exchange message. */
    abstract void kexNegotiated(Negotiated negotiated);

    /** Called with each key exchange method message (numbers 30 to 49). */
    protected abstract void kexPacket(int messageNumber, SshWire in) throws SshProtocolException;

    /** Called with SERVICE_REQUEST, SERVICE_ACCEPT and EXT_INFO. */
    protected abstract void transportServicePacket(int messageNumber, SshWire in) throws SshProtocolException;

    /** Called right after this side's NEWKEYS has been sent, before held packets go out. Does nothing by default. */
    protected void newKeysSent(boolean first) {
    }

    /** Called when a key exchange has ended (both NEWKEYS). Does nothing by default. */
    protected void kexCompleted(boolean first) {
    }

    @Override
    public void connectionMade() {
        if (transport() instanceof TCPTransport tcp) {
            tcp.setTcpNoDelay(true);
        }
        transport().registerProducer(new PushProducer() {
            @Override
            public void pauseProducing() {
                writePaused = true;
                SshService running = service;
                if (running != null) {
                    running.writePaused();
                }
            }

            @Override
            public void resumeProducing() {
                writePaused = false;
                SshService running = service;
                if (running != null) {
                    running.writeResumed();
                }
            }

            @Override
            public void stopProducing() {
                writePaused = true;
            }
        }, true);
        producerRegistered = true;
        transport().write(ByteBuffer.wrap((config.version() + "\r\n").getBytes(StandardCharsets.US_ASCII)));
        sendKexInit();
    }

    /** Returns the peer's identification string, or null before it has arrived. */
    public @Nullable String peerVersion() {
        return peerVersion;
    }

    /** Returns the session identifier (the first exchange hash), or null before the first key exchange ends. */
    public byte @Nullable [] sessionId() {
        return sessionId == null ? null : sessionId.clone();
    }

    /** Returns what the last key exchange settled on, or null before the first. */
    @Nullable Negotiated negotiated() {
        return negotiated;
    }

    /** Returns how many key exchanges have ended. */
    public int kexCount() {
        return kexCount;
    }

    /** Whether a key exchange is under way. */
    public boolean isKexInProgress() {
        return ourKexInit != null;
    }

    /** Returns the service running, or null. */
    public @Nullable SshService service() {
        return service;
    }

    /** Returns the cipher used for packets sent and received, as {@code "in/out"} names, for logs and tests. */
    public String ciphersInUse() {
        Negotiated n = negotiated;
        return n == null ? "none" : n.kex().sshName() + " " + n.hostKeyAlgorithm() + " "
                + n.cipherClientToServer().sshName() + " " + (n.macClientToServer() == null ? "aead"
                        : n.macClientToServer().sshName());
    }

    /** Starts a service, stopping the one before it. */
    public void setService(SshService next) {
        SshService previous = service;
        if (previous != null) {
            previous.serviceStopped();
        }
        service = next;
        next.attach(this);
        next.serviceStarted();
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (disconnected) {
            return;
        }
        try {
            if (peerVersion == null && !readVersion(data)) {
                return;
            }
            reader.feed(data);
            readPackets();
        } catch (SshProtocolException | RuntimeException e) {
            readFailed(e);
        }
    }

    /** Ends the connection after what reading a packet threw, with the reason that fits. */
    private void readFailed(Exception e) {
        switch (e) {
            case SshProtocolException bad -> disconnect(bad.reason(), bad.getMessage());
            case IllegalArgumentException malformed -> disconnect(DisconnectReason.PROTOCOL_ERROR,
                    "Malformed packet: " + malformed.getMessage());
            default -> {
                LOG.failure("SSH connection with {peer} failed", new Failure(e), "peer", transport().getPeer());
                disconnect(DisconnectReason.BY_APPLICATION, "Internal error");
            }
        }
    }

    private void readPackets() throws SshProtocolException {
        while (!disconnected && !inputHeld && !transport().isDisconnecting() && reader.advance()) {
            byte[] array = reader.payloadArray();
            int offset = reader.payloadOffset();
            int length = reader.payloadLength();
            if (length > 0 && array[offset] == MSG_CHANNEL_DATA) {
                // The bulk of a connection: read in place, its handler takes what it needs during the call.
                dispatch(array, offset, length, reader.sequence() - 1);
            } else {
                dispatch(Arrays.copyOfRange(array, offset, offset + length), 0, length, reader.sequence() - 1);
            }
            checkRekey();
        }
    }

    /**
     * Stops handling the packets that arrive (they wait, undecrypted, and the socket stops being read) until
     * {@link #releaseInput()}: for a decision that takes time, such as asking a user about a host key.
     */
    protected final void holdInput() {
        if (!inputHeld) {
            inputHeld = true;
            transport().pauseProducing();
        }
    }

    /** Handles the packets that waited since {@link #holdInput()}, and reads the socket again. */
    protected final void releaseInput() {
        if (!inputHeld) {
            return;
        }
        inputHeld = false;
        if (disconnected) {
            return;
        }
        transport().resumeProducing();
        try {
            readPackets();
        } catch (SshProtocolException | RuntimeException e) {
            readFailed(e);
        }
    }

    /** Whether the connection has ended or is ending (a DISCONNECT sent or received, or the socket lost). */
    public boolean isDisconnected() {
        return disconnected;
    }

    private boolean readVersion(ByteBuffer data) throws SshProtocolException {
        while (data.hasRemaining()) {
            byte b = data.get();
            versionLine.write(b);
            if (b == '\n') {
                String line = versionLine.toString(StandardCharsets.ISO_8859_1);
                versionLine.reset();
                line = line.endsWith("\r\n") ? line.substring(0, line.length() - 2) : line.substring(0,
                        line.length() - 1);
                if (line.startsWith("SSH-")) {
                    if (!line.startsWith("SSH-2.0-") && !line.startsWith("SSH-1.99-")) {
                        versionMismatch();
                        return false;
                    }
                    peerVersion = line;
                    return true;
                }
                if (isServer() || ++preVersionLines > MAX_PRE_VERSION_LINES) {
                    versionMismatch();
                    return false;
                }
            } else if (versionLine.size() >= MAX_VERSION_LINE) {
                versionMismatch();
                return false;
            }
        }
        return false;
    }

    private void versionMismatch() {
        disconnected = true;
        LOG.info("SSH peer {peer} sent a bad identification", "peer", transport().getPeer());
        transport().write(ByteBuffer.wrap("Protocol mismatch.\r\n".getBytes(StandardCharsets.US_ASCII)));
        loseConnection();
    }

    /** Handles one packet: {@code length} octets of {@code payload} from {@code offset}, message number first. */
    private void dispatch(byte[] payload, int offset, int length, int sequence) throws SshProtocolException {
        if (length == 0) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "Empty packet");
        }
        int type = payload[offset] & 0xff;
        SshWire in = new SshWire(payload, offset + 1, length - 1);
        boolean initialKex = sessionId == null;
        if (initialKex && peerKexInit == null && type != KexInit.MSG_KEXINIT) {
            packetBeforeKexInit = true;
        }
        if (initialKex && strict && !(type == KexInit.MSG_KEXINIT || type == MSG_NEWKEYS
                || (type >= 30 && type <= 49) || type == MSG_DISCONNECT)) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                    "Message " + type + " during strict key exchange");
        }
        switch (type) {
            case MSG_DISCONNECT -> {
                long reason = in.uint32();
                disconnectReason = (int) Math.min(reason, Integer.MAX_VALUE);
                String description = in.utf8();
                LOG.info("SSH peer {peer} disconnected: {reason} {description}", "peer", transport().getPeer(),
                        "reason", reason, "description", description);
                loseConnection();
            }
            case MSG_IGNORE -> {
            }
            case MSG_UNIMPLEMENTED -> LOG.debug("SSH peer did not implement our packet {sequence}",
                    "sequence", in.uint32());
            case MSG_DEBUG -> {
                in.bool();
                LOG.debug("SSH peer debug message: {message}", "message", in.utf8());
            }
            case KexInit.MSG_KEXINIT -> kexInitReceived(payload);
            case MSG_NEWKEYS -> newKeysReceived();
            case MSG_SERVICE_REQUEST, MSG_SERVICE_ACCEPT, MSG_EXT_INFO -> {
                if (initialKex) {
                    throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                            "Message " + type + " before the key exchange");
                }
                transportServicePacket(type, in);
            }
            default -> {
                if (type >= 30 && type <= 49) {
                    if (peerKexInit == null) {
                        throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                                "Key exchange message " + type + " outside a key exchange");
                    }
                    if (ignoreNextKexPacket) {
                        ignoreNextKexPacket = false;
                        return;
                    }
                    kexPacket(type, in);
                } else if (type >= 50 && service != null && !initialKex) {
                    if (peerKexInit != null) {
                        throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                                "Message " + type + " during key exchange");
                    }
                    service.packetReceived(type, in);
                } else {
                    sendPacket(new SshWireWriter(8).byteValue(MSG_UNIMPLEMENTED).uint32(sequence).toByteArray());
                }
            }
        }
    }

    /**
     * Sends a packet (the payload with its message number first). During a key exchange, packets other than the
     * transport's own wait until this side's NEWKEYS has gone out.
     */
    public void sendPacket(byte[] payload) {
        if (disconnected) {
            return;
        }
        int type = payload[0] & 0xff;
        boolean transportMessage = type <= MSG_DEBUG || (type >= KexInit.MSG_KEXINIT && type <= 49);
        if (!transportMessage && (isKexInProgress() && !ourNewKeysSent || !held.isEmpty())) {
            held.add(payload);
            return;
        }
        writeNow(payload);
    }

    private void writeNow(byte[] payload) {
        transport().write(ByteBuffer.wrap(writer.write(payload, 0, payload.length)));
    }

    /** Returns the reason code of the DISCONNECT sent or received, or -1 if there was none. */
    public int disconnectReason() {
        return disconnectReason;
    }

    /**
     * Whether services should hold their output back: the connection's socket buffer is full, or a key exchange
     * holds their packets until this side's NEWKEYS (then {@link SshService#writeResumed()} follows).
     */
    public boolean isWritePaused() {
        return writePaused || isKexInProgress() && !ourNewKeysSent;
    }

    /** Closes the connection once what is written has gone out. */
    public void loseConnection() {
        disconnected = true;
        cancelRekey();   // no key exchange after this: the timer must not outlive the connection's last turn
        unregister();
        transport().loseConnection();
    }

    private void cancelRekey() {
        if (rekeyTimer != null && rekeyTimer.active()) {
            rekeyTimer.cancel();
        }
        rekeyTimer = null;
    }

    private void unregister() {
        if (producerRegistered) {
            producerRegistered = false;
            transport().unregisterProducer();
        }
    }

    /** Whether packets are waiting for a key exchange to end. */
    public boolean hasHeldPackets() {
        return !held.isEmpty();
    }

    /** Sends {@code SSH_MSG_IGNORE} with the given data. */
    public void sendIgnore(byte[] data) {
        sendPacket(new SshWireWriter().byteValue(MSG_IGNORE).string(data).toByteArray());
    }

    /** Sends {@code SSH_MSG_DEBUG}. */
    public void sendDebug(String message, boolean alwaysDisplay) {
        sendPacket(new SshWireWriter().byteValue(MSG_DEBUG).bool(alwaysDisplay).utf8(message).name("")
                .toByteArray());
    }

    /**
     * Sends {@code SSH_MSG_DISCONNECT} and closes the connection; logs one line. Calling it again does nothing.
     *
     * @param reason a {@link DisconnectReason} code
     * @param description why, for the peer's user
     */
    public void disconnect(int reason, String description) {
        if (disconnected) {
            return;
        }
        disconnectReason = reason;
        LOG.info("SSH disconnecting {peer}: {reason} {description}", "peer", transport().getPeer(),
                "reason", reason, "description", description);
        writeNow(new SshWireWriter().byteValue(MSG_DISCONNECT).uint32(reason).utf8(description).name("")
                .toByteArray());
        loseConnection();
    }

    /** Starts a new key exchange now, unless one is under way. */
    public void rekey() {
        if (!isKexInProgress() && !disconnected && sessionId != null) {
            sendKexInit();
        }
    }

    private void checkRekey() {
        if (sessionId != null && !isKexInProgress()
                && (reader.bytesSinceKeys() + writer.bytesSinceKeys() >= config.rekeyBytes()
                        || reader.packetsSinceKeys() + writer.packetsSinceKeys() >= 1L << 31)) {
            sendKexInit();
        }
    }

    private void sendKexInit() {
        byte[] cookie = new byte[16];
        RANDOM.nextBytes(cookie);
        List<String> ciphers = config.ciphers().stream().map(CipherAlgorithm::sshName).toList();
        List<String> macs = config.macs().stream().map(MacAlgorithm::sshName).toList();
        List<String> compression = config.compression().stream().map(CompressionAlgorithm::sshName).toList();
        KexInit init = new KexInit(cookie, offeredKex(), offeredHostKeyAlgorithms(), ciphers, ciphers, macs, macs,
                compression, compression, List.of(), List.of(), false);
        byte[] payload = init.toPayload();
        ourKexInit = payload;
        ourNewKeysSent = false;
        writeNow(payload);
    }

    private void kexInitReceived(byte[] payload) throws SshProtocolException {
        if (peerKexInit != null) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "KEXINIT during key exchange");
        }
        KexInit theirs = KexInit.parse(payload);
        peerKexInit = payload;
        if (!isKexInProgress()) {
            sendKexInit();
        }
        KexInit ours = KexInit.parse(ourKexInit);
        Negotiated n = isServer() ? Negotiated.negotiate(theirs, ours, sessionId == null)
                : Negotiated.negotiate(ours, theirs, sessionId == null);
        if (sessionId == null && n.strictKex() && packetBeforeKexInit) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                    "Strict key exchange: KEXINIT was not the first packet");
        }
        if (sessionId == null) {
            strict = n.strictKex();
        }
        ignoreNextKexPacket = theirs.firstKexPacketFollows() && n.guessWrong();
        negotiated = n;
        if (n.cipherClientToServer().mode() == CipherAlgorithm.Mode.GCM
                || n.cipherServerToClient().mode() == CipherAlgorithm.Mode.GCM) {
            GcmWarmUp.start();
        }
        kexNegotiated(n);
    }

    /** The client's and server's identification strings and KEXINIT payloads, in exchange hash order. */
    private byte[] hashPrefix() {
        String ourVersion = config.version();
        String clientVersion = isServer() ? peerVersion : ourVersion;
        String serverVersion = isServer() ? ourVersion : peerVersion;
        byte[] clientInit = isServer() ? peerKexInit : ourKexInit;
        byte[] serverInit = isServer() ? ourKexInit : peerKexInit;
        return new SshWireWriter(2048).name(clientVersion).name(serverVersion).string(clientInit)
                .string(serverInit).toByteArray();
    }

    /**
     * Computes the exchange hash H (RFC 4253 section 8, RFC 4419 section 3, RFC 5656 section 4).
     *
     * @param hostKeyBlob K_S
     * @param groupParameters the group exchange's min, n, max, p, g in wire form, or an empty array
     * @param clientPublic e or Q_C in wire form
     * @param serverPublic f or Q_S in wire form
     * @param k the shared secret
     */
    protected final byte[] exchangeHash(byte[] hostKeyBlob, byte[] groupParameters, byte[] clientPublic,
            byte[] serverPublic, BigInteger k) {
        return exchangeHash(hostKeyBlob, groupParameters, clientPublic, serverPublic,
                new SshWireWriter().mpint(k).toByteArray());
    }

    /**
     * Computes the exchange hash H with the shared secret already in its wire form (an {@code mpint}, or the
     * {@code string} the hybrid post-quantum methods use).
     */
    protected final byte[] exchangeHash(byte[] hostKeyBlob, byte[] groupParameters, byte[] clientPublic,
            byte[] serverPublic, byte[] sharedSecret) {
        MessageDigest digest = digest();
        digest.update(hashPrefix());
        digest.update(new SshWireWriter().string(hostKeyBlob).toByteArray());
        digest.update(groupParameters);
        digest.update(clientPublic);
        digest.update(serverPublic);
        digest.update(sharedSecret);
        return digest.digest();
    }

    private MessageDigest digest() {
        try {
            return MessageDigest.getInstance(negotiated.kex().hash());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Ends this side's part of the key exchange: derives the keys, sends NEWKEYS and switches the outgoing keys.
     *
     * @param k the shared secret
     * @param h the exchange hash
     */
    protected final void sendNewKeys(BigInteger k, byte[] h) {
        sendNewKeys(new SshWireWriter().mpint(k).toByteArray(), h);
    }

    /**
     * Ends this side's part of the key exchange with the shared secret already in its wire form.
     *
     * @param kEncoded K as the exchange hash took it
     * @param h the exchange hash
     */
    protected final void sendNewKeys(byte[] kEncoded, byte[] h) {
        boolean first = sessionId == null;
        if (first) {
            sessionId = h.clone();
        }
        Negotiated n = negotiated;
        DirectionKeys clientToServer = derive(kEncoded, h, n.cipherClientToServer(), n.macClientToServer(), 'A');
        DirectionKeys serverToClient = derive(kEncoded, h, n.cipherServerToClient(), n.macServerToClient(), 'B');
        writeNow(new byte[] {(byte) MSG_NEWKEYS});
        writer.setKeys(isServer() ? serverToClient : clientToServer);
        writer.setCompression(isServer() ? n.compressionServerToClient() : n.compressionClientToServer(),
                authenticatedOut);
        if (strict) {
            writer.resetSequence();
        }
        pendingIn = isServer() ? clientToServer : serverToClient;
        ourNewKeysSent = true;
        newKeysSent(first);
        while (!held.isEmpty()) {
            byte[] next = held.poll();
            if (next == START_COMPRESSION) {
                startCompressionOut();
            } else {
                writeNow(next);
            }
        }
        SshService running = service;
        if (running != null && !writePaused) {
            running.writeResumed();
        }
    }

    private DirectionKeys derive(byte[] k, byte[] h, CipherAlgorithm cipher, @Nullable MacAlgorithm mac,
            char ivLetter) {
        byte[] iv = expand(k, h, ivLetter, cipher.ivLength());
        byte[] key = expand(k, h, (char) (ivLetter + 2), cipher.keyLength());
        byte[] macKey = mac == null ? new byte[0] : expand(k, h, (char) (ivLetter + 4), mac.length());
        return new DirectionKeys(cipher, mac, iv, key, macKey);
    }

    /** Key derivation of RFC 4253 section 7.2: HASH(K || H || X || session_id), extended as needed. */
    private byte[] expand(byte[] k, byte[] h, char letter, int length) {
        MessageDigest digest = digest();
        digest.update(k);
        digest.update(h);
        digest.update((byte) letter);
        digest.update(sessionId);
        byte[] out = digest.digest();
        while (out.length < length) {
            digest.update(k);
            digest.update(h);
            digest.update(out);
            byte[] more = digest.digest();
            byte[] longer = Arrays.copyOf(out, out.length + more.length);
            System.arraycopy(more, 0, longer, out.length, more.length);
            out = longer;
        }
        return Arrays.copyOf(out, length);
    }

    private void newKeysReceived() throws SshProtocolException {
        DirectionKeys in = pendingIn;
        if (in == null || !ourNewKeysSent) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "NEWKEYS before the key exchange ended");
        }
        reader.setKeys(in);
        reader.setCompression(isServer() ? negotiated.compressionClientToServer()
                : negotiated.compressionServerToClient(), authenticatedIn);
        if (strict) {
            reader.resetSequence();
        }
        pendingIn = null;
        ourKexInit = null;
        peerKexInit = null;
        boolean first = firstKex;
        firstKex = false;
        kexCount++;
        scheduleRekey();
        kexCompleted(first);
    }

    private void scheduleRekey() {
        cancelRekey();
        rekeyTimer = config.rekeySeconds() > 0 ? clock.callLater(config.rekeySeconds(), this::rekey) : null;
    }

    /**
     * Marks user authentication as done, which starts OpenSSH's delayed compression ({@code zlib@openssh.com})
     * where it was negotiated: at once for the packets received, and for the packets sent after those already
     * queued (so a server's {@code USERAUTH_SUCCESS}, sent just before, goes out uncompressed). The server calls
     * it right after sending {@code USERAUTH_SUCCESS}, the client right after receiving it.
     */
    public void userAuthenticated() {
        if (authenticatedIn) {
            return;
        }
        authenticatedIn = true;
        reader.startDelayedCompression();
        if (!held.isEmpty() || isKexInProgress() && !ourNewKeysSent) {
            held.add(START_COMPRESSION);
        } else {
            startCompressionOut();
        }
    }

    private void startCompressionOut() {
        authenticatedOut = true;
        writer.startDelayedCompression();
    }

    /** Returns whether payloads are compressed, as {@code "in/out"} with each side's {@code zlib} or {@code none}. */
    public String compressionInUse() {
        return (reader.isCompressing() ? "zlib" : "none") + "/" + (writer.isCompressing() ? "zlib" : "none");
    }

    @Override
    public void connectionLost(Failure reason) {
        reader.stopCompression();
        writer.stopCompression();
        disconnected = true;
        producerRegistered = false;
        cancelRekey();
        SshService running = service;
        if (running != null) {
            running.serviceStopped();
        }
    }
}
