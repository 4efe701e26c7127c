package org.twisted4j.twist;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.peers.Peer;

/** {@code twist mail} as a separate JVM: swaks delivering into a Maildir, refused options, and a crash test. */
class MailPluginProcessTest {

    /** How many deliveries run at once in the crash test. */
    static final int CONCURRENT = 200;

    @TempDir
    Path dir;

    private ChildJvm mail;

    @AfterEach
    void stop() throws Exception {
        if (mail != null) {
            mail.kill();
            mail.waitFor();
        }
    }

    private int startMail(Path domain) throws Exception {
        Files.createDirectories(domain);
        Files.writeString(domain.resolve("passwd"), "bob:secret\n");
        mail = ChildJvm.start(Twist.class, dir, "mail", "--maildirdbmdomain", "example.test=" + domain, "--default",
                "--smtp", "tcp:0:interface=127.0.0.1", "--hostname", "mx.test", "--no-pop3");
        return TwistProcessTest.port(mail.awaitLine(line -> line.contains("smtp listening on")));
    }

    @Test
    void twistMailDeliversWhatSwaksSendsIntoTheMaildir() throws Exception {
        Path domain = dir.resolve("example");
        int port = startMail(domain);
        ToolRun run = ToolRun.of(Peer.SWAKS, "--server", "127.0.0.1:" + port, "--from", "alice@else.test", "--to",
                "bob@example.test", "--header", "Subject: end to end", "--body", "into the maildir", "--pipeline");
        assertThat(run.exitCode()).as(run.output()).isZero();
        List<Path> stored;
        try (var files = Files.list(domain.resolve("bob/new"))) {
            stored = files.toList();
        }
        assertThat(stored).singleElement().satisfies(file -> assertThat(Files.readString(file))
                .startsWith("Received: from ").contains("by mx.test with ESMTP").contains("Subject: end to end")
                .contains("into the maildir"));
        ToolRun refused = ToolRun.of(Peer.SWAKS, "--server", "127.0.0.1:" + port, "--to", "carol@example.test");
        assertThat(refused.output()).contains("550 5.1.1 No such user here");
    }

