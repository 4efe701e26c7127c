package org.twisted4j.twist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.peers.Peer;

/**
 * {@code twist mail --imap} as a separate JVM: neomutt reads what swaks delivered, an idling client hears of a
 * delivery, and curl lists over STARTTLS.
 */
class MailImapProcessTest {

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

    /** Starts {@code twist mail} with SMTP and IMAP; returns their ports by protocol. */
    private Map<String, Integer> startMail(String... extra) throws Exception {
        Path domain = dir.resolve("example");
        Files.createDirectories(domain);
        Files.writeString(domain.resolve("passwd"), "bob:secret\n");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("mail", "--maildirdbmdomain",
                "example.test=" + domain, "--default", "--smtp", "tcp:0:interface=127.0.0.1", "--imap",
                "tcp:0:interface=127.0.0.1", "--no-pop3", "--hostname", "mx.test"));
        args.addAll(java.util.List.of(extra));
        mail = ChildJvm.start(Twist.class, dir, args.toArray(String[]::new));
        Map<String, Integer> ports = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            String line = mail.awaitLine(l -> l.contains(" listening on "));
            ports.put(line.contains("imap listening") ? "imap" : "smtp", TwistProcessTest.port(line));
        }
        return ports;
    }

    private static ToolRun swaks(int port, String subject) throws Exception {
        ToolRun sent = ToolRun.of(Peer.SWAKS, "--server", "127.0.0.1:" + port, "--from", "alice@else.test", "--to",
                "bob@example.test", "--header", "Subject: " + subject, "--body", "over imap");
        assertThat(sent.exitCode()).as(sent.output()).isZero();
        return sent;
    }

    @Test
    void neomuttReadsOverImapWhatSwaksDelivered() throws Exception {
        Map<String, Integer> ports = startMail();
        swaks(ports.get("smtp"), "for neomutt");
        Path rc = dir.resolve("muttrc");
        // neomutt asks for the password on the terminal unless its configuration gives it, and asks whether to
        // create its folder ($folder, ~/Mail by default) where that is missing, which would eat the pushed keys.
        Files.writeString(rc, "set header_cache=\"\"\nset message_cachedir=\"\"\nset wait_key=no\n"
                + "set ssl_starttls=no\nset ssl_force_tls=no\nset imap_user=bob\nset imap_pass=secret\n"
                + "set folder=\"" + dir + "\"\n");
        Path out = dir.resolve("piped.txt");
        String url = "imap://bob@127.0.0.1:" + ports.get("imap") + "/INBOX";
        // neomutt has no batch mode for reading: it runs in a pseudo-terminal from `script`, and keys pushed with
        // -e pipe the first message to a file and quit.
        String neomutt = Peer.NEOMUTT.require() + " -n -F " + rc + " -f " + url + " -e 'push \"<pipe-message>cat > "
                + out + "<enter><quit>\"'";
        ToolRun run = ToolRunInTerminal.of(neomutt);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readString(out)).contains("Subject: for neomutt\n").contains("over imap")
                .contains("by mx.test with ESMTP");
    }

    @Test
    void anIdlingClientHearsOfASmtpDeliveryWithinASecond() throws Exception {
        Map<String, Integer> ports = startMail();
        Path script = Path.of(MailImapProcessTest.class.getResource("imap_idle.py").toURI());
        Process idler = new ProcessBuilder(Peer.PYTHON.require().toString(), script.toString(),
                String.valueOf(ports.get("imap")), "bob", "secret").redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(idler.getInputStream(), UTF_8))) {
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null && !line.equals("idling")) {
                seen.append(line).append('\n');
            }
            assertThat(line).as(seen.toString()).isEqualTo("idling");
            swaks(ports.get("smtp"), "while idling");
            long delivered = System.nanoTime();
            while ((line = lines.readLine()) != null && !line.equals("exists")) {
                seen.append(line).append('\n');
            }
            double seconds = (System.nanoTime() - delivered) / 1e9;
            assertThat(line).as(seen.toString()).isEqualTo("exists");
            assertThat(seen.toString()).contains("* 1 EXISTS");
            assertThat(seconds).as("seconds from the SMTP 250 to EXISTS").isLessThan(1.5);
            assertThat(idler.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(idler.exitValue()).isZero();
        } finally {
            idler.destroyForcibly();
        }
    }

    @Test
    void curlListsAndFetchesOverImapAfterStartTls() throws Exception {
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        ToolRun made = ToolRun.of(Peer.OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days",
                "2", "-subj", "/CN=localhost");
        assertThat(made.exitCode()).as(made.output()).isZero();
        Map<String, Integer> ports = startMail("--certificate", cert.toString(), "--private-key", key.toString());
        swaks(ports.get("smtp"), "under tls");
        String base = "imap://127.0.0.1:" + ports.get("imap") + "/";
        ToolRun list = ToolRun.of(Peer.CURL, ToolRun.curlArguments("--ssl-reqd", "--insecure", "--user",
                "bob:secret", base));
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).contains("* LIST (\\HasNoChildren) \"/\" INBOX");
        ToolRun fetched = ToolRun.of(Peer.CURL, ToolRun.curlArguments("--ssl-reqd", "--insecure", "--user",
                "bob:secret", base + "INBOX;UID=1"));
        assertThat(fetched.exitCode()).as(fetched.output()).isZero();
        assertThat(fetched.output()).contains("Subject: under tls\r\n").contains("over imap");
    }

    /** Runs a shell command line in a pseudo-terminal made by util-linux's {@code script}. */
    static final class ToolRunInTerminal {
        static ToolRun of(String commandLine) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(Peer.SCRIPT.require().toString(), "-qec", commandLine,
                    "/dev/null").redirectErrorStream(true);
            builder.environment().put("TERM", "xterm");
            Process process = builder.start();
            process.getOutputStream().close();
            java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    process.getInputStream().transferTo(output);
                } catch (java.io.IOException e) {
                    // the process was killed: what was read is kept
                }
            });
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                reader.join(5000);
                throw new AssertionError("did not finish within a minute; it printed:\n" + output.toString(UTF_8));
            }
            reader.join(5000);
            return new ToolRun(process.exitValue(), output.toString(UTF_8));
        }
    }
}
