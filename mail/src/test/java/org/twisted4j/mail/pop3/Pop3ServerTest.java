package org.twisted4j.mail.pop3;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.mail.maildir.Maildir;
import org.twisted4j.mail.maildir.MaildirDomains;
import org.twisted4j.testing.StringTransport;

class Pop3ServerTest {

    static final String MESSAGE = "From: alice@a.test\r\nSubject: Hi\r\n\r\nline one\r\n.dot line\r\nline three\r\n";

    @TempDir Path dir;
    private final Clock clock = new Clock();
    private Pop3ServerFactory factory;
    private StringTransport transport;
    private Pop3Server server;
    private Path first;

    @BeforeEach
    void start() throws Exception {
        MaildirDomains domains = new MaildirDomains(clockThreads());
        domains.addDomain("b.test", dir);
        domains.addUser("b.test", "bob", "secret");
        domains.setDefaultDomain("b.test");
        first = Maildir.open(dir.resolve("bob")).deliver(MESSAGE.getBytes(UTF_8));
        Maildir.open(dir.resolve("bob")).deliver("Subject: two\r\n\r\nbody\r\n".getBytes(UTF_8));
        factory = new Pop3ServerFactory(clock, new Portal(new MaildirRealm(domains), domains.checker()));
        transport = new StringTransport();
        server = connect(transport);
    }

