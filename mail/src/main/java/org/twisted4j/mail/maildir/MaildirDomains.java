package org.twisted4j.mail.maildir;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.CredentialsChecker;
import org.twisted4j.cred.UnauthorizedLogin;
import org.twisted4j.cred.UsernameHashedPassword;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.mail.smtp.MailAddress;
import org.twisted4j.mail.smtp.MessageDelivery;
import org.twisted4j.mail.smtp.MessageSink;
import org.twisted4j.mail.smtp.MessageSinkFactory;
import org.twisted4j.mail.smtp.SmtpRejection;
import org.twisted4j.mail.smtp.SmtpUser;
import org.twisted4j.logger.Logger;

/**
 * Virtual domains of Maildirs, as Twisted's {@code MaildirDirdbmDomain} under a {@code MailService}: each domain
 * is a directory holding one Maildir per user and a {@code passwd} file of the users ({@code user:password}
 * lines, {@code #} comments), read instead of Twisted's dirdbm. It is the {@link MessageDelivery} of
 * {@code twist mail}, and its {@link #checker()} logs those users in.
 *
 * <pre>{@code
 * MaildirDomains domains = new MaildirDomains(reactor);
 * domains.addDomain("example.com", Path.of("/srv/mail/example.com"));  // users from .../passwd
 * domains.setDefaultDomain("example.com");
 * factory.setDelivery(domains);
 * }</pre>
 *
 * <h2>Recipients</h2>
 * A recipient's domain picks the domain (any case); an unknown domain goes to the default domain if there is
 * one, else 550 5.7.1 (this server does not relay). In the domain, a known user's mail goes to
 * {@code DIR/USER}; {@code postmaster} (any case) is always accepted (RFC 5321 §4.5.1) into {@code DIR/postmaster};
 * an unknown user goes to the domain's {@linkplain #setCatchAll catch-all} user, or is refused with 550 5.1.1.
 * A local part that is not a safe directory name (letters, digits, {@code . _ + -}, not starting with a dot) is
 * refused with 550 5.1.1 whatever its domain, so a quoted local part such as {@code "../x"} never leaves the
 * domain's directory.
 *
 * <h2>Storing</h2>
 * Each recipient's copy is held in memory while it arrives (at most the server's message size limit), then
 * {@link Maildir#deliver} runs off the reactor thread; its Deferred, and so the server's 250, fires only once the
 * message is synced into {@code new/}. A failure to store fails it, and the client gets 451.
 *
 * <p>Threading: configure before serving; the delivery methods run on the reactor thread.
 */
public final class MaildirDomains implements MessageDelivery {

    private static final Logger log = new Logger("maildir");

    private final ReactorThreads threads;
    private final Map<String, Domain> domains = new LinkedHashMap<>();
    private @Nullable Domain defaultDomain;

    /** One domain: its directory, its users and its catch-all. */
    private static final class Domain {
        final String name;
        final Path directory;
        final Map<String, String> users = new ConcurrentHashMap<>();
        @Nullable String catchAll;

        Domain(String name, Path directory) {
            this.name = name;
            this.directory = directory;
        }
    }

