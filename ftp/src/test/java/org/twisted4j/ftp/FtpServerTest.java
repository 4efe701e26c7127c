package org.twisted4j.ftp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.cred.AllowAnonymousAccess;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PullProducer;
import org.twisted4j.testing.MemoryReactor;
import org.twisted4j.testing.StringTransport;

/** The server's control connection, byte for byte, on a StringTransport with a MemoryReactor's clock. */
class FtpServerTest {

    static final IPv4Address CLIENT = new IPv4Address(AddressType.TCP, "192.168.1.1", 54321);
    static final IPv4Address SERVER = new IPv4Address(AddressType.TCP, "10.0.0.1", 21);

    @TempDir
    Path dir;
    Path pub;
    Path home;
    MemoryReactor reactor;
    FtpServerFactory factory;
    StringTransport transport;
    FtpServer server;

    @BeforeEach
    void setUp() throws Exception {
        pub = Files.createDirectories(dir.resolve("pub"));
        home = Files.createDirectories(dir.resolve("alice"));
        Files.writeString(pub.resolve("readme.txt"), "line one\nline two\n");
        Files.writeString(dir.resolve("secret.txt"), "outside the root");
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse();
        users.addUser("alice", "secret");
        FtpRealm realm = new FtpRealm(pub).addUser("alice", home, EnumSet.allOf(FtpPermission.class));
        reactor = new MemoryReactor();
        factory = new FtpServerFactory(reactor, reactor, new Portal(realm, users, new AllowAnonymousAccess()));
        transport = new StringTransport(SERVER, CLIENT);
        server = (FtpServer) factory.buildProtocol(CLIENT);
        server.makeConnection(transport);
    }

    String send(String line) {
        transport.clear();
        server.dataReceived(ByteBuffer.wrap((line + "\r\n").getBytes(UTF_8)));
        return transport.valueAsString(UTF_8);
    }

    void anonymous() {
        assertThat(send("USER anonymous")).isEqualTo("331 Guest login ok, type your email address as password.\r\n");
        assertThat(send("PASS me@example.com")).isEqualTo("230 Anonymous login ok, access restrictions apply.\r\n");
    }

    void alice() {
        assertThat(send("USER alice")).isEqualTo("331 Password required for alice.\r\n");
        assertThat(send("PASS secret")).isEqualTo("230 User logged in, proceed.\r\n");
    }

    @Test
    void greetsThenRequiresLogin() {
        assertThat(transport.valueAsString(UTF_8)).isEqualTo("220 twisted4j FTP server ready.\r\n");
        assertThat(send("PWD")).isEqualTo("530 Please login with USER and PASS.\r\n");
        assertThat(send("SYST")).isEqualTo("215 UNIX Type: L8\r\n");
        assertThat(send("NOOP")).isEqualTo("200 NOOP ok.\r\n");
    }

    @Test
    void anonymousNavigatesItsOwnRootOnly() {
        anonymous();
        assertThat(send("PWD")).isEqualTo("257 \"/\" is the current directory.\r\n");
        assertThat(send("CWD ..")).isEqualTo("550 ..: Invalid path.\r\n");
        assertThat(send("CWD /../..")).isEqualTo("550 /../..: Invalid path.\r\n");
        assertThat(send("SIZE ../secret.txt")).isEqualTo("550 ../secret.txt: Invalid path.\r\n");
        assertThat(send("SIZE readme.txt")).isEqualTo("213 18\r\n");
        assertThat(send("SIZE %2e%2e/secret.txt")).startsWith("550 ");
        assertThat(send("CDUP")).isEqualTo("250 Directory changed to \"/\".\r\n");
    }

    @Test
    void symlinkOutOfTheRootIsRefused() throws Exception {
        Files.createSymbolicLink(pub.resolve("escape"), dir);
        Files.createSymbolicLink(pub.resolve("dangling"), dir.resolve("created-outside"));
        anonymous();
        assertThat(send("CWD escape")).startsWith("550 ");
        assertThat(send("SIZE escape/secret.txt")).startsWith("550 ");
        assertThat(send("QUIT")).isEqualTo("221 Goodbye.\r\n");
        setUp2();
        alice2(dir.resolve("alice"));
    }

    private void setUp2() {
        transport = new StringTransport(SERVER, CLIENT);
        server = (FtpServer) factory.buildProtocol(CLIENT);
        server.makeConnection(transport);
    }

