package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/** tin, the newsreader, in batch mode against our server: it finds the unread news and saves every article. */
@ExtendWith(TrialExtension.class)
class TinInteropTest {

    static final Peer TIN = Peer.command("tin", "tin");

    @TempDir
    Path dir;

    @Test
    void tinFindsUnreadNewsAndSavesTheGroupInBatchMode(NioReactor reactor) throws Exception {
        Path tin = TIN.require();
        FileNewsStorage storage = FileNewsStorage.open(dir.resolve("news"), Clock.systemUTC())
                .addGroup("local.test", PostingStatus.ALLOWED, "Tests", null)
                .addGroup("local.other", PostingStatus.ALLOWED, "Other", null);
        for (int i = 1; i <= 3; i++) {
            Coroutine.await(storage.store(Article.parse(("From: a@example.com\r\nNewsgroups: local.test\r\nSubject: hello "
                    + i + "\r\nMessage-ID: <" + i + "@example.com>\r\nDate: Mon, 7 Dec 2026 12:00:00 +0000\r\n"
                    + "Path: example.com!not-for-mail\r\n\r\n.dotted body " + i + "\r\n").getBytes(ISO_8859_1)),
                    "news.example.com"));
        }
        ListeningPort port = reactor.listenTCP(0, new NntpServerFactory(storage, reactor)
                .setServerName("news.example.com"), 50, "127.0.0.1");
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve(".newsrc"), "local.test:\n");
        List<String> common = List.of(tin.toString(), "-r", "-g", "127.0.0.1", "-p",
                Integer.toString(((IPv4Address) port.getHost()).port()), "-q", "-f", home.resolve(".newsrc").toString());

        String[] unread = run(reactor, home, with(common, "-Z"));
        assertThat(unread[0]).as("tin -Z exits 2 when there is unread news: " + unread[1]).isEqualTo("2");
        String[] saved = run(reactor, home, with(common, "-S", "-v", "-s", home.resolve("News").toString()));
        Coroutine.await(port.stopListening());

        assertThat(saved[0]).as(saved[1]).isEqualTo("0");
        assertThat(saved[1]).contains("Saved 3 articles from 1 group");
        for (int i = 1; i <= 3; i++) {
            assertThat(Files.readString(home.resolve("News/local/test/" + i), ISO_8859_1))
                    .contains("Subject: hello " + i + "\n", "Message-ID: <" + i + "@example.com>\n",
                            "Xref: news.example.com local.test:" + i + "\n")
                    .endsWith("\n.dotted body " + i + "\n");
        }
    }

    private static List<String> with(List<String> common, String... more) {
        List<String> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all;
    }

    /** Runs tin to its end (60 s at most) with {@code home} as HOME, off the reactor thread. */
    private static String[] run(NioReactor reactor, Path home, List<String> command) throws Exception {
        return Coroutine.await(reactor.deferToThread(() -> {
            Path output = Files.createTempFile("twisted4j-tin", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                Map<String, String> environment = builder.environment();
                environment.put("HOME", home.toString());
                environment.remove("NNTPSERVER");
                Process process = builder.start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(command + " did not finish: " + Files.readString(output, UTF_8));
                }
                return new String[] {Integer.toString(process.exitValue()), Files.readString(output, UTF_8)};
            } finally {
                Files.deleteIfExists(output);
            }
        }));
    }
}