    /**
     * Makes an empty set of domains.
     *
     * @param threads the reactor, whose {@code deferToThread} stores the messages
     */
    public MaildirDomains(ReactorThreads threads) {
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    /**
     * Adds a domain served from a directory, reading its users from {@code directory/passwd} if that file
     * exists, and cleaning the {@code tmp/} of its Maildirs of files left there more than 36 hours ago.
     *
     * @param name the domain, such as {@code example.com}
     * @param directory the directory holding the users' Maildirs (created if missing)
     * @throws IOException if the directory or the passwd file cannot be read
     * @throws IllegalArgumentException if the passwd file has a line without {@code :} or a user name that is not
     *     a safe directory name
     */
    public void addDomain(String name, Path directory) throws IOException {
        Domain domain = new Domain(name.toLowerCase(Locale.ROOT), directory);
        Files.createDirectories(directory);
        Path passwd = directory.resolve("passwd");
        if (Files.exists(passwd)) {
            int number = 0;
            for (String line : Files.readAllLines(passwd, UTF_8)) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException(passwd + " line " + number + ": expected user:password");
                }
                addUser(domain, line.substring(0, colon), line.substring(colon + 1));
            }
        }
        cleanTmp(directory);
        domains.put(domain.name, domain);
    }

    private static void cleanTmp(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            for (Path box : entries.toList()) {
                if (Files.isDirectory(box.resolve("tmp"))) {
                    int removed = Maildir.open(box).cleanTmp(Instant.now());
                    if (removed > 0) {
                        log.info("removed {count} stale files from {dir}", "count", removed, "dir", box.resolve("tmp"));
                    }
                }
            }
        }
    }

    /**
     * Adds a user to a domain, in memory (the passwd file is not written).
     *
     * @param domain a domain added before
     * @param user the user name, a safe directory name
     * @param password the password
     * @throws IllegalArgumentException if the domain is unknown or the name unsafe
     */
    public void addUser(String domain, String user, String password) {
        addUser(domain(domain), user, password);
    }

    private static void addUser(Domain domain, String user, String password) {
        if (!isSafeName(user)) {
            throw new IllegalArgumentException("'" + user + "' cannot be a user name: it must be letters, digits, "
                    + "'.', '_', '+' or '-', and not start with '.'");
        }
        domain.users.put(user, password);
    }

    /**
     * Makes a domain the one for recipients of domains not added.
     *
     * @param domain a domain added before
     * @throws IllegalArgumentException if it is unknown
     */
    public void setDefaultDomain(String domain) {
        defaultDomain = domain(domain);
    }

    /**
     * Sends the mail for unknown users of a domain to one user.
     *
     * @param domain a domain added before
     * @param user the user receiving it, or null to refuse unknown users (the default)
     * @throws IllegalArgumentException if the domain is unknown or the name unsafe
     */
    public void setCatchAll(String domain, @Nullable String user) {
        if (user != null && !isSafeName(user)) {
            throw new IllegalArgumentException("'" + user + "' cannot be a user name");
        }
        domain(domain).catchAll = user;
    }

    /** Returns the domains' names, in the order added. */
    public List<String> domainNames() {
        return List.copyOf(domains.keySet());
    }

    private Domain domain(String name) {
        Domain domain = domains.get(name.toLowerCase(Locale.ROOT));
        if (domain == null) {
            throw new IllegalArgumentException("no domain " + name + " was added");
        }
        return domain;
    }

    @Override
    public Deferred<MailAddress> validateFrom(org.twisted4j.mail.smtp.Helo helo, MailAddress origin) {
        return Deferred.succeed(origin);
    }

    @Override
    public Deferred<MessageSinkFactory> validateTo(SmtpUser user) {
        MailAddress dest = user.dest();
        Domain domain = dest.domain().isEmpty() ? defaultDomain : domains.getOrDefault(dest.domainLowerCase(), defaultDomain);
        if (domain == null) {
            return Deferred.fail(new SmtpRejection(550, "5.7.1", "Relaying denied: " + dest.domain() + " is not served here"));
        }
        String local = dest.localPart();
        String box;
        if (local.equalsIgnoreCase("postmaster")) {
            box = "postmaster";
        } else if (isSafeName(local) && domain.users.containsKey(local)) {
            box = local;
        } else if (isSafeName(local) && domain.catchAll != null) {
            box = domain.catchAll;
        } else {
            return Deferred.fail(new SmtpRejection(550, "5.1.1", "No such user here"));
        }
        Path directory = domain.directory.resolve(box);
        return Deferred.succeed(() -> new MaildirSink(threads, directory));
    }

    /**
     * Returns a checker of the domains' users, for the SMTP portal: a user logs in as {@code user@domain}, or as
     * {@code user} of the default domain, with a password or CRAM-MD5; the avatar id is {@code user@domain}.
     */
    public CredentialsChecker checker() {
        return new CredentialsChecker() {
            @Override
            public Set<Class<? extends Credentials>> credentialInterfaces() {
                return Set.of(UsernamePassword.class, UsernameHashedPassword.class);
            }

            @Override
            public Deferred<String> requestAvatarId(Credentials credentials) {
                String name = credentials instanceof UsernamePassword p ? p.username()
                        : credentials instanceof UsernameHashedPassword h ? h.username() : "";
                int at = name.lastIndexOf('@');
                Domain domain = at < 0 ? defaultDomain : domains.get(name.substring(at + 1).toLowerCase(Locale.ROOT));
                String user = at < 0 ? name : name.substring(0, at);
                String password = domain == null ? null : domain.users.get(user);
                boolean ok = password != null && (credentials instanceof UsernamePassword p ? p.checkPassword(password)
                        : credentials instanceof UsernameHashedPassword h && h.checkPassword(password));
                if (!ok || domain == null) {
                    return Deferred.fail(new UnauthorizedLogin("bad user name or password"));
                }
                return Deferred.succeed(user + "@" + domain.name);
            }
        };
    }

    /**
     * Returns the Maildir of a user the {@link #checker()} let in.
     *
     * @param avatarId {@code user@domain}, as the checker returns it
     * @throws IllegalArgumentException if the domain is unknown or the user name unsafe
     */
    public Path mailboxDirectory(String avatarId) {
        int at = avatarId.lastIndexOf('@');
        String user = at < 0 ? avatarId : avatarId.substring(0, at);
        if (at < 0 || !isSafeName(user)) {
            throw new IllegalArgumentException("not a user@domain: " + avatarId);
        }
        return domain(avatarId.substring(at + 1)).directory.resolve(user);
    }

    static boolean isSafeName(String name) {
        if (name.isEmpty() || name.length() > 64 || name.startsWith(".") || name.equals("passwd")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '+' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** One recipient's copy: held in memory, then stored by a blocking thread. */
    private static final class MaildirSink implements MessageSink {
        private final ReactorThreads threads;
        private final Path directory;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        MaildirSink(ReactorThreads threads, Path directory) {
            this.threads = threads;
            this.directory = directory;
        }

        @Override
        public void write(byte[] data) {
            bytes.writeBytes(data);
        }

        @Override
        public Deferred<?> eomReceived() {
            byte[] message = bytes.toByteArray();
            return threads.deferToThread(() -> Maildir.open(directory).deliver(message));
        }

        @Override
        public void connectionLost() {
            bytes.reset();
        }
    }
}
