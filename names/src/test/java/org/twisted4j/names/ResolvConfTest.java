package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolvConfTest {

    @Test
    void readsServersSearchAndOptions() {
        ResolvConf conf = ResolvConf.parse("""
                # written by a DHCP client
                nameserver 192.0.2.53
                nameserver 2001:db8::53 ; the second
                search example.com corp.example.com
                options ndots:2 timeout:3 attempts:4 rotate
                """);
        assertThat(conf.nameservers()).containsExactly("192.0.2.53", "2001:db8::53");
        assertThat(conf.search()).containsExactly(Name.of("example.com"), Name.of("corp.example.com"));
        assertThat(conf.ndots()).isEqualTo(2);
        assertThat(conf.timeout()).isEqualTo(3);
        assertThat(conf.attempts()).isEqualTo(4);
    }

    @Test
    void withoutServersItAsksTheLocalHostAsTwistedDoes() {
        assertThat(ResolvConf.parse("").nameservers()).containsExactly("127.0.0.1");
        assertThat(ResolvConf.parse("nameserver dns.example.com\n").nameservers()).containsExactly("127.0.0.1");
        assertThat(ResolvConf.read(Path.of("/nonexistent/resolv.conf"))).isEqualTo(ResolvConf.defaults());
    }

    @Test
    void domainAndSearchReplaceEachOtherTheLastWinning() {
        assertThat(ResolvConf.parse("search a.example b.example\ndomain c.example\n").search())
                .containsExactly(Name.of("c.example"));
        assertThat(ResolvConf.parse("domain c.example\nsearch a.example\n").search())
                .containsExactly(Name.of("a.example"));
    }

    @Test
    void limitsAreTheCLibrarys() {
        ResolvConf conf = ResolvConf.parse("""
                nameserver 192.0.2.1
                nameserver 192.0.2.2
                nameserver 192.0.2.3
                nameserver 192.0.2.4
                search a b c d e f g h
                options ndots:99 timeout:0 attempts:100
                """);
        assertThat(conf.nameservers()).hasSize(3);
        assertThat(conf.search()).hasSize(6);
        assertThat(conf.ndots()).isEqualTo(15);
        assertThat(conf.timeout()).isEqualTo(1);
        assertThat(conf.attempts()).isEqualTo(5);
    }

    @Test
    void badValuesAreIgnored() {
        ResolvConf conf = ResolvConf.parse("nameserver 999.1.1.1\noptions ndots:x timeout: attempts:-1\nsearch a..b\n");
        assertThat(conf).isEqualTo(ResolvConf.defaults());
    }

    @Test
    void writtenBackItReadsTheSame() {
        ResolvConf conf = new ResolvConf(List.of("192.0.2.1", "::1"), List.of(Name.of("example.com")), 3, 7, 1);
        assertThat(ResolvConf.parse(conf.toText())).isEqualTo(conf);
    }
}
