package org.twisted4j.conch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.testing.StringTransport;

/** The agent client's messages and its handling of answers, on a StringTransport playing the agent. */
class SshAgentClientTest {

    private static final Key KEY = Key.generate(KeyType.ED25519);

    private final StringTransport transport = new StringTransport();
    private final SshAgentClient client = new SshAgentClient();

    SshAgentClientTest() {
        client.makeConnection(transport);
    }

    private void answer(SshWireWriter message, int splitAt) {
        byte[] body = message.toByteArray();
        byte[] framed = new SshWireWriter().string(body).toByteArray();
        int cut = Math.min(splitAt, framed.length);
        client.dataReceived(ByteBuffer.wrap(framed, 0, cut));
        client.dataReceived(ByteBuffer.wrap(framed, cut, framed.length - cut));
    }

    @Test
    void identitiesAndSignaturesWhateverTheSplit() {
        for (int split = 0; split < 12; split++) {
            List<Object> got = new ArrayList<>();
            client.requestIdentities().addCallback(got::add);
            client.sign(KEY, "ssh-ed25519", new byte[] {1, 2, 3}).addCallback(got::add);
            SshWire sent = new SshWire(transport.value());
            assertThat(sent.string()).containsExactly(SshAgentClient.REQUEST_IDENTITIES);
            SshWire sign = new SshWire(sent.string());
            assertThat(sign.byteValue()).isEqualTo(SshAgentClient.SIGN_REQUEST);
            assertThat(sign.string()).isEqualTo(KEY.publicBlob());
            transport.clear();
            answer(new SshWireWriter().byteValue(SshAgentClient.IDENTITIES_ANSWER).uint32(2)
                    .string(KEY.publicBlob()).utf8("id_ed25519")
                    .string(new SshWireWriter().name("ssh-dss").toByteArray()).utf8("old"), split);
            byte[] signature = KEY.sign("ssh-ed25519", new byte[] {1, 2, 3});
            answer(new SshWireWriter().byteValue(SshAgentClient.SIGN_RESPONSE).string(signature), split);
            assertThat(got).hasSize(2);
            assertThat(got.get(0)).isEqualTo(List.of(new AgentIdentity(KEY.toPublic(), "id_ed25519")));
            assertThat((byte[]) got.get(1)).isEqualTo(signature);
        }
    }

    @Test
    void aRefusalFailsOnlyItsRequest() {
        List<Object> got = new ArrayList<>();
        client.sign(KEY, "ssh-ed25519", new byte[0]).addCallbacks(got::add, failure -> got.add(failure.value()));
        answer(new SshWireWriter().byteValue(SshAgentClient.FAILURE), 0);
        assertThat(got).singleElement().isInstanceOf(AgentException.class);
        assertThat(transport.isDisconnecting()).isFalse();
    }

    @Test
    void anOversizedOrUnaskedAnswerEndsTheConnection() {
        List<Object> got = new ArrayList<>();
        client.requestIdentities().addCallbacks(got::add, failure -> got.add(failure.value()));
        client.dataReceived(ByteBuffer.wrap(new byte[] {0x7f, 0, 0, 0}));
        assertThat(transport.isDisconnecting()).isTrue();
        client.connectionLost(new Failure(new ConnectionDone()));
        assertThat(got).singleElement().isInstanceOf(AgentException.class);
        assertThat(((Throwable) got.get(0)).getMessage()).contains("octets");

        SshAgentClient other = new SshAgentClient();
        StringTransport otherTransport = new StringTransport();
        other.makeConnection(otherTransport);
        other.dataReceived(ByteBuffer.wrap(new SshWireWriter().string(new byte[] {12}).toByteArray()));
        assertThat(otherTransport.isDisconnecting()).isTrue();
    }
}