    private void alice2(Path aliceHome) throws Exception {
        Files.createSymbolicLink(aliceHome.resolve("dangling"), dir.resolve("created-outside"));
        Files.createSymbolicLink(aliceHome.resolve("out"), dir);
        alice();
        send("PORT 192,168,1,1,200,10");
        assertThat(send("STOR dangling")).startsWith("550 ");
        assertThat(send("STOR out/new.txt")).startsWith("550 ");
        assertThat(send("MKD out/newdir")).startsWith("550 ");
        assertThat(Files.exists(dir.resolve("created-outside"))).isFalse();
        assertThat(Files.exists(dir.resolve("new.txt"))).isFalse();
        assertThat(Files.exists(dir.resolve("newdir"))).isFalse();
    }

    @Test
    void storeIntoReadOnlyRootIs550AndWritesNothing() {
        anonymous();
        send("PORT 192,168,1,1,200,10");
        assertThat(send("STOR upload.txt")).isEqualTo("550 /upload.txt: Permission denied.\r\n");
        assertThat(send("MKD dir")).isEqualTo("550 /dir: Permission denied.\r\n");
        assertThat(send("DELE readme.txt")).isEqualTo("550 /readme.txt: Permission denied.\r\n");
        assertThat(pub.resolve("upload.txt")).doesNotExist();
        assertThat(reactor.tcpClients()).isEmpty();
    }

    @Test
    void tenThousandCharacterCommandIs500AndTheConnectionStaysUsable() {
        anonymous();
        assertThat(send("RETR " + "x".repeat(10_000))).isEqualTo("500 Command line too long.\r\n");
        assertThat(send("NOOP")).isEqualTo("200 NOOP ok.\r\n");
    }

    @Test
    void rntoWithoutRnfrIs503() throws Exception {
        alice();
        assertThat(send("RNTO b")).isEqualTo("503 Bad sequence of commands: RNFR required first.\r\n");
        Files.writeString(home.resolve("a"), "a");
        assertThat(send("RNFR a")).isEqualTo("350 Ready for RNTO.\r\n");
        assertThat(send("RNTO b")).isEqualTo("250 Rename successful.\r\n");
        assertThat(home.resolve("b")).hasContent("a");
    }

    @Test
    void portToForeignHostOrPrivilegedPortIsRefused() {
        alice();
        assertThat(send("PORT 10,9,8,7,200,10")).isEqualTo("500 Illegal PORT command: not your address.\r\n");
        assertThat(send("PORT 192,168,1,1,0,21")).isEqualTo("500 Illegal PORT command: privileged port.\r\n");
        assertThat(send("EPRT |1|10.9.8.7|5000|")).isEqualTo("500 Illegal PORT command: not your address.\r\n");
        assertThat(send("EPRT |3|x|5000|")).isEqualTo("522 Network protocol not supported, use (1,2).\r\n");
        assertThat(send("PORT 192,168,1,1,200,10")).isEqualTo("200 PORT command successful.\r\n");
        assertThat(send("EPRT |1|192.168.1.1|5000|")).isEqualTo("200 EPRT command successful.\r\n");
    }

    @Test
    void passivePortIsPickedByTheServerNotLeftToTheSystem() {
        alice();
        for (int i = 0; i < 3; i++) {
            String reply = send("EPSV");
            MemoryReactor.TcpServer passive = reactor.tcpServers().get(i);
            assertThat(passive.port()).isBetween(FtpServer.ANY_PASSIVE_FROM, FtpServer.ANY_PASSIVE_TO);
            assertThat(reply).isEqualTo("229 Entering Extended Passive Mode (|||" + passive.port() + "|).\r\n");
        }
    }

