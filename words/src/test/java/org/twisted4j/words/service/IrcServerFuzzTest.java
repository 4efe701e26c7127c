package org.twisted4j.words.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.words.irc.IrcMessage;
import org.twisted4j.words.irc.IrcParseException;

/**
 * Fuzzes the IRC server with what a client may send: two connections, one registered and in #twisted, the other
 * fed the fuzz input in pieces, with the clock moving between them. Invariants: no exception escapes the
 * protocol; every line the server writes to either connection parses as an IRC message and fits 512 bytes (the
 * limit a client may rely on); the other connection stays open; what the server keeps per connection stays
 * bounded (its users and channels do not grow past what one connection can make).
 */
class IrcServerFuzzTest {

    @FuzzTest
    void serverAnswersAnyInputWithParsableLines(FuzzedDataProvider data) throws IrcParseException {
        Clock clock = new Clock();
        ChatService service = new ChatService("irc.fuzz");
        service.createGroup("twisted");
        service.setCreateGroupOnRequest(data.consumeBoolean());
        service.setMaxChannels(5);
        Portal portal = new Portal(service, new InMemoryUsernamePasswordDatabaseDontUse(Map.of("alice", "pw")));
        IrcServerFactory factory = new IrcServerFactory(service, clock, data.consumeBoolean() ? portal : null);
        StringTransport otherTransport = new StringTransport();
        Protocol other = factory.buildProtocol(otherTransport.getPeer());
        other.makeConnection(otherTransport);
        other.dataReceived(ByteBuffer.wrap("PASS pw\r\nNICK alice\r\nUSER a 0 * :A\r\nJOIN #twisted\r\n".getBytes(StandardCharsets.UTF_8)));
        StringTransport transport = new StringTransport();
        Protocol fuzzed = factory.buildProtocol(transport.getPeer());
        fuzzed.makeConnection(transport);
        while (data.remainingBytes() > 0 && !transport.isDisconnecting()) {
            fuzzed.dataReceived(ByteBuffer.wrap(data.consumeBytes(data.consumeInt(1, 600))));
            clock.advance(data.consumeInt(0, 3));
            checkLines(transport.value());
            transport.clear();
        }
        checkLines(otherTransport.value());
        assertThat(otherTransport.isDisconnecting()).isFalse();
        assertThat(service.channels.size()).isLessThanOrEqualTo(1 + 5);
        assertThat(service.users.size()).isLessThanOrEqualTo(2);
    }

    private static void checkLines(byte[] written) throws IrcParseException {
        String all = new String(written, StandardCharsets.UTF_8);
        if (all.isEmpty()) {
            return;
        }
        assertThat(all).endsWith("\r\n");
        for (String line : all.split("\r\n")) {
            String body = line.startsWith("@") ? line.substring(line.indexOf(' ') + 1) : line;
            assertThat(body.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(IrcMessage.MAX_BODY_BYTES);
            IrcMessage.parse(line);
        }
    }
}
