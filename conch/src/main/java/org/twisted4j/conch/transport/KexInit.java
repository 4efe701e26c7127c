package org.twisted4j.conch.transport;

import java.util.List;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;

/**
 * An {@code SSH_MSG_KEXINIT} message (RFC 4253 section 7.1): the cookie and the ten name-lists each side
 * prefers, and whether a guessed key exchange packet follows.
 *
 * @param cookie 16 random octets
 * @param kex the key exchange methods
 * @param hostKey the host key signature algorithms
 * @param ciphersClientToServer ciphers, client to server
 * @param ciphersServerToClient ciphers, server to client
 * @param macsClientToServer MACs, client to server
 * @param macsServerToClient MACs, server to client
 * @param compressionClientToServer compression, client to server
 * @param compressionServerToClient compression, server to client
 * @param languagesClientToServer languages, client to server
 * @param languagesServerToClient languages, server to client
 * @param firstKexPacketFollows whether the sender's guessed first key exchange packet follows
 */
record KexInit(byte[] cookie, List<String> kex, List<String> hostKey, List<String> ciphersClientToServer,
        List<String> ciphersServerToClient, List<String> macsClientToServer, List<String> macsServerToClient,
        List<String> compressionClientToServer, List<String> compressionServerToClient,
        List<String> languagesClientToServer, List<String> languagesServerToClient, boolean firstKexPacketFollows) {

    /** The message number. */
    static final int MSG_KEXINIT = 20;

    /**
     * Parses the payload of a KEXINIT, message number included.
     *
     * @throws SshProtocolException with {@link DisconnectReason#PROTOCOL_ERROR} if it is malformed
     */
    static KexInit parse(byte[] payload) throws SshProtocolException {
        try {
            SshWire in = new SshWire(payload);
            if (in.byteValue() != MSG_KEXINIT || in.remaining() < 16) {
                throw new IllegalArgumentException("not a KEXINIT");
            }
            byte[] cookie = new byte[16];
            for (int i = 0; i < 16; i++) {
                cookie[i] = (byte) in.byteValue();
            }
            KexInit init = new KexInit(cookie, in.nameList(), in.nameList(), in.nameList(), in.nameList(),
                    in.nameList(), in.nameList(), in.nameList(), in.nameList(), in.nameList(), in.nameList(),
                    in.bool());
            in.uint32();
            return init;
        } catch (IllegalArgumentException e) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "Bad KEXINIT: " + e.getMessage());
        }
    }

    /** Returns the payload, message number included. */
    byte[] toPayload() {
        return new SshWireWriter(512).byteValue(MSG_KEXINIT).raw(cookie).nameList(kex).nameList(hostKey)
                .nameList(ciphersClientToServer).nameList(ciphersServerToClient).nameList(macsClientToServer)
                .nameList(macsServerToClient).nameList(compressionClientToServer)
                .nameList(compressionServerToClient).nameList(languagesClientToServer)
                .nameList(languagesServerToClient).bool(firstKexPacketFollows).uint32(0).toByteArray();
    }
}
