package org.twisted4j.conch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.cred.SshWire;
import org.twisted4j.testing.StringTransport;

/**
 * Fuzzes the agent server's message parser ({@link AgentCodec.Reader} and {@link SshAgentServer}'s requests).
 *
 * <p>Invariants: no exception escapes {@code dataReceived}; the bytes written are the same however the input is
 * cut (at one point the fuzzer chooses); every answer is a whole framed message of a type the server sends
 * (FAILURE, SUCCESS, IDENTITIES_ANSWER or SIGN_RESPONSE); what waits in the reader never passes one message.
 */
class SshAgentServerFuzzTest {

    private static final Key KEY = Key.generate(KeyType.ED25519);

    @FuzzTest
    void requestsAreAnsweredTheSameHoweverSplit(FuzzedDataProvider data) {
        int cut = data.consumeInt(0, 1 << 16);
        byte[] stream = data.consumeRemainingAsBytes();
        cut = Math.min(cut, stream.length);
        StringTransport whole = serve(stream, stream.length);
        StringTransport split = serve(stream, cut);
        assertThat(split.value()).isEqualTo(whole.value());
        assertThat(split.isDisconnecting()).isEqualTo(whole.isDisconnecting());
        SshWire answers = new SshWire(whole.value());
        while (!answers.atEnd()) {
            SshWire answer = new SshWire(answers.string());
            assertThat(answer.byteValue()).isIn(AgentCodec.FAILURE, AgentCodec.SUCCESS,
                    AgentCodec.IDENTITIES_ANSWER, AgentCodec.SIGN_RESPONSE);
        }
    }

    @FuzzTest
    void theReaderHoldsAtMostOneMessage(FuzzedDataProvider data) {
        AgentCodec.Reader reader = new AgentCodec.Reader();
        while (data.remainingBytes() > 0) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 4096));
            try {
                reader.read(ByteBuffer.wrap(chunk), message -> assertThat(message.length)
                        .isBetween(1, AgentCodec.MAX_MESSAGE));
            } catch (AgentException e) {
                assertThat(reader.buffered()).isZero();
                return;
            }
            assertThat(reader.buffered()).isLessThan(AgentCodec.MAX_MESSAGE + 4);
        }
    }

    private static StringTransport serve(byte[] stream, int cut) {
        AgentKeyring keyring = new AgentKeyring();
        keyring.add(KEY, "fuzz");
        StringTransport transport = new StringTransport();
        SshAgentServer server = new SshAgentServer(keyring);
        server.makeConnection(transport);
        server.dataReceived(ByteBuffer.wrap(stream, 0, cut));
        server.dataReceived(ByteBuffer.wrap(stream, cut, stream.length - cut));
        return transport;
    }
}