    @Test
    void curlAndPoplibReadWhatSwaksDeliveredAndDeleAtQuitRemovesIt() throws Exception {
        Path domain = dir.resolve("example");
        Files.createDirectories(domain);
        Files.writeString(domain.resolve("passwd"), "bob:secret\n");
        mail = ChildJvm.start(Twist.class, dir, "mail", "--maildirdbmdomain", "example.test=" + domain, "--default",
                "--smtp", "tcp:0:interface=127.0.0.1", "--pop3", "tcp:0:interface=127.0.0.1", "--hostname", "mx.test");
        Map<String, Integer> ports = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            String line = mail.awaitLine(l -> l.contains(" listening on "));
            ports.put(line.contains("pop3 listening") ? "pop3" : "smtp", TwistProcessTest.port(line));
        }
        ToolRun sent = ToolRun.of(Peer.SWAKS, "--server", "127.0.0.1:" + ports.get("smtp"), "--from",
                "alice@else.test", "--to", "bob@example.test", "--header", "Subject: over pop3", "--body",
                "first line\n.starts with a dot");
        assertThat(sent.exitCode()).as(sent.output()).isZero();
        String pop3 = "pop3://127.0.0.1:" + ports.get("pop3") + "/";
        ToolRun list = ToolRun.of(Peer.CURL, ToolRun.curlArguments("--user", "bob:secret", pop3));
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).matches("1 \\d+\r\n");
        ToolRun retr = ToolRun.of(Peer.CURL, ToolRun.curlArguments("--user", "bob:secret", pop3 + "1"));
        assertThat(retr.exitCode()).as(retr.output()).isZero();
        assertThat(retr.output()).contains("Subject: over pop3\r\n").contains("\r\n.starts with a dot\r\n");
        Path script = Path.of(MailPluginProcessTest.class.getResource("pop3_fetch.py").toURI());
        ToolRun fetched = ToolRun.of(Peer.PYTHON, script.toString(), String.valueOf(ports.get("pop3")), "bob",
                "secret");
        assertThat(fetched.exitCode()).as(fetched.output()).isZero();
        assertThat(fetched.output()).contains("stat 1 ").contains("> Subject: over pop3")
                .contains("> .starts with a dot").contains("quit +OK");
        try (var files = Files.list(domain.resolve("bob/new"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void curlReadsOverPop3AfterStlsWithTheStarttlsCertificate() throws Exception {
        Path domain = dir.resolve("example");
        Files.createDirectories(domain);
        Files.writeString(domain.resolve("passwd"), "bob:secret\n");
        org.twisted4j.mail.maildir.Maildir.open(domain.resolve("bob"))
                .deliver("Subject: under tls\r\n\r\nsealed\r\n".getBytes(US_ASCII));
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        ToolRun made = ToolRun.of(Peer.OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days",
                "2", "-subj", "/CN=localhost");
        assertThat(made.exitCode()).as(made.output()).isZero();
        mail = ChildJvm.start(Twist.class, dir, "mail", "--maildirdbmdomain", "example.test=" + domain, "--default",
                "--no-smtp", "--pop3", "tcp:0:interface=127.0.0.1", "--certificate", cert.toString(), "--private-key",
                key.toString());
        int port = TwistProcessTest.port(mail.awaitLine(l -> l.contains("pop3 listening on")));
        ToolRun retr = ToolRun.of(Peer.CURL, ToolRun.curlArguments("--ssl-reqd", "--insecure", "--user",
                "bob:secret", "pop3://127.0.0.1:" + port + "/1"));
        assertThat(retr.exitCode()).as(retr.output()).isZero();
        assertThat(retr.output()).isEqualTo("Subject: under tls\r\n\r\nsealed\r\n");
    }

    @Test
    void fetchmailCollectsOverStls() throws Exception {
        Path domain = dir.resolve("example");
        Files.createDirectories(domain);
        Files.writeString(domain.resolve("passwd"), "bob:secret\n");
        org.twisted4j.mail.maildir.Maildir box = org.twisted4j.mail.maildir.Maildir.open(domain.resolve("bob"));
        box.deliver("Subject: first\r\n\r\none\r\n".getBytes(US_ASCII));
        box.deliver("Subject: second\r\n\r\n.two\r\n".getBytes(US_ASCII));
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        ToolRun made = ToolRun.of(Peer.OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days",
                "2", "-subj", "/CN=localhost");
        assertThat(made.exitCode()).as(made.output()).isZero();
        mail = ChildJvm.start(Twist.class, dir, "mail", "--maildirdbmdomain", "example.test=" + domain, "--default",
                "--no-smtp", "--pop3", "tcp:0:interface=127.0.0.1", "--certificate", cert.toString(), "--private-key",
                key.toString());
        int port = TwistProcessTest.port(mail.awaitLine(l -> l.contains("pop3 listening on")));
        Path out = dir.resolve("fetched.mbox");
        Path rc = dir.resolve("fetchmailrc");
        Files.writeString(rc, "set no bouncemail\n"
                + "poll 127.0.0.1 proto pop3 port " + port + " timeout 30\n"
                + "  user \"bob\" there with password \"secret\" is \"bob\" here\n"
                + "  sslproto 'TLS1.2+' no sslcertck fetchall\n"
                + "  mda \"/bin/sh -c 'cat >> " + out + "'\"\n");
        Files.setPosixFilePermissions(rc, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        ToolRun fetched = ToolRun.of(Peer.FETCHMAIL, "-f", rc.toString(), "--idfile", dir.resolve("ids").toString(),
                "--pidfile", dir.resolve("fetchmail.pid").toString(), "-v", "--nosyslog");
        assertThat(fetched.exitCode()).as(fetched.output()).isZero();
        assertThat(fetched.output()).contains("STLS").contains("2 messages");
        assertThat(Files.readString(out)).contains("Subject: first").contains("Subject: second").contains(".two");
        try (var files = Files.list(domain.resolve("bob/new")); var seen = Files.list(domain.resolve("bob/cur"))) {
            assertThat(files.count() + seen.count()).as("fetchmail deletes what it collected").isZero();
        }
    }

    @Test
    void anAliasFileSendsToUsersAndAppendsToAFile() throws Exception {
        Path domain = dir.resolve("example");
        Files.createDirectories(domain);
        Files.writeString(domain.resolve("passwd"), "bob:secret\ncarol:pw\n");
        Path archive = dir.resolve("archive.mbox");
        Path aliases = dir.resolve("aliases");
        Files.writeString(aliases, "# team\nteam: bob,\n  carol, " + archive + "\n");
        mail = ChildJvm.start(Twist.class, dir, "mail", "--maildirdbmdomain", "example.test=" + domain, "--aliases",
                aliases.toString(), "--smtp", "tcp:0:interface=127.0.0.1", "--hostname", "mx.test", "--no-pop3");
        int port = TwistProcessTest.port(mail.awaitLine(line -> line.contains("smtp listening on")));
        ToolRun run = ToolRun.of(Peer.SWAKS, "--server", "127.0.0.1:" + port, "--from", "alice@else.test", "--to",
                "team@example.test", "--header", "Subject: to the team", "--body", "everyone");
        assertThat(run.exitCode()).as(run.output()).isZero();
        for (String user : List.of("bob", "carol")) {
            try (var files = Files.list(domain.resolve(user + "/new"))) {
                assertThat(files.toList()).as(user).singleElement().satisfies(file ->
                        assertThat(Files.readString(file)).contains("Subject: to the team"));
            }
        }
        assertThat(Files.readString(archive)).contains("Subject: to the team").contains("everyone");
        ChildJvm refused = ChildJvm.start(Twist.class, dir, "mail", "--maildirdbmdomain", "x.test=" + dir.resolve("x"),
                "--aliases", dir.resolve("missing").toString());
        assertThat(refused.waitFor()).isEqualTo(2);
    }

    /**
     * Many deliveries at once, and the server killed with SIGKILL at a random point: every message that got its
     * 250 is in new/ exactly once and whole; every file in new/ is a whole message whose end was sent; no message
     * is in new/ twice.
     */
    @Test
    void aKilledServerKeepsEveryAcknowledgedMessageWholeAndOnlyOnce() throws Exception {
        Path domain = dir.resolve("example");
        int port = startMail(domain);
        int killAfter = ThreadLocalRandom.current().nextInt(CONCURRENT / 10, CONCURRENT / 2);
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Integer> endSent = ConcurrentHashMap.newKeySet();
        AtomicInteger acks = new AtomicInteger();
        CountDownLatch killNow = new CountDownLatch(1);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            int id = i;
            clients.add(Thread.ofVirtual().start(() -> {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    socket.setSoTimeout(60_000);
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
                    OutputStream out = socket.getOutputStream();
                    out.write("EHLO c\r\nMAIL FROM:<a@a.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n".getBytes(US_ASCII));
                    String line;
                    while ((line = in.readLine()) != null && !line.startsWith("354")) {
                        if (line.startsWith("4") || line.startsWith("5")) {
                            return;
                        }
                    }
                    if (line == null) {
                        return;
                    }
                    out.write(body(id).getBytes(US_ASCII));
                    out.write(".\r\n".getBytes(US_ASCII));
                    out.flush();
                    endSent.add(id);
                    line = in.readLine();
                    if (line != null && line.startsWith("250")) {
                        acknowledged.add(id);
                        if (acks.incrementAndGet() == killAfter) {
                            killNow.countDown();
                        }
                    }
                } catch (java.io.IOException e) {
                    // The server was killed under this client.
                }
            }));
        }
        killNow.await(ChildJvm.WAIT_SECONDS, TimeUnit.SECONDS);
        mail.kill();
        mail.waitFor();
        mail = null;
        for (Thread client : clients) {
            client.join(TimeUnit.SECONDS.toMillis(ChildJvm.WAIT_SECONDS));
        }
        Map<Integer, Integer> copies = new HashMap<>();
        try (var files = Files.list(domain.resolve("bob/new"))) {
            for (Path file : files.toList()) {
                String text = Files.readString(file, US_ASCII);
                int id = Integer.parseInt(text.replaceAll("(?s).*Message-Id: <(\\d+)@test>.*", "$1"));
                assertThat(text).as(file.toString()).endsWith(body(id));
                copies.merge(id, 1, Integer::sum);
            }
        }
        System.out.printf("mail crash test: %d deliveries at once, SIGKILL after the %dth 250: %d acknowledged, "
                + "%d sent their end of data, %d stored in new/%n", CONCURRENT, killAfter, acknowledged.size(),
                endSent.size(), copies.size());
        assertThat(acknowledged).as("messages acknowledged (the kill came after %d)", killAfter).hasSizeGreaterThanOrEqualTo(killAfter);
        assertThat(copies.keySet()).containsAll(acknowledged);
        assertThat(endSent).containsAll(copies.keySet());
        assertThat(copies.values()).allMatch(count -> count == 1);
    }

    private static String body(int id) {
        StringBuilder out = new StringBuilder("Message-Id: <" + id + "@test>\r\nSubject: crash test\r\n\r\n");
        for (int line = 0; line < 40; line++) {
            out.append("message ").append(id).append(" line ").append(line).append(" ").append("x".repeat(60)).append("\r\n");
        }
        return out.toString();
    }
}
