package org.twisted4j.words.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.application.Service;
import org.twisted4j.application.UsageError;
import org.twisted4j.internet.Protocol;
import org.twisted4j.testing.MemoryReactor;
import org.twisted4j.testing.StringTransport;

class WordsPluginTest {

    private final MemoryReactor reactor = new MemoryReactor();
    private final WordsPlugin plugin = new WordsPlugin();

    private Service make(String... args) {
        return plugin.makeService(reactor, plugin.options().parse(List.of(args)));
    }

    private Protocol connect() {
        IrcServerFactory factory = (IrcServerFactory) reactor.tcpServers().get(0).factory();
        StringTransport transport = new StringTransport();
        Protocol p = factory.buildProtocol(transport.getPeer());
        p.makeConnection(transport);
        return p;
    }

    @Test
    void groupsAuthAndPortAreTwistedsOptions() {
        make("--irc-port", "tcp:6697:interface=127.0.0.1", "--group", "twisted", "--group", "#java",
                "--auth", "memory:alice:pw", "--hostname", "irc.example").startService();
        assertThat(reactor.tcpServers()).singleElement().satisfies(s -> assertThat(s.port()).isEqualTo(6697));
        IrcServerFactory factory = (IrcServerFactory) reactor.tcpServers().get(0).factory();
        assertThat(factory.service().groupNames()).containsExactly("#java", "#twisted");
        assertThat(factory.service().name()).isEqualTo("irc.example");
        StringTransport transport = new StringTransport();
        Protocol p = factory.buildProtocol(transport.getPeer());
        p.makeConnection(transport);
        p.dataReceived(ByteBuffer.wrap("PASS nope\r\nNICK alice\r\nUSER a 0 * :A\r\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(transport.valueAsString(StandardCharsets.UTF_8)).startsWith(":irc.example 464 alice :Password incorrect");
    }

    @Test
    void withoutOptionsItServesAnyoneOn6667() {
        make().startService();
        assertThat(reactor.tcpServers()).singleElement().satisfies(s -> assertThat(s.port()).isEqualTo(6667));
        Protocol p = connect();
        p.dataReceived(ByteBuffer.wrap("NICK bob\r\nUSER b 0 * :B\r\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(((IrcServerSession) p).registered()).isTrue();
    }

    @Test
    void refusedOptionsAreUsageErrors() {
        assertThatThrownBy(() -> make("--pb-port", "tcp:8787")).isInstanceOf(UsageError.class).hasMessageContaining("--pb-port");
        assertThatThrownBy(() -> make("--group", "bad name")).isInstanceOf(UsageError.class).hasMessageContaining("--group bad name");
        assertThatThrownBy(() -> make("--flood-rate", "x")).isInstanceOf(UsageError.class);
        assertThatThrownBy(() -> make("--auth", "nosuch:x")).isInstanceOf(UsageError.class);
        assertThatThrownBy(() -> make("--irc-port", "nonsense:1")).isInstanceOf(UsageError.class).hasMessageContaining("--irc-port");
    }
}
