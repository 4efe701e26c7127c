package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/** Our IMAP server against Python's imaplib and curl's imap:// client, on a loopback port. */
@ExtendWith(TrialExtension.class)
class ImapInteropTest {

    private static ListeningPort listen(NioReactor reactor, MemoryAccount account) {
        ImapServerFactory factory = new ImapServerFactory(reactor, ImapServerTest.portal(account));
        return reactor.listenTCP(0, factory, 50, "127.0.0.1");
    }

    private static int port(ListeningPort port) {
        return ((IPv4Address) port.getHost()).port();
    }

    /** Runs a program to its end (30 s at most) off the reactor thread; returns its exit status and output. */
    private static String[] run(NioReactor reactor, List<String> command) throws Exception {
        return Coroutine.await(reactor.deferToThread(() -> {
            Path output = Files.createTempFile("twisted4j-imap", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.flush();
                }
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(command + " did not finish: " + Files.readString(output, UTF_8));
                }
                return new String[] {Integer.toString(process.exitValue()), Files.readString(output, UTF_8)};
            } finally {
                Files.deleteIfExists(output);
            }
        }));
    }

    @Test
    void pythonImaplibSession(NioReactor reactor) throws Exception {
        Path python = Peer.PYTHON.require();
        Path script = Path.of(ImapInteropTest.class.getResource("imaplib_session.py").toURI());
        ListeningPort port = listen(reactor, new MemoryAccount());
        String[] outcome = run(reactor, List.of(python.toString(), script.toString(), Integer.toString(port(port))));
        assertThat(outcome[0]).as(outcome[1]).isEqualTo("0");
        assertThat(outcome[1]).contains("caps AUTH=CRAM-MD5 AUTH=LOGIN AUTH=PLAIN CHILDREN CONDSTORE "
                        + "CREATE-SPECIAL-USE ENABLE ID IDLE IMAP4REV1 LITERAL+ MOVE NAMESPACE SASL-IR SPECIAL-USE UIDPLUS "
                        + "UNSELECT\n")
                .contains("login OK\n", "create OK\n")
                .contains("list OK ['(\\\\HasNoChildren) \"/\" INBOX', '(\\\\HasNoChildren) \"/\" Work']\n")
                .contains("append OK\n", "select OK 1\n", "search OK 1\n")
                .contains("fetch OK [(b'1 (FLAGS (\\\\Flagged \\\\Seen) BODY[HEADER.FIELDS (SUBJECT)] {20}', "
                        + "b'Subject: imaplib\\r\\n\\r\\n'), (b' BODY[TEXT] {20}', b'Hello from imaplib\\r\\n'), "
                        + "b')']\n")
                .contains("uid-fetch OK 1 (UID 1 RFC822.SIZE 68)\n", "store OK\n", "copy OK\n")
                .contains("expunge OK ['1']\n", "status OK Work (MESSAGES 1 UIDNEXT 2)\n", "close OK\n", "logout BYE\n");
        Coroutine.await(port.stopListening());
    }

    @Test
    void curlListsFetchesAndAppends(NioReactor reactor) throws Exception {
        Path curl = Peer.CURL.require();
        MemoryAccount account = new MemoryAccount();
        account.mailbox("INBOX").append(ImapServerTest.MESSAGE.getBytes(UTF_8), Set.of(), Instant.EPOCH);
        ListeningPort port = listen(reactor, account);
        String base = "imap://127.0.0.1:" + port(port) + "/";
        List<String> common = List.of(curl.toString(), "-sS", "--max-time", "20", "--user", "alice:secret");

        String[] list = run(reactor, with(common, base));
        assertThat(list[0]).as(list[1]).isEqualTo("0");
        assertThat(list[1]).isEqualTo("* LIST (\\HasNoChildren) \"/\" INBOX\r\n");

        String[] fetch = run(reactor, with(common, base + "INBOX;UID=1"));
        assertThat(fetch[0]).as(fetch[1]).isEqualTo("0");
        assertThat(fetch[1]).isEqualTo(ImapServerTest.MESSAGE);

        Path upload = Files.createTempFile("twisted4j-imap", ".eml");
        Files.writeString(upload, "Subject: from curl\r\n\r\nbody\r\n");
        String[] append = run(reactor, with(common, "-T", upload.toString(), base + "INBOX"));
        Files.deleteIfExists(upload);
        assertThat(append[0]).as(append[1]).isEqualTo("0");
        assertThat(account.mailbox("INBOX").messages()).hasSize(2);
        assertThat(new String(account.mailbox("INBOX").messages().get(1).bytes(), UTF_8))
                .isEqualTo("Subject: from curl\r\n\r\nbody\r\n");
        Coroutine.await(port.stopListening());
    }

    private static List<String> with(List<String> common, String... more) {
        List<String> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all;
    }
}
