package org.twisted4j.cred;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.crypt.CryptHashes;
import org.twisted4j.cred.crypt.MalformedHashException;
import org.twisted4j.defer.Deferred;
import org.twisted4j.logger.Logger;

/**
 * The system's accounts: {@code /etc/passwd}, and {@code /etc/shadow} when this process may read it (Twisted's
 * {@code UNIXPasswordDatabase} and the {@code unix} checker of {@code cred_unix}; {@code --auth unix}).
 *
 * <h2>What is checked</h2>
 * The user's password field in {@code /etc/passwd}; when that is {@code x}, {@code *} or empty, the field in
 * {@code /etc/shadow}. A field that is empty or starts with {@code !} or {@code *} (a locked or password-less
 * account) refuses the login. Hashes this package verifies are {@code $y$} (yescrypt, the default of Debian 11
 * and later), {@code $7$} (scrypt), {@code $2a$ $2b$ $2y$} (bcrypt), {@code $6$} and {@code $5$} (SHA-crypt);
 * other formats, MD5-crypt and DES crypt, refuse the login and are logged once, as do yescrypt hashes above
 * {@link org.twisted4j.cred.crypt.Yescrypt}'s memory limit (costs 10 and 11). The avatar id is the user name.
 *
 * <p>Only {@link UsernamePassword} credentials can be checked (the hash needs the password in clear).
 *
 * <h2>Threading</h2>
 * Reactor thread only; the files are read and the hash computed on the calling thread at each login (a yescrypt
 * check at Debian's default cost takes 16 MiB and tens of milliseconds).
 */
public final class UNIXPasswordDatabase implements CredentialsChecker {

    private static final Logger LOG = Logger.forClass(UNIXPasswordDatabase.class);

    private final Path passwd;
    private final Path shadow;
    private boolean warnedFormat;

    /** Reads {@code /etc/passwd} and {@code /etc/shadow}. */
    public UNIXPasswordDatabase() {
        this(Path.of("/etc/passwd"), Path.of("/etc/shadow"));
    }

    /**
     * Reads the given files, in the formats of {@code passwd(5)} and {@code shadow(5)}.
     *
     * @param passwd the accounts file
     * @param shadow the shadow file, used only if it exists and is readable
     */
    public UNIXPasswordDatabase(Path passwd, Path shadow) {
        this.passwd = Objects.requireNonNull(passwd, "passwd");
        this.shadow = Objects.requireNonNull(shadow, "shadow");
    }

    @Override
    public Set<Class<? extends Credentials>> credentialInterfaces() {
        return Set.of(UsernamePassword.class);
    }

    @Override
    public Deferred<String> requestAvatarId(Credentials credentials) {
        if (!(credentials instanceof UsernamePassword c) || c.username().isEmpty()) {
            return Deferred.fail(new UnauthorizedLogin());
        }
        String stored;
        try {
            stored = passwordField(passwd, c.username());
            if (stored != null && (stored.equals("x") || stored.equals("*") || stored.isEmpty())
                    && Files.isReadable(shadow)) {
                stored = passwordField(shadow, c.username());
            }
        } catch (IOException e) {
            LOG.error("Unable to read the account files: {error}", "error", e.toString());
            return Deferred.fail(new UnauthorizedLogin());
        }
        if (stored == null || stored.isEmpty() || stored.startsWith("!") || stored.startsWith("*")
                || stored.equals("x")) {
            return Deferred.fail(new UnauthorizedLogin());
        }
        if (CryptHashes.kind(stored).isEmpty()) {
            if (!warnedFormat) {
                warnedFormat = true;
                LOG.warn("Password hash of {username} is in a format this checker cannot verify (MD5 or DES "
                        + "crypt?)", "username", c.username());
            }
            return Deferred.fail(new UnauthorizedLogin());
        }
        try {
            return CryptHashes.verify(c.password(), stored) ? Deferred.succeed(c.username())
                    : Deferred.fail(new UnauthorizedLogin());
        } catch (MalformedHashException e) {
            LOG.warn("Malformed password hash of {username}: {error}", "username", c.username(),
                    "error", e.getMessage());
            return Deferred.fail(new UnauthorizedLogin());
        }
    }

    /** The second colon-separated field of the user's line, or null if the user has none. */
    private static @Nullable String passwordField(Path file, String username) throws IOException {
        for (String line : Files.readAllLines(file, UTF_8)) {
            String[] parts = line.split(":", -1);
            if (parts.length >= 2 && parts[0].equals(username)) {
                return parts[1];
            }
        }
        return null;
    }
}
