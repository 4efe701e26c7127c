package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.peers.Peer;

/** {@code twist words} as a separate JVM, with two Python Twisted IRCClients logging in and talking through it. */
class WordsPluginProcessTest {

    @TempDir
    Path dir;

    private ChildJvm words;

    @AfterEach
    void stop() throws Exception {
        if (words != null) {
            words.terminate();
            words.waitFor();
        }
    }

    @Test
    void pythonClientsLogInAndTalkThroughTwistWords() throws Exception {
        words = ChildJvm.start(Twist.class, dir, "words", "--irc-port", "tcp:0:interface=127.0.0.1", "--group", "twisted",
                "--auth", "memory:alice:wonderland:bob:builder", "--hostname", "irc.process.test");
        int port = TwistProcessTest.port(words.awaitLine(line -> line.contains("listening on")));
        Path script = Path.of(WordsPluginProcessTest.class.getResource("words_irc_clients.py").toURI());
        ToolRun run = ToolRun.of(Peer.PYTHON_TWISTED, script.toString(), String.valueOf(port));
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().lines().toList()).as(run.output()).containsExactly(
                "bob signedOn", "bob joined #twisted", "alice signedOn", "alice joined #twisted",
                "alice privmsg bob #twisted hello alice", "bob privmsg alice #twisted hello bob");
    }
}
