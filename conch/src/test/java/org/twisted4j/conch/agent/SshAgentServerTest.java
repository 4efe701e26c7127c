package org.twisted4j.conch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.testing.StringTransport;

/** The agent server's answers, byte for byte on a StringTransport playing the client. */
class SshAgentServerTest {

    private static final Key ED25519 = Key.generate(KeyType.ED25519);
    private static final Key ECDSA = Key.generate(KeyType.ECDSA_P256);
    private static final Key RSA = Key.generate(KeyType.RSA, 2048);

    private final AgentKeyring keyring = new AgentKeyring();
    private final StringTransport transport = new StringTransport();
    private final SshAgentServer server = new SshAgentServer(keyring);

    SshAgentServerTest() {
        server.makeConnection(transport);
    }

    /** Sends one request (split at {@code cut}) and gives the one answer it got. */
    private SshWire ask(SshWireWriter request, int cut) {
        byte[] framed = new SshWireWriter().string(request.toByteArray()).toByteArray();
        int at = Math.min(cut, framed.length);
        server.dataReceived(ByteBuffer.wrap(framed, 0, at));
        server.dataReceived(ByteBuffer.wrap(framed, at, framed.length - at));
        SshWire out = new SshWire(transport.value());
        transport.clear();
        SshWire answer = new SshWire(out.string());
        assertThat(out.atEnd()).isTrue();
        return answer;
    }

    private SshWire ask(SshWireWriter request) {
        return ask(request, Integer.MAX_VALUE);
    }

    private static SshWireWriter add(Key key, String comment) {
        return key.writePrivateFields(new SshWireWriter().byteValue(AgentCodec.ADD_IDENTITY)).utf8(comment);
    }

    private static SshWireWriter message(int type) {
        return new SshWireWriter().byteValue(type);
    }

