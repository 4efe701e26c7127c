package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;

class HostsResolverTest {
    @TempDir
    Path dir;

    static <T> Object outcome(Deferred<T> deferred) {
        AtomicReference<Object> seen = new AtomicReference<>();
        deferred.addCallbacks(value -> {
            seen.set(value);
            return null;
        }, (Failure failure) -> {
            seen.set(failure.value());
            return null;
        });
        return seen.get();
    }

    private Path hosts(String text) throws IOException {
        Path file = dir.resolve("hosts");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void namesAndAliasesGiveTheirAddressesWhateverTheCase() throws IOException {
        HostsResolver resolver = new HostsResolver(hosts("""
                # comment line
                127.0.0.1   localhost
                192.0.2.10  Server.Example.  www alias # trailing comment
                192.0.2.11  server.example
                2001:db8::1 server.example
                not-an-ip   broken.example
                """));
        LookupResult result = (LookupResult) outcome(resolver.lookupAddress("SERVER.example"));
        assertThat(result.answers()).extracting(ResourceRecord::data)
                .containsExactly(ARecord.of("192.0.2.10"), ARecord.of("192.0.2.11"));
        assertThat(result.answers()).extracting(ResourceRecord::ttl).containsOnly(HostsResolver.DEFAULT_TTL);
        assertThat(result.answers()).extracting(ResourceRecord::name).containsOnly(Name.of("SERVER.example"));
        assertThat(((LookupResult) outcome(resolver.lookupAddress("ALIAS"))).answers()).extracting(ResourceRecord::data)
                .containsExactly(ARecord.of("192.0.2.10"));
        assertThat(((LookupResult) outcome(resolver.lookupIPV6Address("server.example"))).answers())
                .extracting(ResourceRecord::data).containsExactly(AaaaRecord.of("2001:db8::1"));
        assertThat(((LookupResult) outcome(resolver.lookupAllRecords("server.example"))).answers())
                .extracting(ResourceRecord::data).containsExactly(ARecord.of("192.0.2.10"), ARecord.of("192.0.2.11"));
        assertThat(outcome(resolver.lookupAddress("broken.example"))).isInstanceOf(DnsNameError.class);
        assertThat(outcome(resolver.lookupIPV6Address("localhost"))).isInstanceOf(DnsNameError.class);
    }

    @Test
    void aTtlCanBeGiven() throws IOException {
        HostsResolver resolver = new HostsResolver(hosts("192.0.2.1 a.example\n"), 60);
        assertThat(((LookupResult) outcome(resolver.lookupAddress("a.example"))).answers())
                .extracting(ResourceRecord::ttl).containsExactly(60L);
    }

    @Test
    void otherTypesAreNotServed() throws IOException {
        HostsResolver resolver = new HostsResolver(hosts("192.0.2.1 a.example\n"));
        assertThat(outcome(resolver.lookupMailExchange("a.example"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theFileIsReadAgainWhenItChanges() throws IOException {
        Path file = hosts("192.0.2.1 a.example\n");
        HostsResolver resolver = new HostsResolver(file);
        assertThat(outcome(resolver.lookupAddress("b.example"))).isInstanceOf(DnsNameError.class);

        Files.writeString(file, "192.0.2.2 b.example\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        assertThat(((LookupResult) outcome(resolver.lookupAddress("b.example"))).answers())
                .extracting(ResourceRecord::data).containsExactly(ARecord.of("192.0.2.2"));
        assertThat(outcome(resolver.lookupAddress("a.example"))).isInstanceOf(DnsNameError.class);

        Files.delete(file);
        assertThat(outcome(resolver.lookupAddress("b.example"))).isInstanceOf(DnsNameError.class);
    }

    @Test
    void getHostByNameGivesTheFirstAddress() throws IOException {
        HostsResolver resolver = new HostsResolver(hosts("192.0.2.7 a.example\n192.0.2.8 a.example\n"));
        assertThat(outcome(resolver.getHostByName("a.example"))).isEqualTo("192.0.2.7");
    }
}