    private static org.twisted4j.internet.ReactorThreads clockThreads() {
        return new org.twisted4j.internet.ReactorThreads() {
            @Override
            public void callFromThread(Runnable call) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void callInThread(Runnable call) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <T> org.twisted4j.defer.Deferred<T> deferToThread(java.util.concurrent.Callable<? extends T> work) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <T> org.twisted4j.defer.Deferred<T> deferToThreadPool(java.util.concurrent.Executor pool,
                    java.util.concurrent.Callable<? extends T> work) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private Pop3Server connect(StringTransport t) {
        Pop3Server s = (Pop3Server) factory.buildProtocol(StringTransport.DEFAULT_PEER);
        s.makeConnection(t);
        assertThat(take(t)).isEqualTo("+OK twisted4j POP3 server ready " + s.challenge() + "\r\n");
        return s;
    }

    private static String take(StringTransport t) {
        String out = t.valueAsString();
        t.clear();
        return out;
    }

    private static String say(Pop3Server s, StringTransport t, String text) {
        s.dataReceived(ByteBuffer.wrap(text.getBytes(ISO_8859_1)));
        return take(t);
    }

    private String say(String text) {
        return say(server, transport, text);
    }

    private void login() {
        assertThat(say("USER bob\r\n")).isEqualTo("+OK USER accepted, send PASS\r\n");
        assertThat(say("PASS secret\r\n")).isEqualTo("+OK Authentication succeeded\r\n");
    }

    @Test
    void capaBeforeLoginListsTheExtensions() {
        assertThat(say("CAPA\r\n")).isEqualTo("+OK Capability list follows\r\nTOP\r\nUSER\r\nUIDL\r\nRESP-CODES\r\n"
                + "PIPELINING\r\nEXPIRE NEVER\r\nIMPLEMENTATION twisted4j\r\n.\r\n");
    }

    @Test
    void badPasswordAndUnknownCommandsGetErr() {
        assertThat(say("STAT\r\n")).isEqualTo("-ERR Unknown command in AUTHORIZATION state\r\n");
        assertThat(say("PASS x\r\n")).isEqualTo("-ERR USER required before PASS\r\n");
        say("USER bob\r\n");
        assertThat(say("PASS wrong\r\n")).isEqualTo("-ERR [AUTH] Authentication failed\r\n");
        assertThat(say("\r\n")).isEqualTo("-ERR Unknown command in AUTHORIZATION state\r\n");
        login();
        assertThat(say("FOO\r\n")).isEqualTo("-ERR Unknown command in TRANSACTION state\r\n");
        assertThat(say("RETR x\r\n")).isEqualTo("-ERR Bad message number\r\n");
        assertThat(say("RETR 3\r\n")).isEqualTo("-ERR No such message\r\n");
        assertThat(say("RETR 0\r\n")).isEqualTo("-ERR No such message\r\n");
        assertThat(say("TOP 1\r\n")).isEqualTo("-ERR Syntax: TOP msg n\r\n");
    }

    @Test
    void statListUidlRetrTop() {
        login();
        int size1 = MESSAGE.length();
        int size2 = "Subject: two\r\n\r\nbody\r\n".length();
        assertThat(say("STAT\r\n")).isEqualTo("+OK 2 " + (size1 + size2) + "\r\n");
        assertThat(say("LIST\r\n")).isEqualTo("+OK 2 messages\r\n1 " + size1 + "\r\n2 " + size2 + "\r\n.\r\n");
        assertThat(say("LIST 2\r\n")).isEqualTo("+OK 2 " + size2 + "\r\n");
        String uid = first.getFileName().toString();
        assertThat(say("UIDL 1\r\n")).isEqualTo("+OK 1 " + uid + "\r\n");
        assertThat(say("RETR 1\r\n")).isEqualTo("+OK " + size1 + " octets\r\nFrom: alice@a.test\r\nSubject: Hi\r\n"
                + "\r\nline one\r\n..dot line\r\nline three\r\n.\r\n");
        assertThat(say("TOP 1 1\r\n")).isEqualTo("+OK Top of message follows\r\nFrom: alice@a.test\r\n"
                + "Subject: Hi\r\n\r\nline one\r\n.\r\n");
        assertThat(say("TOP 1 0\r\n")).isEqualTo("+OK Top of message follows\r\nFrom: alice@a.test\r\n"
                + "Subject: Hi\r\n\r\n.\r\n");
        assertThat(say("NOOP\r\n")).isEqualTo("+OK\r\n");
    }

    @Test
    void deletionsAreCommittedOnlyAtQuit() throws Exception {
        login();
        assertThat(say("DELE 1\r\n")).isEqualTo("+OK Message 1 deleted\r\n");
        assertThat(say("RETR 1\r\n")).isEqualTo("-ERR No such message\r\n");
        assertThat(say("STAT\r\n")).startsWith("+OK 1 ");
        assertThat(say("RSET\r\n")).isEqualTo("+OK\r\n");
        assertThat(say("STAT\r\n")).startsWith("+OK 2 ");
        say("DELE 1\r\n");
        assertThat(Files.exists(first)).isTrue();
        assertThat(say("QUIT\r\n")).isEqualTo("+OK Bye\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(Files.exists(first)).isFalse();
    }

    @Test
    void droppedConnectionDeletesNothingAndFreesTheMailbox() {
        login();
        say("DELE 1\r\n");
        server.connectionLost(new org.twisted4j.defer.Failure(new java.io.IOException("gone")));
        assertThat(Files.exists(first)).isTrue();
        StringTransport t2 = new StringTransport();
        Pop3Server s2 = connect(t2);
        say(s2, t2, "USER bob\r\n");
        assertThat(say(s2, t2, "PASS secret\r\n")).isEqualTo("+OK Authentication succeeded\r\n");
    }

    @Test
    void commandsPipelinedAfterASlowLoginWaitForIt() {
        org.twisted4j.defer.Deferred<org.twisted4j.cred.LoginResult> later = new org.twisted4j.defer.Deferred<>();
        Pop3ServerTest.Memory box = new Pop3ServerTest.Memory();
        factory = new Pop3ServerFactory(clock, new Portal((id, mind, interfaces) -> later,
                new org.twisted4j.cred.InMemoryPasswords(java.util.Map.of("bob", "secret"))));
        StringTransport t = new StringTransport();
        Pop3Server s = connect(t);
        assertThat(say(s, t, "USER bob\r\nPASS secret\r\nSTAT\r\nQUIT\r\n"))
                .isEqualTo("+OK USER accepted, send PASS\r\n");
        later.callback(new org.twisted4j.cred.LoginResult(Mailbox.class, box, org.twisted4j.cred.LoginResult.NO_LOGOUT));
        assertThat(take(t)).isEqualTo("+OK Authentication succeeded\r\n+OK 0 0\r\n+OK Bye\r\n");
        assertThat(box.synced).isTrue();
    }

    /** An empty mailbox that records its sync. */
    static final class Memory implements Mailbox {
        boolean synced;

        @Override
        public java.util.List<Long> listMessages() {
            return java.util.List.of();
        }

        @Override
        public byte[] getMessage(int index) {
            throw new IndexOutOfBoundsException(index);
        }

        @Override
        public String getUidl(int index) {
            throw new IndexOutOfBoundsException(index);
        }

        @Override
        public void deleteMessage(int index) {
            throw new IndexOutOfBoundsException(index);
        }

        @Override
        public void undeleteMessages() {
        }

        @Override
        public void sync() {
            synced = true;
        }
    }

    @Test
    void aSecondLoginIsInUse() {
        login();
        StringTransport t2 = new StringTransport();
        Pop3Server s2 = connect(t2);
        say(s2, t2, "USER bob@b.test\r\n");
        assertThat(say(s2, t2, "PASS secret\r\n")).isEqualTo("-ERR [IN-USE] Mailbox in use\r\n");
    }

    @Test
    void apopLogsIn() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("MD5")
                .digest((server.challenge() + "secret").getBytes(ISO_8859_1));
        assertThat(say("APOP bob " + HexFormat.of().formatHex(digest) + "\r\n"))
                .isEqualTo("+OK Authentication succeeded\r\n");
    }

    @Test
    void apopWithAWrongDigestFails() {
        assertThat(say("APOP bob " + "0".repeat(32) + "\r\n")).isEqualTo("-ERR [AUTH] Authentication failed\r\n");
        assertThat(say("APOP bob\r\n")).isEqualTo("-ERR Syntax: APOP name digest\r\n");
    }

    @Test
    void idleTimeoutClosesAfterTenMinutes() {
        clock.advance(599);
        assertThat(transport.isDisconnecting()).isFalse();
        say("NOOP\r\n");
        clock.advance(599);
        assertThat(transport.isDisconnecting()).isFalse();
        clock.advance(1);
        assertThat(take(transport)).isEqualTo("-ERR Idle timeout\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void aLongLineIsRefused() {
        assertThat(say("USER " + "x".repeat(300) + "\r\n")).isEqualTo("-ERR Line too long\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void stlsIsRefusedWithoutCertificate() {
        assertThat(say("STLS\r\n")).isEqualTo("-ERR STLS not available\r\n");
    }

    @Test
    void stuffingDoublesLeadingDotsAndAddsCrlf() {
        assertThat(new String(Pop3Server.stuff("a\n.b\n..\n".getBytes(ISO_8859_1), -1), ISO_8859_1))
                .isEqualTo("a\r\n..b\r\n...\r\n.\r\n");
        assertThat(new String(Pop3Server.stuff(new byte[0], -1), ISO_8859_1)).isEqualTo(".\r\n");
    }
}
