package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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

/**
 * slrn against our server: slrnpull, its offline puller, posts what waits in its outgoing directory, then pulls
 * the groups of its configuration (XHDR, XOVER, ARTICLE) into a spool; slrn itself, in a detached tmux session
 * on a tmux server of its own, lists the subscribed groups, opens one and shows an article.
 */
@ExtendWith(TrialExtension.class)
class SlrnInteropTest {

    static final Peer SLRNPULL = Peer.command("slrnpull", "slrnpull");
    static final Peer SLRN = Peer.command("slrn", "slrn");

    @TempDir
    Path dir;

    private FileNewsStorage storage() throws Exception {
        FileNewsStorage storage = FileNewsStorage.open(dir.resolve("news"), Clock.systemUTC())
                .addGroup("local.test", PostingStatus.ALLOWED, "Tests", null)
                .addGroup("local.other", PostingStatus.ALLOWED, "Other", null);
        for (int i = 1; i <= 3; i++) {
            Coroutine.await(storage.store(Article.parse(("From: a@example.com\r\nNewsgroups: local.test\r\nSubject: hello "
                    + i + "\r\nMessage-ID: <" + i + "@example.com>\r\nDate: Mon, 7 Dec 2026 12:00:00 +0000\r\n"
                    + "Path: example.com!not-for-mail\r\n\r\n.dotted body " + i + "\r\n").getBytes(ISO_8859_1)),
                    "news.example.com"));
        }
        return storage;
    }

    @Test
    void slrnpullPostsAndPullsAGroupIntoItsSpool(NioReactor reactor) throws Exception {
        Path slrnpull = SLRNPULL.require();
        FileNewsStorage storage = storage();
        ServerConnections server = new ServerConnections(new NntpServerFactory(storage, reactor)
                .setServerName("news.example.com"));
        ListeningPort port = reactor.listenTCP(0, server, 50, "127.0.0.1");
        Path root = Files.createDirectories(dir.resolve("slrnpull"));
        Files.writeString(root.resolve("slrnpull.conf"), "default 100 0 0\nlocal.test\n");
        Files.createDirectories(root.resolve("out.going"));
        // slrn leaves what it posts offline in files named X... there; slrnpull sends those.
        Files.writeString(root.resolve("out.going/X1"), "From: s@example.com\nNewsgroups: local.test\n"
                + "Subject: from slrnpull\nMessage-ID: <slrnpull@example.com>\n\nposted offline\n", ISO_8859_1);

        String[] got = NewsInteropTest.run(reactor, List.of(slrnpull.toString(), "-d", root.toString(), "-h",
                "127.0.0.1:" + ((IPv4Address) port.getHost()).port(), "--debug", root.resolve("debug").toString()));
        Coroutine.await(port.stopListening());
        Coroutine.await(server.allClosed());

        String said = got[1] + (Files.exists(root.resolve("log")) ? Files.readString(root.resolve("log")) : "")
                + (Files.exists(root.resolve("debug")) ? Files.readString(root.resolve("debug"), ISO_8859_1) : "");
        assertThat(got[0]).as(said).isEqualTo("0");
        assertThat(new String(Coroutine.await(storage.article("<slrnpull@example.com>")), ISO_8859_1)).as(said)
                .contains("Subject: from slrnpull\r\n", "Path: news.example.com!not-for-mail\r\n")
                .endsWith("\r\n\r\nposted offline\r\n");
        Path spool = root.resolve("news/local/test");
        for (int i = 1; i <= 3; i++) {
            assertThat(Files.readString(spool.resolve(Integer.toString(i)), ISO_8859_1)).as(said)
                    .contains("Subject: hello " + i + "\n", "Message-ID: <" + i + "@example.com>\n",
                            "Xref: news.example.com local.test:" + i + "\n")
                    .endsWith("\n.dotted body " + i + "\n");
        }
        assertThat(Files.readString(spool.resolve("4"), ISO_8859_1)).as(said).contains("Subject: from slrnpull\n");
        assertThat(Files.readString(root.resolve("news/local/test/.overview"), ISO_8859_1)).as(said)
                .contains("1\thello 1\ta@example.com\t", "<3@example.com>");
        assertThat(Files.readString(root.resolve("data/active"), ISO_8859_1)).isEqualTo("local.test 4 1 y\n");
    }

    @Test
    void slrnListsTheGroupsOpensOneAndShowsAnArticle(NioReactor reactor) throws Exception {
        Path slrn = SLRN.require();
        Path tmux = Peer.TMUX.require();
        ListeningPort port = reactor.listenTCP(0, new NntpServerFactory(storage(), reactor)
                .setServerName("news.example.com"), 50, "127.0.0.1");
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve(".slrnrc"), "set hostname \"example.com\"\nset username \"reader\"\n"
                + "set realname \"A Reader\"\nset confirm_actions 0\n");
        Files.writeString(home.resolve(".jnewsrc"), "local.test:\nlocal.other:\n");
        String socket = "twisted4j-slrn-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try {
            tmux(reactor, tmux, socket, "new-session", "-d", "-s", "slrn", "-x", "120", "-y", "30", "env HOME=" + home
                    + " " + slrn + " --nntp -h 127.0.0.1 -p " + ((IPv4Address) port.getHost()).port() + " -f "
                    + home.resolve(".jnewsrc"));
            assertThat(screen(reactor, tmux, socket, "News Groups")).containsPattern("3 +local\\.test")
                    .doesNotContain("local.other");
            tmux(reactor, tmux, socket, "send-keys", "-t", "slrn", " ");
            assertThat(screen(reactor, tmux, socket, "hello 3")).contains("hello 1", "hello 2", "Group: local.test");
            tmux(reactor, tmux, socket, "send-keys", "-t", "slrn", " ");
            assertThat(screen(reactor, tmux, socket, ".dotted body 1")).contains("Subject: hello 1",
                    "From: a@example.com");
            tmux(reactor, tmux, socket, "send-keys", "-t", "slrn", "q");
            screen(reactor, tmux, socket, "News Groups");
            tmux(reactor, tmux, socket, "send-keys", "-t", "slrn", "q");
        } finally {
            Coroutine.await(reactor.deferToThread(() -> new ProcessBuilder(tmux.toString(), "-L", socket, "kill-server")
                    .redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS)));
            Coroutine.await(port.stopListening());
        }
    }

    /** Runs a tmux command on the test's own tmux server. */
    private static String tmux(NioReactor reactor, Path tmux, String socket, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tmux.toString(), "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        String[] got = NewsInteropTest.run(reactor, command);
        assertThat(got[0]).as("tmux " + String.join(" ", args) + ": " + got[1]).isEqualTo("0");
        return got[1];
    }

    /** Returns slrn's screen once it shows {@code text}; fails with the screen after about 20 seconds. */
    private static String screen(NioReactor reactor, Path tmux, String socket, String text) throws Exception {
        String shown = "";
        for (int i = 0; i < 200; i++) {
            shown = tmux(reactor, tmux, socket, "capture-pane", "-p", "-t", "slrn");
            if (shown.contains(text)) {
                return shown;
            }
            // The poll of a terminal: slrn says nothing else when it has drawn its screen.
            Coroutine.await(reactor.deferToThread(() -> {
                Thread.sleep(100);
                return null;
            }));
        }
        throw new AssertionError("slrn did not show " + text + "; its screen:\n" + shown);
    }
}
