package org.twisted4j.mail.pop3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.mail.maildir.Maildir;
import org.twisted4j.mail.maildir.MaildirDomains;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.testing.InlineThreads;

class Pop3ClientTest {

    @TempDir
    Path dir;

    private final StringTransport transport = new StringTransport();
    private final Pop3Client client = new Pop3Client();

    private void receive(String text) {
        client.dataReceived(ByteBuffer.wrap(text.getBytes(UTF_8)));
    }

    private String take() {
        String out = transport.valueAsString();
        transport.clear();
        return out;
    }

    private static <T> Object result(Deferred<T> deferred) {
        List<Object> out = new ArrayList<>();
        deferred.addCallbacks(value -> out.add(value), failure -> out.add(failure.value()));
        return out.isEmpty() ? "not fired" : out.get(0);
    }

    @Test
    void commandsGoOneAtATimeAndApopSignsTheGreetingsChallenge() throws Exception {
        client.makeConnection(transport);
        Deferred<String> login = client.login("bob", "secret");
        Deferred<Pop3Client.Stat> stat = client.stat();
        assertThat(take()).as("nothing before the greeting").isEmpty();
        receive("+OK ready <1.2@host>\r\n");
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest("<1.2@host>secret".getBytes(UTF_8)));
        assertThat(client.challenge()).isEqualTo("<1.2@host>");
        // login was asked before the greeting, so without a challenge known it went for USER/PASS: refused.
        assertThat(result(login)).isInstanceOf(Pop3Client.InsecureLoginError.class);
        assertThat(take()).isEqualTo("STAT\r\n");
        receive("+OK 2 320\r\n");
        assertThat(result(stat)).isEqualTo(new Pop3Client.Stat(2, 320));

        Deferred<String> apop = client.login("bob", "secret");
        assertThat(take()).isEqualTo("APOP bob " + digest + "\r\n");
        Deferred<List<Long>> sizes = client.listSize();
        assertThat(take()).as("LIST waits for the APOP answer").isEmpty();
        receive("+OK welcome\r\n");
        assertThat(result(apop)).isEqualTo("welcome");
        assertThat(take()).isEqualTo("LIST\r\n");
        receive("+OK 2 messages\r\n1 120\r\n3 200\r\n.\r\n");
        assertThat(result(sizes)).isEqualTo(List.of(120L, -1L, 200L));
    }

    @Test
    void multiLineAnswersAreDotUnstuffedAndErrorsFailTheirCommandOnly() {
        client.makeConnection(transport);
        receive("+OK hello\r\n");
        Deferred<byte[]> message = client.retrieve(0);
        Deferred<String> missing = client.delete(7);
        Deferred<List<String>> uids = client.listUidl();
        assertThat(take()).isEqualTo("RETR 1\r\n");
        receive("+OK 30 octets\r\nSubject: x\r\n\r\n..dot\r\n");
        receive("last\r\n.\r\n-ERR no such message\r\n+OK\r\n1 abc\r\n2 def\r\n.\r\n");
        assertThat(new String((byte[]) result(message), UTF_8)).isEqualTo("Subject: x\r\n\r\n.dot\r\nlast\r\n");
        assertThat(result(missing)).isInstanceOfSatisfying(Pop3Client.Pop3ServerError.class,
                e -> assertThat(e).hasMessage("no such message"));
        assertThat(result(uids)).isEqualTo(List.of("abc", "def"));
        assertThat(take()).isEqualTo("DELE 8\r\nUIDL\r\n");
    }

    @Test
    void userPassOnlyWhenAllowedAndALostConnectionFailsWhatWaits() {
        client.makeConnection(transport);
        receive("+OK no challenge here\r\n");
        assertThat(result(client.login("bob", "pw"))).isInstanceOf(Pop3Client.InsecureLoginError.class);
        client.setAllowInsecureLogin(true);
        Deferred<String> login = client.login("bob", "pw");
        assertThat(take()).isEqualTo("USER bob\r\n");
        receive("+OK send PASS\r\n");
        assertThat(take()).isEqualTo("PASS pw\r\n");
        Deferred<byte[]> top = client.top(0, 0);
        client.connectionLost(new org.twisted4j.defer.Failure(new IllegalStateException("gone")));
        assertThat(result(login)).isInstanceOf(IllegalStateException.class);
        assertThat(result(top)).isInstanceOf(IllegalStateException.class);
        assertThat(result(client.noop())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOverlongLineDropsTheConnection() {
        client.makeConnection(transport);
        Deferred<String> greeting = client.greeting();
        receive("+OK " + "x".repeat(Pop3Client.MAX_LINE));
        assertThat(result(greeting)).isInstanceOf(Pop3Client.Pop3ServerError.class);
        assertThat(transport.isDisconnecting() || transport.isAborted()).isTrue();
    }

    private static final ReactorThreads INLINE = InlineThreads.INSTANCE;

    @Test
    void readsAndDeletesFromOurServer() throws Exception {
        MaildirDomains domains = new MaildirDomains(INLINE);
        domains.addDomain("b.test", dir);
        domains.addUser("b.test", "bob", "secret");
        domains.setDefaultDomain("b.test");
        Maildir box = Maildir.open(dir.resolve("bob"));
        box.deliver(Pop3ServerTest.MESSAGE.getBytes(UTF_8));
        box.deliver("Subject: two\r\n\r\nbody\r\n".getBytes(UTF_8));
        Pop3ServerFactory factory = new Pop3ServerFactory(new Clock(), new Portal(new MaildirRealm(domains),
                domains.checker()));
        IOPump pump = IOPump.connectedLoopback(factory.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS), client);

        List<Object> seen = new ArrayList<>();
        client.greeting().addCallbackDeferred(g -> client.capabilities()).addCallbackDeferred(capabilities -> {
            seen.add(capabilities.keySet());
            return client.login("bob", "secret");
        }).addCallbackDeferred(ok -> client.stat()).addCallbackDeferred(stat -> {
            seen.add(stat.count());
            return client.listUidl();
        }).addCallbackDeferred(uids -> {
            seen.add(uids.size());
            return client.retrieve(0);
        }).addCallbackDeferred(message -> {
            seen.add(new String(message, UTF_8));
            return client.top(1, 0);
        }).addCallbackDeferred(top -> {
            seen.add(new String(top, UTF_8));
            return client.delete(0);
        }).addCallbackDeferred(ok -> client.quit()).addCallbacks(bye -> seen.add("quit"), f -> seen.add(f.value()));
        pump.flush();

        assertThat(seen).hasSize(6);
        assertThat(String.valueOf(seen.get(0))).contains("UIDL", "TOP", "USER");
        assertThat(seen.subList(1, 6)).containsExactly(2, 2, Pop3ServerTest.MESSAGE, "Subject: two\r\n\r\n", "quit");
        try (var files = Files.list(dir.resolve("bob/cur"))) {
            long left = files.count();
            try (var fresh = Files.list(dir.resolve("bob/new"))) {
                assertThat(left + fresh.count()).as("one deleted at QUIT").isEqualTo(1);
            }
        }
    }
}
