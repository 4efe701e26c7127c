package org.twisted4j.twist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.mail.maildir.Maildir;
import org.twisted4j.peers.Peer;

/**
 * {@code twist mail --relay} as a separate JVM: it finds the destination's mail exchange through a test zone
 * served by {@code twist dns}, delivers to a second {@code twist mail}, keeps what it queued across a
 * {@code kill -9}, and bounces what the destination refuses back into the sender's Maildir.
 */
class MailRelayProcessTest {

    @TempDir
    Path dir;

    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (ChildJvm child : children) {
            child.kill();
            child.waitFor();
        }
    }

    private ChildJvm start(String... args) throws IOException {
        ChildJvm child = ChildJvm.start(Twist.class, dir, args);
        children.add(child);
        return child;
    }

    private int dns() throws Exception {
        Path zone = dir.resolve("dest.test.zone");
        Files.writeString(zone, """
                $ORIGIN dest.test.
                $TTL 300
                @    SOA ns1 hostmaster 1 7200 900 1209600 60
                     NS ns1
                     MX 10 mx
                     MX 20 backup
                ns1  A 127.0.0.1
                mx   A 127.0.0.1
                backup A 127.0.0.1
                """);
        ChildJvm dns = start("dns", "--bindzone", zone.toString(), "-p", "0", "-i", "127.0.0.1");
        return TwistProcessTest.port(dns.awaitLine(line -> line.contains("dns listening on")));
    }

    private ChildJvm destination(int port) throws Exception {
        Path domain = dir.resolve("dest");
        Files.createDirectories(domain);
        Files.writeString(domain.resolve("passwd"), "bob:secret\n");
        ChildJvm mail = start("mail", "--maildirdbmdomain", "dest.test=" + domain, "--smtp",
                "tcp:" + port + ":interface=127.0.0.1", "--hostname", "mx.dest.test", "--no-pop3");
        mail.awaitLine(line -> line.contains("smtp listening on"));
        return mail;
    }

    private ChildJvm relay(int dnsPort, int mxPort) throws IOException {
        Path domain = dir.resolve("relay");
        return start("mail", "--maildirdbmdomain", "relay.test=" + domain, "--user", "alice=pw", "--smtp",
                "tcp:0:interface=127.0.0.1", "--hostname", "relay.test", "--no-pop3", "--relay",
                dir.resolve("queue").toString(), "--nameserver", "127.0.0.1:" + dnsPort, "--mx-port",
                String.valueOf(mxPort), "--retry", "1s/1d");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static ToolRun send(int port, String to, String subject) throws Exception {
        return ToolRun.of(Peer.SWAKS, "--server", "127.0.0.1:" + port, "--from", "alice@relay.test", "--to", to,
                "--header", "Subject: " + subject, "--body", "relayed body");
    }

    /** Waits (boundedly) until a Maildir's new/ holds {@code count} messages, and returns them. */
    private static List<String> awaitMessages(Path maildir, int count) throws Exception {
        Path fresh = Maildir.open(maildir).root().resolve("new");
        List<String> messages = new ArrayList<>();
        for (Path file : awaitFiles(fresh, files -> files.size() >= count)) {
            messages.add(Files.readString(file, UTF_8));
        }
        return messages;
    }

    /** Waits (60 s at most) until the files of {@code directory}, sorted, satisfy {@code done}; returns them. */
    private static List<Path> awaitFiles(Path directory, java.util.function.Predicate<List<Path>> done)
            throws Exception {
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            directory.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                List<Path> files;
                try (var listing = Files.list(directory)) {
                    files = listing.sorted().toList();
                }
                if (done.test(files)) {
                    return files;
                }
                long left = deadline - System.nanoTime();
                assertThat(left).as("files in " + directory + ": " + files).isPositive();
                var key = watch.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }

    @Test
    void relaysByMxKeepsItsQueueAcrossAKillAndBouncesRefusals() throws Exception {
        int dnsPort = dns();
        int mxPort = freePort();

        ChildJvm relay = relay(dnsPort, mxPort);
        int relayPort = TwistProcessTest.port(relay.awaitLine(line -> line.contains("smtp listening on")));
        ToolRun first = send(relayPort, "bob@dest.test", "queued while the exchange is down");
        assertThat(first.exitCode()).as(first.output()).isZero();
        relay.awaitLine(line -> line.contains("will retry"));
        try (var files = Files.list(dir.resolve("queue"))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".env"));
        }
        relay.kill();
        relay.waitFor();

        destination(mxPort);
        relay = relay(dnsPort, mxPort);
        relayPort = TwistProcessTest.port(relay.awaitLine(line -> line.contains("smtp listening on")));
        List<String> delivered = awaitMessages(dir.resolve("dest/bob"), 1);
        assertThat(delivered.get(0)).contains("Subject: queued while the exchange is down", "relayed body",
                "by relay.test", "by mx.dest.test");

        ToolRun second = send(relayPort, "bob@dest.test", "straight through");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(awaitMessages(dir.resolve("dest/bob"), 2)).anySatisfy(m -> assertThat(m).contains("straight through"));

        ToolRun refused = send(relayPort, "nobody@dest.test", "to nobody");
        assertThat(refused.exitCode()).as("the relay takes it; the destination refuses it later").isZero();
        List<String> bounces = awaitMessages(dir.resolve("relay/alice"), 1);
        assertThat(bounces.get(0)).contains("Content-Type: multipart/report; report-type=delivery-status",
                "Final-Recipient: rfc822; nobody@dest.test", "Status: 5.1.1", "Remote-MTA: dns; mx.dest.test",
                "Subject: to nobody");
        // The bounce is stored before the refused message leaves the queue: wait for it to go.
        assertThat(awaitFiles(dir.resolve("queue"), List::isEmpty)).as("nothing left in the queue").isEmpty();
    }

    @Test
    void strangersMayNotRelayButLoggedInUsersMay() throws Exception {
        int dnsPort = dns();
        ChildJvm relay = start("mail", "--maildirdbmdomain", "relay.test=" + dir.resolve("relay"), "--user",
                "alice=pw", "--smtp", "tcp:0:interface=127.0.0.1", "--no-pop3", "--relay",
                dir.resolve("queue").toString(), "--nameserver", "127.0.0.1:" + dnsPort, "--relay-from", "none");
        int port = TwistProcessTest.port(relay.awaitLine(line -> line.contains("smtp listening on")));
        ToolRun stranger = send(port, "bob@dest.test", "open relay?");
        assertThat(stranger.output()).contains("550 5.7.1 Relaying denied");
        ToolRun user = ToolRun.of(Peer.SWAKS, "--server", "127.0.0.1:" + port, "--from", "alice@relay.test", "--to",
                "bob@dest.test", "--auth", "CRAM-MD5", "--auth-user", "alice@relay.test", "--auth-password", "pw");
        assertThat(user.exitCode()).as(user.output()).isZero();
        assertThat(user.output()).contains("235 ");
    }
}