    private List<String> listed() {
        SshWire answer = ask(message(AgentCodec.REQUEST_IDENTITIES));
        assertThat(answer.byteValue()).isEqualTo(AgentCodec.IDENTITIES_ANSWER);
        long count = answer.uint32();
        List<String> comments = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            answer.string();
            comments.add(answer.utf8());
        }
        return comments;
    }

    @Test
    void keysAddedAreListedAndSignWithTheAlgorithmTheFlagsAsk() {
        for (int cut = 0; cut < 10; cut++) {
            assertThat(ask(add(ED25519, "ed"), cut).byteValue()).isEqualTo(AgentCodec.SUCCESS);
        }
        assertThat(ask(add(ECDSA, "ec")).byteValue()).isEqualTo(AgentCodec.SUCCESS);
        assertThat(ask(add(RSA, "rsa")).byteValue()).isEqualTo(AgentCodec.SUCCESS);
        assertThat(listed()).containsExactly("ed", "ec", "rsa");

        byte[] data = "sign me".getBytes(StandardCharsets.UTF_8);
        record Case(Key key, int flags, String algorithm) {
        }
        for (Case c : List.of(new Case(ED25519, 0, "ssh-ed25519"), new Case(ECDSA, 0, "ecdsa-sha2-nistp256"),
                new Case(RSA, AgentCodec.RSA_SHA2_256, "rsa-sha2-256"),
                new Case(RSA, AgentCodec.RSA_SHA2_512, "rsa-sha2-512"), new Case(RSA, 0, "ssh-rsa"))) {
            SshWire answer = ask(message(AgentCodec.SIGN_REQUEST).string(c.key().publicBlob()).string(data)
                    .uint32(c.flags()));
            assertThat(answer.byteValue()).isEqualTo(AgentCodec.SIGN_RESPONSE);
            byte[] signature = answer.string();
            assertThat(new SshWire(signature).name()).isEqualTo(c.algorithm());
            assertThat(c.key().verify(c.algorithm(), data, signature)).isTrue();
        }
        Key stranger = Key.generate(KeyType.ED25519);
        assertThat(ask(message(AgentCodec.SIGN_REQUEST).string(stranger.publicBlob()).string(data).uint32(0))
                .byteValue()).isEqualTo(AgentCodec.FAILURE);
    }

    @Test
    void removeOneThenAll() {
        ask(add(ED25519, "ed"));
        ask(add(ECDSA, "ec"));
        assertThat(ask(message(AgentCodec.REMOVE_IDENTITY).string(ED25519.publicBlob())).byteValue())
                .isEqualTo(AgentCodec.SUCCESS);
        assertThat(ask(message(AgentCodec.REMOVE_IDENTITY).string(ED25519.publicBlob())).byteValue())
                .isEqualTo(AgentCodec.FAILURE);
        assertThat(listed()).containsExactly("ec");
        assertThat(ask(message(AgentCodec.REMOVE_ALL_IDENTITIES)).byteValue()).isEqualTo(AgentCodec.SUCCESS);
        assertThat(listed()).isEmpty();
    }

    @Test
    void aLockedAgentListsNothingAndSignsNothingUntilUnlockedWithTheSamePassphrase() {
        ask(add(ED25519, "ed"));
        assertThat(ask(message(AgentCodec.LOCK).utf8("pass")).byteValue()).isEqualTo(AgentCodec.SUCCESS);
        assertThat(ask(message(AgentCodec.LOCK).utf8("pass")).byteValue()).isEqualTo(AgentCodec.FAILURE);
        assertThat(listed()).isEmpty();
        assertThat(ask(message(AgentCodec.SIGN_REQUEST).string(ED25519.publicBlob()).string(new byte[1]).uint32(0))
                .byteValue()).isEqualTo(AgentCodec.FAILURE);
        assertThat(ask(add(ECDSA, "ec")).byteValue()).isEqualTo(AgentCodec.FAILURE);
        assertThat(ask(message(AgentCodec.REMOVE_ALL_IDENTITIES)).byteValue()).isEqualTo(AgentCodec.FAILURE);
        assertThat(ask(message(AgentCodec.UNLOCK).utf8("wrong")).byteValue()).isEqualTo(AgentCodec.FAILURE);
        assertThat(ask(message(AgentCodec.UNLOCK).utf8("pass")).byteValue()).isEqualTo(AgentCodec.SUCCESS);
        assertThat(ask(message(AgentCodec.UNLOCK).utf8("pass")).byteValue()).isEqualTo(AgentCodec.FAILURE);
        assertThat(listed()).containsExactly("ed");
    }

    @Test
    void unknownMalformedAndConstrainedRequestsFail() {
        assertThat(ask(message(99)).byteValue()).isEqualTo(AgentCodec.FAILURE);
        assertThat(ask(message(AgentCodec.EXTENSION).utf8("session-bind@openssh.com")).byteValue())
                .isEqualTo(AgentCodec.FAILURE);
        assertThat(ask(message(AgentCodec.SIGN_REQUEST).uint32(1000)).byteValue()).isEqualTo(AgentCodec.FAILURE);
        assertThat(ask(message(AgentCodec.ADD_IDENTITY).utf8("ssh-dss").uint32(0)).byteValue())
                .isEqualTo(AgentCodec.FAILURE);
        assertThat(ask(add(ED25519, "ed").byteValue(0)).byteValue()).isEqualTo(AgentCodec.FAILURE);
        SshWireWriter constrained = ED25519.writePrivateFields(message(AgentCodec.ADD_ID_CONSTRAINED)).utf8("c")
                .byteValue(1).uint32(60);
        assertThat(ask(constrained).byteValue()).isEqualTo(AgentCodec.FAILURE);
        assertThat(listed()).isEmpty();
        assertThat(transport.isDisconnecting()).isFalse();
    }

    @Test
    void anOversizedOrEmptyMessageEndsTheConnection() {
        server.dataReceived(ByteBuffer.wrap(new SshWireWriter().uint32(AgentCodec.MAX_MESSAGE + 1).toByteArray()));
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(transport.value()).isEmpty();
        server.dataReceived(ByteBuffer.wrap(new byte[] {0, 0, 0, 5, 11}));
        assertThat(transport.value()).isEmpty();

        StringTransport other = new StringTransport();
        new SshAgentServer(keyring).makeConnection(other);
        SshAgentServer empty = new SshAgentServer(keyring);
        empty.makeConnection(other);
        empty.dataReceived(ByteBuffer.wrap(new byte[] {0, 0, 0, 0}));
        assertThat(other.isDisconnecting()).isTrue();
    }

    @Test
    void theClientTalksToTheServer() {
        keyring.add(ED25519, "id_ed25519");
        SshAgentClient client = new SshAgentClient();
        StringTransport toServer = new StringTransport();
        client.makeConnection(toServer);
        List<Object> got = new ArrayList<>();
        client.requestIdentities().addCallback(got::add);
        client.sign(ED25519.toPublic(), "ssh-ed25519", new byte[] {7}).addCallback(got::add);
        server.dataReceived(ByteBuffer.wrap(toServer.value()));
        client.dataReceived(ByteBuffer.wrap(transport.value()));
        assertThat(got.get(0)).isEqualTo(List.of(new AgentIdentity(ED25519.toPublic(), "id_ed25519")));
        assertThat(ED25519.verify("ssh-ed25519", new byte[] {7}, (byte[]) got.get(1))).isTrue();
    }
}
