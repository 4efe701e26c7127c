package org.twisted4j.mail.imap4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;

/**
 * ENVELOPE and BODYSTRUCTURE of a small corpus of MIME messages (multipart/alternative, nested message/rfc822,
 * an attachment, encoded words, an 8-bit header), from our server and from Dovecot for the same octets, compared
 * as read by our response parser (the same tokens, strings and nesting).
 */
@ExtendWith(TrialExtension.class)
class MimeStructureDovecotTest {

    static final List<String> CORPUS = List.of("alternative.eml", "nested.eml", "attachment.eml",
            "encoded-words.eml", "eight-bit-header.eml");

    @TempDir
    Path dir;

    private static Map<Long, ImapFetched> fetchAll(NioReactor reactor, int port, String user, List<byte[]> messages)
            throws Exception {
        IMAP4Client client = IMAP4ClientInteropTest.connect(reactor, port);
        Coroutine.await(client.login(user, "secret"));
        for (byte[] message : messages) {
            Coroutine.await(client.append("INBOX", message, List.of(), null));
        }
        Coroutine.await(client.examine("INBOX"));
        Map<Long, ImapFetched> out = Coroutine.await(client.fetch("1:*", "(ENVELOPE BODYSTRUCTURE)", false));
        Coroutine.await(client.logout());
        return out;
    }

    @Test
    void envelopeAndBodyStructureMatchDovecots(NioReactor reactor) throws Exception {
        List<byte[]> messages = new ArrayList<>();
        for (String name : CORPUS) {
            messages.add(Files.readAllBytes(Path.of(MimeStructureDovecotTest.class.getResource("corpus/" + name)
                    .toURI())));
        }
        Dovecot dovecot = Dovecot.start(reactor, dir.resolve("dovecot"));
        Map<Long, ImapFetched> theirs;
        try {
            theirs = fetchAll(reactor, dovecot.port(), "bob", messages);
        } finally {
            dovecot.stop(reactor);
        }
        ImapServerFactory factory = new ImapServerFactory(reactor, ImapServerTest.portal(new MemoryAccount()));
        ListeningPort port = reactor.listenTCP(0, factory, 50, "127.0.0.1");
        Map<Long, ImapFetched> ours;
        try {
            ours = fetchAll(reactor, ((IPv4Address) port.getHost()).port(), "alice", messages);
        } finally {
            Coroutine.await(port.stopListening());
        }
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < CORPUS.size(); i++) {
            for (String item : List.of("ENVELOPE", "BODYSTRUCTURE")) {
                ImapArg a = ours.get(i + 1L).items().get(item);
                ImapArg b = theirs.get(i + 1L).items().get(item);
                if (!String.valueOf(a).equals(String.valueOf(b))) {
                    differences.add(CORPUS.get(i) + " " + item + "\n  ours:    " + a + "\n  dovecot: " + b);
                }
            }
        }
        assertThat(differences).as(String.join("\n", differences)).isEmpty();
    }
}
