package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

/** AUTHINFO USER/PASS through cred and the 480, 481, 482, 483 and 502 answers, on a StringTransport. */
class NntpSecurityTest {

    NntpServerFactory factory;
    MemoryNewsStorage userStorage;
    StringTransport transport;
    NntpServer server;

    @BeforeEach
    void setUp() {
        Clock clock = new Clock();
        MemoryNewsStorage storage = new MemoryNewsStorage(WallClock.of(clock))
                .addGroup("local.public", PostingStatus.ALLOWED, "", null);
        userStorage = new MemoryNewsStorage(WallClock.of(clock)).addGroup("local.members", PostingStatus.ALLOWED, "", null);
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse();
        users.addUser("alice", "secret");
        factory = new NntpServerFactory(storage, clock).setWallClock(WallClock.of(clock))
                .setPortal(new Portal(new NewsRealm(userStorage), users));
        connect();
    }

    void connect() {
        transport = new StringTransport();
        server = (NntpServer) factory.buildProtocol(StringTransport.DEFAULT_PEER);
        server.makeConnection(transport);
    }

    String line(String command) {
        transport.clear();
        server.dataReceived(ByteBuffer.wrap((command + "\r\n").getBytes(ISO_8859_1)));
        return transport.valueAsString(ISO_8859_1);
    }

    @Test
    void aLoginSwitchesToTheUsersStorage() {
        assertThat(line("CAPABILITIES")).contains("\r\nAUTHINFO USER\r\n").doesNotContain("STARTTLS");
        assertThat(line("GROUP local.public")).startsWith("211 ");
        assertThat(line("AUTHINFO PASS secret")).isEqualTo("482 Authentication commands issued out of sequence\r\n");
        assertThat(line("AUTHINFO USER alice")).isEqualTo("381 Password required\r\n");
        assertThat(line("AUTHINFO PASS wrong")).isEqualTo("481 Authentication failed\r\n");
        assertThat(line("AUTHINFO USER alice")).isEqualTo("381 Password required\r\n");
        assertThat(line("AUTHINFO PASS secret")).isEqualTo("281 Authentication accepted\r\n");
        assertThat(line("STAT")).isEqualTo("412 No newsgroup selected\r\n");
        assertThat(line("GROUP local.members")).startsWith("211 ");
        assertThat(line("GROUP local.public")).isEqualTo("411 No such newsgroup\r\n");
        assertThat(line("AUTHINFO USER alice")).isEqualTo("502 Command unavailable\r\n");
        assertThat(line("CAPABILITIES")).doesNotContain("AUTHINFO");
        assertThat(line("AUTHINFO SASL PLAIN")).isEqualTo("501 Only AUTHINFO USER and PASS are offered\r\n");
        assertThat(line("STARTTLS")).isEqualTo("502 STARTTLS not available\r\n");
    }

    @Test
    void requiredLoginsAnswer480AndRequiredTlsAnswers483() {
        factory.setRequireAuthentication(true);
        connect();
        assertThat(line("GROUP local.public")).isEqualTo("480 Authentication required\r\n");
        assertThat(line("POST")).isEqualTo("480 Authentication required\r\n");
        assertThat(line("DATE")).startsWith("111 ");
        assertThat(line("AUTHINFO USER alice")).startsWith("381");
        assertThat(line("AUTHINFO PASS secret")).startsWith("281");
        assertThat(line("GROUP local.members")).startsWith("211 ");

        factory.setRequireTlsForAuthentication(true);
        connect();
        assertThat(line("CAPABILITIES")).doesNotContain("AUTHINFO");
        assertThat(line("AUTHINFO USER alice")).isEqualTo("483 Encryption required; use STARTTLS first\r\n");
    }
}
