package org.twisted4j.cred;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.crypt.CryptHashes;
import org.twisted4j.cred.crypt.MalformedHashException;
import org.twisted4j.defer.Deferred;
import org.twisted4j.logger.Logger;

/**
 * User names and passwords from a text file, one user a line (Twisted's {@code FilePasswordDB};
 * {@code --auth file:PATH}).
 *
 * <pre>{@code
 * alice:$2b$12$0h9dz1sQzmGfkmY3NB9bje0IHP1gNXGmqLzsCh0JmZlFjuVvQa3ki
 * bob:$6$sX8e4ZJK$U8P0yNw...
 * carol:plain text password
 * }</pre>
 *
 * <h2>Lines</h2>
 * Each line is split at every {@code delimiter} (trailing white space removed first); the fields
 * {@code usernameField} and {@code passwordField} are the user name and the stored password, and lines with too
 * few fields are skipped, as in Twisted. With {@code caseSensitive} false, user names are compared in lower case.
 *
 * <h2>Stored passwords</h2>
 * <ul>
 *   <li>with a {@link PasswordHash} given, it hashes what the client sent and the result is compared with the
 *       stored value; only {@link UsernamePassword} credentials can be checked then;
 *   <li>otherwise a stored value with a hash prefix ({@code $y$} yescrypt, {@code $7$} scrypt,
 *       {@code $2a$ $2b$ $2y$} bcrypt, {@code $6$} SHA-512-crypt, {@code $5$} SHA-256-crypt, {@code {SSHA}}) is
 *       verified with {@link CryptHashes}, which also needs the
 *       password in clear ({@link UsernamePassword});
 *   <li>anything else is a password in clear, checked by the credentials themselves (so
 *       {@link UsernameHashedPassword} credentials such as CRAM-MD5 work too). The first such line is logged once
 *       per file as a warning naming the file.
 * </ul>
 * The avatar id is the user name as the file spells it. A file that cannot be read fails the login with
 * {@link UnauthorizedLogin} and is logged.
 *
 * <h2>Cache</h2>
 * Without {@code cache} the file is read on each login. With it, the file is read once and again whenever its
 * modification time changes.
 *
 * <h2>Threading</h2>
 * Reactor thread only; the file is read on the calling thread (meant for small files).
 */
public final class FilePasswordDB implements CredentialsChecker {

    private static final Logger LOG = Logger.forClass(FilePasswordDB.class);
    private static final Set<Path> WARNED_CLEAR_TEXT = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final String delimiter;
    private final int usernameField;
    private final int passwordField;
    private final boolean caseSensitive;
    private final @Nullable PasswordHash hash;
    private final boolean cache;
    private @Nullable Map<String, Entry> cached;
    private @Nullable FileTime cachedTime;

    /** One user of the file: the name as written, and the stored password. */
    record Entry(String username, String password) {
        @Override
        public String toString() {
            return "Entry[username=" + username + "]";
        }
    }

    /** Reads {@code user:password} lines, case-sensitive, without a hash function or cache. */
    public FilePasswordDB(Path file) {
        this(file, ":", 0, 1, true, null, false);
    }

    /**
     * Makes a checker with all of Twisted's options.
     *
     * @param file the password file
     * @param delimiter what separates the fields, {@code ":"} by default
     * @param usernameField the index of the user name field, 0 by default
     * @param passwordField the index of the password field, 1 by default
     * @param caseSensitive whether user names are compared exactly
     * @param hash hashes a client's password for comparison with the stored one, or null
     * @param cache whether to keep the file's contents between logins (re-read when it changes)
     * @throws IllegalArgumentException if the delimiter is empty or a field index negative
     */
    public FilePasswordDB(Path file, String delimiter, int usernameField, int passwordField, boolean caseSensitive,
            @Nullable PasswordHash hash, boolean cache) {
        this.file = Objects.requireNonNull(file, "file");
        if (delimiter.isEmpty() || usernameField < 0 || passwordField < 0) {
            throw new IllegalArgumentException("the delimiter must not be empty nor a field index negative");
        }
        this.delimiter = delimiter;
        this.usernameField = usernameField;
        this.passwordField = passwordField;
        this.caseSensitive = caseSensitive;
        this.hash = hash;
        this.cache = cache;
    }

    /** Returns the file. */
    public Path file() {
        return file;
    }

    @Override
    public Set<Class<? extends Credentials>> credentialInterfaces() {
        return hash == null ? Set.of(UsernamePassword.class, UsernameHashedPassword.class)
                : Set.of(UsernamePassword.class);
    }

    @Override
    public Deferred<String> requestAvatarId(Credentials credentials) {
        String given = Portal.usernameOf(credentials);
        Entry entry;
        try {
            entry = users().get(caseSensitive ? given : given.toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            LOG.error("Unable to load the credentials file {file}: {error}", "file", file, "error", e.toString());
            return Deferred.fail(new UnauthorizedLogin("Unable to load credentials db."));
        }
        if (entry == null) {
            return Deferred.fail(new UnauthorizedLogin());
        }
        return matches(credentials, entry.password()) ? Deferred.succeed(entry.username())
                : Deferred.fail(new UnauthorizedLogin());
    }

    private boolean matches(Credentials credentials, String stored) {
        if (hash != null) {
            return credentials instanceof UsernamePassword c
                    && Secrets.equal(hash.hash(c.username(), c.password(), stored), stored);
        }
        if (CryptHashes.kind(stored).isPresent()) {
            if (!(credentials instanceof UsernamePassword c)) {
                return false;
            }
            try {
                return CryptHashes.verify(c.password(), stored);
            } catch (MalformedHashException e) {
                LOG.warn("Malformed password hash for {username} in {file}: {error}", "username", c.username(),
                        "file", file, "error", e.getMessage());
                return false;
            }
        }
        if (WARNED_CLEAR_TEXT.add(file.toAbsolutePath())) {
            LOG.warn("{file} holds passwords in clear text; store bcrypt or SHA-512-crypt hashes instead",
                    "file", file);
        }
        return switch (credentials) {
            case UsernamePassword c -> c.checkPassword(stored);
            case UsernameHashedPassword c -> c.checkPassword(stored);
            default -> false;
        };
    }

    private Map<String, Entry> users() throws IOException {
        if (!cache) {
            return load();
        }
        FileTime modified = Files.getLastModifiedTime(file);
        if (cached == null || !modified.equals(cachedTime)) {
            cached = load();
            cachedTime = modified;
        }
        return cached;
    }

    private Map<String, Entry> load() throws IOException {
        Map<String, Entry> users = new HashMap<>();
        for (String line : Files.readAllLines(file, UTF_8)) {
            Entry entry = parseLine(line, delimiter, usernameField, passwordField);
            if (entry != null) {
                users.putIfAbsent(caseSensitive ? entry.username() : entry.username().toLowerCase(Locale.ROOT),
                        entry);
            }
        }
        return users;
    }

    /**
     * Reads one line: trailing white space removed, split at every delimiter; null when it has too few fields.
     * The first line for a user name wins.
     */
    static @Nullable Entry parseLine(String line, String delimiter, int usernameField, int passwordField) {
        String[] parts = line.stripTrailing().split(java.util.regex.Pattern.quote(delimiter), -1);
        if (parts.length <= Math.max(usernameField, passwordField)) {
            return null;
        }
        return new Entry(parts[usernameField], parts[passwordField]);
    }
}
