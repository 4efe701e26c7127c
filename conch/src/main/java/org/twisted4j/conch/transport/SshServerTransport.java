package org.twisted4j.conch.transport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.internet.ReactorTime;

/**
 * The server side of the SSH transport (Twisted's {@code SSHServerTransport}): it answers the client's key
 * exchange with a signature by one of its {@link HostKey}s, announces {@code server-sig-algs} to clients that ask
 * for {@code ext-info} (RFC 8308), and starts the services clients request by name ({@code ssh-userauth}, which
 * then starts {@code ssh-connection}).
 *
 * <pre>{@code
 * SshServerTransport transport = new SshServerTransport(new TransportConfig(), reactor, List.of(hostKey),
 *         Map.of("ssh-userauth", t -> new UserAuthServer(...)), Moduli.defaults());
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class SshServerTransport extends SshTransport {
    /** The public key algorithms announced in {@code server-sig-algs}, OpenSSH user certificates included. */
    public static final List<String> SERVER_SIG_ALGS = List.of("ssh-ed25519", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256",
            "ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com",
            "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521-cert-v01@openssh.com",
            "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com");

    private static final int MSG_KEXDH_INIT = 30;
    private static final int MSG_KEXDH_REPLY = 31;
    private static final int MSG_KEX_DH_GEX_REQUEST = 34;
    private static final int MSG_KEX_DH_GEX_GROUP = 31;
    private static final int MSG_KEX_DH_GEX_INIT = 32;
    private static final int MSG_KEX_DH_GEX_REPLY = 33;

    private final List<HostKey> hostKeys;
    private final Map<String, Function<SshServerTransport, SshService>> services;
    private final Moduli moduli;
    private byte @Nullable [] groupParameters;
    private @Nullable KeyAgreement gexAgreement;

    /**
     * Makes a server transport.
     *
     * @param config the algorithms and limits
     * @param clock the clock for rekeying by time
     * @param hostKeys the host keys, at least one
     * @param services the services by name, each made on request
     * @param moduli the groups for the group exchange
     * @throws IllegalArgumentException if there is no host key
     */
    public SshServerTransport(TransportConfig config, ReactorTime clock, List<HostKey> hostKeys,
            Map<String, Function<SshServerTransport, SshService>> services, Moduli moduli) {
        super(config, clock);
        if (hostKeys.isEmpty()) {
            throw new IllegalArgumentException("a server needs a host key");
        }
        this.hostKeys = List.copyOf(hostKeys);
        this.services = new LinkedHashMap<>(services);
        this.moduli = Objects.requireNonNull(moduli, "moduli");
    }

    @Override
    protected final boolean isServer() {
        return true;
    }

    @Override
    protected List<String> offeredKex() {
        List<String> names = new ArrayList<>();
        for (KexAlgorithm kex : config.kex()) {
            if (kex != KexAlgorithm.DH_GEX_SHA256 || moduli.size() > 0) {
                names.add(kex.sshName());
            }
        }
        names.add("ext-info-s");
        names.add(Negotiated.STRICT_SERVER);
        return names;
    }

    @Override
    protected List<String> offeredHostKeyAlgorithms() {
        List<String> names = new ArrayList<>();
        for (HostKey key : hostKeys) {
            for (String algorithm : key.algorithms()) {
                if (!names.contains(algorithm)) {
                    names.add(algorithm);
                }
            }
        }
        return names;
    }

    private HostKey hostKeyFor(String algorithm) {
        for (HostKey key : hostKeys) {
            if (key.algorithms().contains(algorithm)) {
                return key;
            }
        }
        throw new IllegalStateException("no host key signs as " + algorithm);
    }

    @Override
    void kexNegotiated(Negotiated negotiated) {
        groupParameters = null;
        gexAgreement = null;
    }

    @Override
    protected void kexPacket(int messageNumber, SshWire in) throws SshProtocolException {
        Negotiated n = negotiated();
        if (n.kex().isGroupExchange()) {
            if (messageNumber == MSG_KEX_DH_GEX_REQUEST && groupParameters == null) {
                int min = (int) Math.min(in.uint32(), Integer.MAX_VALUE);
                int preferred = (int) Math.min(in.uint32(), Integer.MAX_VALUE);
                int max = (int) Math.min(in.uint32(), Integer.MAX_VALUE);
                if (min > preferred || preferred > max) {
                    throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "Bad group exchange request");
                }
                Moduli.Group group = moduli.choose(Math.max(min, Moduli.MIN_BITS), preferred, max);
                if (group == null) {
                    throw new SshProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED,
                            "No group between " + min + " and " + max + " bits");
                }
                groupParameters = new SshWireWriter().uint32(min).uint32(preferred).uint32(max)
                        .mpint(group.prime()).mpint(group.generator()).toByteArray();
                gexAgreement = KeyAgreement.dh(group.prime(), group.generator(), 512);
                sendPacket(new SshWireWriter().byteValue(MSG_KEX_DH_GEX_GROUP).mpint(group.prime())
                        .mpint(group.generator()).toByteArray());
            } else if (messageNumber == MSG_KEX_DH_GEX_INIT && gexAgreement != null) {
                reply(n, gexAgreement, groupParameters, in, MSG_KEX_DH_GEX_REPLY);
            } else {
                throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                        "Unexpected key exchange message " + messageNumber);
            }
        } else if (messageNumber == MSG_KEXDH_INIT) {
            reply(n, n.kex().newAgreement(), new byte[0], in, MSG_KEXDH_REPLY);
        } else {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                    "Unexpected key exchange message " + messageNumber);
        }
    }

    private void reply(Negotiated n, KeyAgreement agreement, byte[] parameters, SshWire in, int replyNumber)
            throws SshProtocolException {
        KeyAgreement.Agreed agreed = agreement.agree(in);
        if (!in.atEnd()) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "Trailing data in key exchange");
        }
        HostKey key = hostKeyFor(n.hostKeyAlgorithm());
        byte[] blob = key.publicBlob();
        byte[] serverPublic = agreement.publicValue();
        byte[] k = agreed.sharedSecret();
        byte[] h = exchangeHash(blob, parameters, agreed.peerPublic(), serverPublic, k);
        byte[] signature = key.sign(n.hostKeyAlgorithm(), h);
        sendPacket(new SshWireWriter(blob.length + serverPublic.length + signature.length + 16).byteValue(replyNumber)
                .string(blob).raw(serverPublic).string(signature).toByteArray());
        gexAgreement = null;
        sendNewKeys(k, h);
    }

    @Override
    protected void newKeysSent(boolean first) {
        Negotiated n = negotiated();
        if (first && n.clientWantsExtInfo()) {
            sendPacket(new SshWireWriter().byteValue(MSG_EXT_INFO).uint32(1).name("server-sig-algs")
                    .nameList(SERVER_SIG_ALGS).toByteArray());
        }
    }

    @Override
    protected void transportServicePacket(int messageNumber, SshWire in) throws SshProtocolException {
        switch (messageNumber) {
            case MSG_SERVICE_REQUEST -> {
                String name = in.name();
                Function<SshServerTransport, SshService> factory = services.get(name);
                if (factory == null || service() != null) {
                    throw new SshProtocolException(DisconnectReason.SERVICE_NOT_AVAILABLE,
                            "Service not available: " + name);
                }
                sendPacket(new SshWireWriter().byteValue(MSG_SERVICE_ACCEPT).name(name).toByteArray());
                setService(factory.apply(this));
            }
            case MSG_EXT_INFO -> {
                // Clients' extensions (none that this server acts on) are read and ignored.
            }
            default -> throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                    "Unexpected message " + messageNumber);
        }
    }
}
