package org.twisted4j.cred;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.twisted4j.logger.Logger;

/**
 * Each user's {@code ~/.ssh/authorized_keys} and {@code ~/.ssh/authorized_keys2}, the home directory taken from
 * {@code /etc/passwd} (Twisted's {@code UNIXAuthorizedKeysFiles}; {@code --auth sshkey}). A file that does not
 * exist or cannot be read gives no keys.
 *
 * <h2>Threading</h2>
 * Reactor thread only; the files are read on the calling thread.
 */
public final class UNIXAuthorizedKeysFiles implements AuthorizedKeysDB {

    private static final Logger LOG = Logger.forClass(UNIXAuthorizedKeysFiles.class);

    private final Path passwd;

    /** Finds home directories in {@code /etc/passwd}. */
    public UNIXAuthorizedKeysFiles() {
        this(Path.of("/etc/passwd"));
    }

    /** Finds home directories (the sixth field) in the given {@code passwd(5)} file. */
    public UNIXAuthorizedKeysFiles(Path passwd) {
        this.passwd = Objects.requireNonNull(passwd, "passwd");
    }

    @Override
    public List<AuthorizedKey> getAuthorizedKeys(String username) {
        List<AuthorizedKey> keys = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(passwd, UTF_8)) {
                String[] parts = line.split(":", -1);
                if (parts.length >= 7 && parts[0].equals(username) && !parts[5].isEmpty()) {
                    Path ssh = Path.of(parts[5], ".ssh");
                    for (String name : new String[] {"authorized_keys", "authorized_keys2"}) {
                        Path file = ssh.resolve(name);
                        if (Files.isReadable(file)) {
                            keys.addAll(AuthorizedKeys.parse(Files.readString(file, UTF_8)));
                        }
                    }
                    break;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("Unable to read the authorized keys of {username}: {error}", "username", username,
                    "error", e.toString());
        }
        return keys;
    }
}
