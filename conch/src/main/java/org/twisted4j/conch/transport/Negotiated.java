package org.twisted4j.conch.transport;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a key exchange settled on (RFC 4253 section 7.1: for each list, the client's first choice the server also
 * has), and the OpenSSH extensions both sides signalled.
 *
 * @param kex the key exchange method
 * @param hostKeyAlgorithm the host key signature algorithm
 * @param cipherClientToServer the cipher, client to server
 * @param cipherServerToClient the cipher, server to client
 * @param macClientToServer the MAC, client to server, or null for an AEAD cipher
 * @param macServerToClient the MAC, server to client, or null for an AEAD cipher
 * @param strictKex whether both sides offered strict key exchange ({@code kex-strict-*-v00@openssh.com})
 * @param clientWantsExtInfo whether the client offered {@code ext-info-c}
 * @param guessWrong whether the sender's guessed first packet, if any, must be ignored
 * @param compressionClientToServer the compression, client to server
 * @param compressionServerToClient the compression, server to client
 */
record Negotiated(KexAlgorithm kex, String hostKeyAlgorithm, CipherAlgorithm cipherClientToServer,
        CipherAlgorithm cipherServerToClient, @Nullable MacAlgorithm macClientToServer,
        @Nullable MacAlgorithm macServerToClient, boolean strictKex, boolean clientWantsExtInfo, boolean guessWrong,
        CompressionAlgorithm compressionClientToServer, CompressionAlgorithm compressionServerToClient) {

    static final String STRICT_CLIENT = "kex-strict-c-v00@openssh.com";
    static final String STRICT_SERVER = "kex-strict-s-v00@openssh.com";
    static final String EXT_INFO_CLIENT = "ext-info-c";

    /**
     * Settles the algorithms.
     *
     * @param client the client's KEXINIT
     * @param server the server's KEXINIT
     * @param firstKex whether this is the connection's first key exchange (strict KEX is only agreed there)
     * @throws SshProtocolException with {@link DisconnectReason#KEY_EXCHANGE_FAILED} if some list has nothing in
     *     common
     */
    static Negotiated negotiate(KexInit client, KexInit server, boolean firstKex) throws SshProtocolException {
        String kexName = choose("key exchange", client.kex(), server.kex());
        KexAlgorithm kex = KexAlgorithm.forName(kexName);
        if (kex == null) {
            throw fail("no common key exchange method");
        }
        String hostKey = choose("host key", client.hostKey(), server.hostKey());
        CipherAlgorithm c2s = CipherAlgorithm.forName(choose("cipher", client.ciphersClientToServer(),
                server.ciphersClientToServer()));
        CipherAlgorithm s2c = CipherAlgorithm.forName(choose("cipher", client.ciphersServerToClient(),
                server.ciphersServerToClient()));
        if (c2s == null || s2c == null) {
            throw fail("no common cipher");
        }
        MacAlgorithm macC2s = c2s.isAead() ? null : MacAlgorithm.forName(choose("MAC", client.macsClientToServer(),
                server.macsClientToServer()));
        MacAlgorithm macS2c = s2c.isAead() ? null : MacAlgorithm.forName(choose("MAC", client.macsServerToClient(),
                server.macsServerToClient()));
        if ((!c2s.isAead() && macC2s == null) || (!s2c.isAead() && macS2c == null)) {
            throw fail("no common MAC");
        }
        CompressionAlgorithm zipC2s = CompressionAlgorithm.forName(choose("compression",
                client.compressionClientToServer(), server.compressionClientToServer()));
        CompressionAlgorithm zipS2c = CompressionAlgorithm.forName(choose("compression",
                client.compressionServerToClient(), server.compressionServerToClient()));
        if (zipC2s == null || zipS2c == null) {
            throw fail("no common compression");
        }
        boolean strict = firstKex && client.kex().contains(STRICT_CLIENT) && server.kex().contains(STRICT_SERVER);
        boolean guessWrong = !client.kex().isEmpty() && !server.kex().isEmpty()
                && (!client.kex().get(0).equals(server.kex().get(0))
                        || client.hostKey().isEmpty() || server.hostKey().isEmpty()
                        || !client.hostKey().get(0).equals(server.hostKey().get(0)));
        return new Negotiated(kex, hostKey, c2s, s2c, macC2s, macS2c, strict,
                firstKex && client.kex().contains(EXT_INFO_CLIENT), guessWrong, zipC2s, zipS2c);
    }

    private static String choose(String what, List<String> client, List<String> server) throws SshProtocolException {
        for (String name : client) {
            if (server.contains(name)) {
                return name;
            }
        }
        throw fail("no common " + what + " algorithm (client " + client + ", server " + server + ")");
    }

    private static SshProtocolException fail(String why) {
        return new SshProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, why);
    }
}