    @Test
    void passiveConnectionFromAnotherAddressIsRefused() {
        assertThat(DataChannel.sameHost("127.0.0.1", "127.0.0.1")).isTrue();
        assertThat(DataChannel.sameHost("::ffff:127.0.0.1", "127.0.0.1")).isTrue();
        assertThat(DataChannel.sameHost("127.0.0.1", "127.0.0.2")).isFalse();
        assertThat(DataChannel.sameHost("localhost", "127.0.0.1")).isFalse();
        assertThat(DataChannel.sameHost("localhost", "localhost")).isFalse(); // names are never trusted, even equal
        assertThat(DataChannel.sameHost("::1", "0:0:0:0:0:0:0:1")).isTrue();
        assertThat(DataChannel.sameHost("127.0.0.1 ", "127.0.0.1 ")).isFalse();
        alice();
        assertThat(send("EPSV")).matches("229 Entering Extended Passive Mode \\(\\|\\|\\|\\d+\\|\\)\\.\r\n");
        MemoryReactor.TcpServer passive = reactor.tcpServers().get(0);
        assertThat(passive.bindInterface()).isEqualTo("10.0.0.1");
        assertThat(passive.factory().buildProtocol(new IPv4Address(AddressType.TCP, "10.6.6.6", 4000))).isNull();
        assertThat(passive.listeningPort().isListening()).isTrue();
        Protocol data = passive.factory().buildProtocol(new IPv4Address(AddressType.TCP, "192.168.1.1", 4001));
        assertThat(data).isNotNull();
        assertThat(passive.listeningPort().isListening()).isFalse();
    }

    @Test
    void listOverPassiveDataConnectionThen226() throws Exception {
        anonymous();
        assertThat(send("PASV")).startsWith("227 Entering Passive Mode (10,0,0,1,");
        MemoryReactor.TcpServer passive = reactor.tcpServers().get(0);
        StringTransport dataTransport = new StringTransport(SERVER, CLIENT);
        Protocol data = passive.factory().buildProtocol(CLIENT);
        data.makeConnection(dataTransport);
        assertThat(send("NLST")).isEqualTo("150 Here comes the directory listing.\r\n");
        assertThat(dataTransport.valueAsString(UTF_8)).isEqualTo("readme.txt\r\n");
        assertThat(dataTransport.isDisconnecting()).isTrue();
        transport.clear();
        data.connectionLost(new Failure(new ConnectionDone()));
        assertThat(transport.valueAsString(UTF_8)).isEqualTo("226 Transfer complete.\r\n");
    }

    @Test
    void retrInAsciiModeConvertsLineEndsAndRestResumes() throws Exception {
        anonymous();
        send("PASV");
        StringTransport dataTransport = new StringTransport(SERVER, CLIENT);
        Protocol data = reactor.tcpServers().get(0).factory().buildProtocol(CLIENT);
        data.makeConnection(dataTransport);
        assertThat(send("TYPE A")).isEqualTo("200 Type set to A.\r\n");
        assertThat(send("REST 5")).isEqualTo("350 Restarting at 5. Send STORE or RETRIEVE.\r\n");
        assertThat(send("RETR readme.txt")).startsWith("150 Opening ASCII mode data connection");
        while (dataTransport.producer() instanceof PullProducer pull) {
            pull.resumeProducing();
        }
        assertThat(dataTransport.valueAsString(UTF_8)).isEqualTo("one\r\nline two\r\n");
        assertThat(dataTransport.fileRegionsWritten()).isZero();
        transport.clear();
        data.connectionLost(new Failure(new ConnectionDone()));
        assertThat(transport.valueAsString(UTF_8)).isEqualTo("226 Transfer complete.\r\n");
    }

    @Test
    void binaryRetrGoesOutAsAFileRegion() {
        anonymous();
        send("TYPE I");
        send("PASV");
        StringTransport dataTransport = new StringTransport(SERVER, CLIENT);
        Protocol data = reactor.tcpServers().get(0).factory().buildProtocol(CLIENT);
        data.makeConnection(dataTransport);
        assertThat(send("RETR readme.txt")).startsWith("150 Opening BINARY mode data connection");
        assertThat(dataTransport.fileRegionsWritten()).isEqualTo(1);
        assertThat(dataTransport.valueAsString(UTF_8)).isEqualTo("line one\nline two\n");
        assertThat(dataTransport.isDisconnecting()).isTrue();
        transport.clear();
        data.connectionLost(new Failure(new ConnectionDone()));
        assertThat(transport.valueAsString(UTF_8)).isEqualTo("226 Transfer complete.\r\n");
    }

    @Test
    void storWithBinaryTypeAndAbortMidTransferAnswers426Then226() throws Exception {
        alice();
        send("TYPE I");
        send("PASV");
        StringTransport dataTransport = new StringTransport(SERVER, CLIENT);
        Protocol data = reactor.tcpServers().get(0).factory().buildProtocol(CLIENT);
        data.makeConnection(dataTransport);
        assertThat(send("STOR up.bin")).isEqualTo("150 Ok to send data.\r\n");
        data.dataReceived(ByteBuffer.wrap("partial\r\n".getBytes(UTF_8)));
        assertThat(send("ABOR")).isEqualTo("426 Connection closed; transfer aborted.\r\n226 ABOR command successful.\r\n");
        assertThat(dataTransport.isAborted()).isTrue();
        assertThat(home.resolve("up.bin")).hasContent("partial\r\n");
    }

