package org.twisted4j.conch.transport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.keys.BadKeyException;
import org.twisted4j.conch.keys.Certificate;
import org.twisted4j.cred.SSHSignatureVerifier;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorTime;

/**
 * The client side of the SSH transport (Twisted's {@code SSHClientTransport}): it runs the key exchange, checks
 * the server's signature with cred's {@link SSHSignatureVerifier} and asks a {@link HostKeyVerifier} whether the
 * key is trusted (handling no packet until it has answered), then requests its first service (normally user
 * authentication) and starts it once accepted. A rekeying must show the same host key.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class SshClientTransport extends SshTransport {
    /** The host key algorithms offered, most preferred first. */
    public static final List<String> HOST_KEY_ALGORITHMS = List.of("ssh-ed25519", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256");

    /** The host certificate algorithms a client offers, first, for hosts an {@code @cert-authority} line covers. */
    public static final List<String> HOST_CERTIFICATE_ALGORITHMS = List.of("ssh-ed25519-cert-v01@openssh.com",
            "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
            "ecdsa-sha2-nistp521-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com",
            "rsa-sha2-256-cert-v01@openssh.com");

    /** The group sizes asked for in the group exchange: min, preferred, max. */
    static final int[] GEX_SIZES = {2048, 3072, 8192};

    private final HostKeyVerifier verifier;
    private final SshService firstService;
    private final List<String> hostKeyAlgorithms;
    private @Nullable KeyAgreement agreement;
    private byte @Nullable [] groupParameters;
    private List<String> serverSigAlgs = List.of();
    private byte @Nullable [] hostKeyBlob;
    private @Nullable Throwable hostKeyRefusal;

    /**
     * Makes a client transport.
     *
     * @param config the algorithms and limits
     * @param clock the clock for rekeying by time
     * @param verifier decides whether the server's key is trusted
     * @param firstService the service to request once the first key exchange has ended
     */
    public SshClientTransport(TransportConfig config, ReactorTime clock, HostKeyVerifier verifier,
            SshService firstService) {
        this(config, clock, verifier, firstService, HOST_KEY_ALGORITHMS);
    }

    /**
     * Makes a client transport offering the given host key algorithms.
     *
     * @param hostKeyAlgorithms the host key algorithms, most preferred first
     */
    public SshClientTransport(TransportConfig config, ReactorTime clock, HostKeyVerifier verifier,
            SshService firstService, List<String> hostKeyAlgorithms) {
        super(config, clock);
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.firstService = Objects.requireNonNull(firstService, "firstService");
        this.hostKeyAlgorithms = List.copyOf(hostKeyAlgorithms);
    }

    /** Returns the public key algorithms the server announced in {@code server-sig-algs}, or an empty list. */
    public List<String> serverSigAlgs() {
        return serverSigAlgs;
    }

    @Override
    protected final boolean isServer() {
        return false;
    }

    @Override
    protected List<String> offeredKex() {
        List<String> names = new ArrayList<>();
        for (KexAlgorithm kex : config.kex()) {
            names.add(kex.sshName());
        }
        names.add(Negotiated.EXT_INFO_CLIENT);
        names.add(Negotiated.STRICT_CLIENT);
        return names;
    }

    @Override
    protected List<String> offeredHostKeyAlgorithms() {
        return hostKeyAlgorithms;
    }

    @Override
    void kexNegotiated(Negotiated negotiated) {
        groupParameters = null;
        if (negotiated.kex().isGroupExchange()) {
            agreement = null;
            sendPacket(new SshWireWriter().byteValue(34).uint32(GEX_SIZES[0]).uint32(GEX_SIZES[1])
                    .uint32(GEX_SIZES[2]).toByteArray());
        } else {
            agreement = negotiated.kex().newAgreement();
            sendPacket(new SshWireWriter().byteValue(30).raw(agreement.publicValue()).toByteArray());
        }
    }

    @Override
    protected void kexPacket(int messageNumber, SshWire in) throws SshProtocolException {
        Negotiated n = negotiated();
        if (n.kex().isGroupExchange() && agreement == null && messageNumber == 31) {
            java.math.BigInteger p = in.mpint();
            java.math.BigInteger g = in.mpint();
            int bits = p.bitLength();
            if (bits < GEX_SIZES[0] || bits > GEX_SIZES[2] || g.compareTo(java.math.BigInteger.ONE) <= 0
                    || g.compareTo(p) >= 0) {
                throw new SshProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED,
                        "Server's group of " + bits + " bits refused");
            }
            groupParameters = new SshWireWriter().uint32(GEX_SIZES[0]).uint32(GEX_SIZES[1]).uint32(GEX_SIZES[2])
                    .mpint(p).mpint(g).toByteArray();
            agreement = KeyAgreement.dh(p, g, 512);
            sendPacket(new SshWireWriter().byteValue(32).raw(agreement.publicValue()).toByteArray());
            return;
        }
        int expected = n.kex().isGroupExchange() ? 33 : 31;
        if (messageNumber != expected || agreement == null) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                    "Unexpected key exchange message " + messageNumber);
        }
        byte[] blob = in.string();
        KeyAgreement.Agreed agreed = agreement.agree(in);
        byte[] signature = in.string();
        if (!in.atEnd()) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "Trailing data in key exchange");
        }
        byte[] h = exchangeHash(blob, groupParameters == null ? new byte[0] : groupParameters,
                agreement.publicValue(), agreed.peerPublic(), agreed.sharedSecret());
        if (!hostKeySignatureValid(n.hostKeyAlgorithm(), blob, h, signature)) {
            throw new SshProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "Bad host key signature");
        }
        agreement = null;
        byte[] known = hostKeyBlob;
        if (known != null) {
            if (!Arrays.equals(known, blob)) {
                throw new SshProtocolException(DisconnectReason.HOST_KEY_NOT_VERIFIABLE,
                        "Host key changed during rekeying");
            }
            sendNewKeys(agreed.sharedSecret(), h);
            return;
        }
        Deferred<Boolean> trusted;
        try {
            trusted = verifier.check(blob.clone(), String.valueOf(transport().getPeer()));
        } catch (RuntimeException e) {
            trusted = Deferred.fail(e);
        }
        boolean[] answered = {false};
        trusted.addCallbacks(ok -> {
            answered[0] = true;
            if (isDisconnected()) {
                return null;
            }
            if (Boolean.TRUE.equals(ok)) {
                hostKeyBlob = blob;
                sendNewKeys(agreed.sharedSecret(), h);
                releaseInput();
            } else {
                refuseHostKey(new HostKeyRefused("Host key not trusted"));
            }
            return null;
        }, failure -> {
            answered[0] = true;
            refuseHostKey(failure.value());
            return null;
        });
        if (!answered[0]) {
            // The verifier asks someone: nothing from the server is handled until it answers.
            holdInput();
        }
    }

    private void refuseHostKey(Throwable why) {
        hostKeyRefusal = why;
        disconnect(DisconnectReason.HOST_KEY_NOT_VERIFIABLE, "Host key not trusted: " + why.getMessage());
    }

    /** Returns the server's host key blob once it has been trusted, or null before. */
    public byte @Nullable [] hostKeyBlob() {
        return hostKeyBlob == null ? null : hostKeyBlob.clone();
    }

    /**
     * Returns why the server's host key was refused (the verifier's exception, or a {@link HostKeyRefused}), or
     * null if it was not.
     */
    public @Nullable Throwable hostKeyRefusal() {
        return hostKeyRefusal;
    }

    @Override
    protected void kexCompleted(boolean first) {
        if (first) {
            sendPacket(new SshWireWriter().byteValue(MSG_SERVICE_REQUEST).name(firstService.name()).toByteArray());
        }
    }

    @Override
    protected void transportServicePacket(int messageNumber, SshWire in) throws SshProtocolException {
        switch (messageNumber) {
            case MSG_SERVICE_ACCEPT -> {
                String name = in.name();
                if (!name.equals(firstService.name()) || service() != null) {
                    throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "Unexpected service " + name);
                }
                setService(firstService);
            }
            case MSG_EXT_INFO -> {
                long count = in.uint32();
                for (long i = 0; i < count; i++) {
                    String name = in.name();
                    byte[] value = in.string();
                    if (name.equals("server-sig-algs")) {
                        serverSigAlgs = new SshWire(new SshWireWriter().string(value).toByteArray()).nameList();
                    }
                }
            }
            default -> throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                    "Unexpected message " + messageNumber);
        }
    }

    /**
     * Whether the exchange hash is signed by the host key; for a host certificate algorithm, by the certified key
     * with the plain algorithm (whether the certificate is trusted is the {@link HostKeyVerifier}'s question).
     */
    private static boolean hostKeySignatureValid(String algorithm, byte[] blob, byte[] h, byte[] signature) {
        Optional<String> plain = Certificate.signatureAlgorithm(algorithm);
        if (plain.isEmpty()) {
            return new SSHSignatureVerifier().verify(algorithm, blob, h, signature);
        }
        try {
            Certificate cert = Certificate.fromBlob(blob);
            boolean typeMatches = cert.typeName().equals(algorithm) || plain.get().startsWith("rsa-sha2-")
                    && cert.typeName().equals("ssh-rsa-cert-v01@openssh.com");
            return typeMatches
                    && new SSHSignatureVerifier().verify(plain.get(), cert.key().publicBlob(), h, signature);
        } catch (BadKeyException e) {
            return false;
        }
    }
}
