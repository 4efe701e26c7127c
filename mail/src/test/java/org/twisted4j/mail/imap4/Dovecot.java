package org.twisted4j.mail.imap4;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.stream.Stream;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;

/**
 * A throwaway Dovecot IMAP server for tests and benchmarks: its configuration, users file ({@code bob:secret})
 * and Maildirs ({@code DIR/mail/USER}) under a directory, listening on a free loopback port, without TLS, run in
 * the foreground. As root, Dovecot's login and mail processes must not be root: they run as Debian's
 * {@code dovenull} and {@code dovecot} users, which are given the directory; otherwise as the current user.
 */
final class Dovecot {

    final ExternalServer server;
    final Path mail;

    private Dovecot(ExternalServer server, Path mail) {
        this.server = server;
        this.mail = mail;
    }

    int port() {
        return server.port();
    }

    static Dovecot start(NioReactor reactor, Path dir) throws Exception {
        Path dovecot = Peer.DOVECOT.require();
        int port = ExternalServer.freePort();
        boolean root = "root".equals(System.getProperty("user.name"));
        String me = System.getProperty("user.name");
        String internal = root ? "dovecot" : me;
        String login = root ? "dovenull" : me;
        Path mail = dir.resolve("mail");
        Files.createDirectories(mail);
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("users"), "bob:{PLAIN}secret\n");
        Files.writeString(dir.resolve("dovecot.conf"), String.join("\n", List.of(
                "protocols = imap",
                "listen = 127.0.0.1",
                "base_dir = " + dir.resolve("run"),
                "state_dir = " + dir.resolve("state"),
                "log_path = /dev/stderr",
                "ssl = no",
                "disable_plaintext_auth = no",
                "auth_mechanisms = plain login",
                "default_internal_user = " + internal,
                "default_internal_group = " + internal,
                "default_login_user = " + login,
                "first_valid_uid = 1",
                "mail_location = maildir:" + mail + "/%u",
                "passdb {", "  driver = passwd-file", "  args = scheme=PLAIN " + dir.resolve("users"), "}",
                "userdb {", "  driver = static", "  args = uid=" + internal + " gid=" + internal + " home=" + mail
                        + "/%u", "}",
                "service imap-login {", "  chroot =", "  inet_listener imap {", "    address = 127.0.0.1",
                "    port = " + port, "  }", "  inet_listener imaps {", "    port = 0", "  }", "}",
                "service anvil {", "  chroot =", "}", "")));
        if (root) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            for (Path p = dir; p != null && p.startsWith(dir.getParent()); p = p.getParent()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            try (Stream<Path> tree = Files.walk(mail)) {
                for (Path p : tree.toList()) {
                    Files.setOwner(p, users.lookupPrincipalByName(internal));
                }
            }
        }
        ExternalServer server = ExternalServer.start(reactor, "dovecot",
                List.of(dovecot.toString(), "-F", "-c", dir.resolve("dovecot.conf").toString()), port);
        return new Dovecot(server, mail);
    }

    String stop(NioReactor reactor) throws Exception {
        return server.stop(reactor);
    }
}
