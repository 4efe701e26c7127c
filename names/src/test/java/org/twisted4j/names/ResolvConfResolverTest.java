package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.Address;
import org.twisted4j.testing.MemoryReactor;

class ResolvConfResolverTest {
    @TempDir
    Path dir;

    private final MemoryReactor reactor = new MemoryReactor();

    private Path write(Path file, String text, long modified) throws IOException {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(modified)));
        return file;
    }

    private static List<String> servers(ResolvConfResolver resolver) {
        return resolver.current().servers().stream().map(Address::toString).toList();
    }

    private static String udp(String host) {
        return DnsClient.address(host, DnsClient.PORT).toString();
    }

    @Test
    void aChangedFileIsReadAgainAfterTheCheckInterval() throws IOException {
        Path conf = write(dir.resolve("resolv.conf"), "nameserver 192.0.2.1\n", 1_000);
        ResolvConfResolver resolver = new ResolvConfResolver(reactor, reactor, reactor, List.of(), conf);
        assertThat(servers(resolver)).containsExactly(udp("192.0.2.1"));
        write(conf, "nameserver 192.0.2.2\nnameserver 192.0.2.3\n", 2_000);
        reactor.advance(ResolvConfResolver.CHECK_INTERVAL - 1);
        assertThat(servers(resolver)).containsExactly(udp("192.0.2.1"));
        reactor.advance(1);
        assertThat(servers(resolver)).containsExactly(udp("192.0.2.2"), udp("192.0.2.3"));
        Files.delete(conf);
        reactor.advance(ResolvConfResolver.CHECK_INTERVAL);
        assertThat(servers(resolver)).containsExactly(udp("127.0.0.1"));
    }

    @Test
    void serversGivenInJavaComeFirstAndStandAloneWithoutAFile() throws IOException {
        Address mine = DnsClient.address("198.51.100.53", 5353);
        Path conf = write(dir.resolve("resolv.conf"), "nameserver 192.0.2.1\n", 1_000);
        assertThat(servers(new ResolvConfResolver(reactor, reactor, reactor, List.of(mine), conf)))
                .containsExactly(mine.toString(), udp("192.0.2.1"));
        assertThat(servers(new ResolvConfResolver(reactor, reactor, reactor, List.of(mine), dir.resolve("none"))))
                .containsExactly(mine.toString());
        assertThat(servers(new ResolvConfResolver(reactor, reactor, reactor, List.of(), dir.resolve("none"))))
                .containsExactly(udp("127.0.0.1"));
    }
}