    @Test
    void anUploadThatArrivedWholeBeforeStorIsStoredWholeThen226() throws Exception {
        alice();
        send("TYPE I");
        send("PASV");
        StringTransport dataTransport = new StringTransport(SERVER, CLIENT);
        Protocol data = reactor.tcpServers().get(0).factory().buildProtocol(CLIENT);
        data.makeConnection(dataTransport);
        data.dataReceived(ByteBuffer.wrap("quick ".getBytes(UTF_8)));
        data.dataReceived(ByteBuffer.wrap("client".getBytes(UTF_8)));
        data.connectionLost(new Failure(new ConnectionDone()));
        assertThat(send("STOR quick.bin")).isEqualTo("150 Ok to send data.\r\n226 Transfer complete.\r\n");
        assertThat(home.resolve("quick.bin")).hasContent("quick client");
    }

    @Test
    void anUploadCutByAResetIs426() throws Exception {
        alice();
        send("PASV");
        StringTransport dataTransport = new StringTransport(SERVER, CLIENT);
        Protocol data = reactor.tcpServers().get(0).factory().buildProtocol(CLIENT);
        data.makeConnection(dataTransport);
        assertThat(send("STOR cut.bin")).isEqualTo("150 Ok to send data.\r\n");
        data.dataReceived(ByteBuffer.wrap("the start".getBytes(UTF_8)));
        transport.clear();
        data.connectionLost(new Failure(new org.twisted4j.internet.ConnectionLost("Connection reset")));
        assertThat(transport.valueAsString(UTF_8)).isEqualTo("426 Connection closed; transfer aborted.\r\n");
        assertThat(home.resolve("cut.bin")).hasContent("the start");
    }

    @Test
    void failedLoginsAreDelayedThenTheConnectionIsClosed() {
        for (int i = 1; i <= 3; i++) {
            send("USER alice");
            assertThat(send("PASS wrong")).isEmpty();
            assertThat(send("NOOP")).isEqualTo("421 Login in progress, try again.\r\n");
            transport.clear();
            reactor.advance(1);
            assertThat(transport.valueAsString(UTF_8)).isEqualTo(i < 3 ? "530 Login incorrect.\r\n"
                    : "421 Too many failed logins.\r\n");
        }
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void tooManyConnectionsFromOneAddressAre421() {
        factory.setMaxConnectionsPerAddress(1);
        StringTransport second = new StringTransport(SERVER, CLIENT);
        factory.buildProtocol(CLIENT).makeConnection(second);
        assertThat(second.valueAsString(UTF_8)).isEqualTo("421 Too many connections from your address.\r\n");
        assertThat(second.isDisconnecting()).isTrue();
    }

    @Test
    void idleConnectionTimesOut() {
        reactor.advance(FtpServerFactory.DEFAULT_IDLE_TIMEOUT);
        assertThat(transport.valueAsString(UTF_8)).endsWith("421 Timeout.\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void featListsExtensionsAndMlstGivesFacts() {
        assertThat(send("FEAT")).isEqualTo("211-Features:\r\n EPRT\r\n EPSV\r\n MDTM\r\n MFMT\r\n"
                + " MLST type*;size*;modify*;perm*;UNIX.mode*;\r\n PASV\r\n REST STREAM\r\n SIZE\r\n TVFS\r\n UTF8\r\n"
                + "211 End\r\n");
        anonymous();
        assertThat(send("MLST readme.txt")).startsWith("250-Listing \"/readme.txt\"\r\n type=file;size=18;modify=")
                .endsWith(";perm=r;UNIX.mode=0644; /readme.txt\r\n250 End\r\n");
        assertThat(send("EPSV ALL")).isEqualTo("200 EPSV ALL ok.\r\n");
        assertThat(send("PASV")).isEqualTo("503 PASV not allowed after EPSV ALL.\r\n");
        assertThat(send("AUTH TLS")).isEqualTo("502 TLS is not available.\r\n");
        assertThat(send("XYZZY")).isEqualTo("502 Command not implemented.\r\n");
        assertThat(send("MKD " + List.of().size())).startsWith("550 ");
    }
}
