package org.twisted4j.conch;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An operating system account as {@code passwd(5)} describes it: what a session of a user logged in against the
 * system's password database (or its {@code authorized_keys}) runs as ({@link ProcessUser#forAccount}).
 *
 * <h2>Switching users</h2>
 * The JVM cannot fork, so it cannot call {@code setuid} between a fork and an exec of its own. A child runs as the
 * account when its command line starts with {@link #switchCommand()}: util-linux's {@code setpriv(1)} with
 * {@code --reuid}, {@code --regid} and {@code --init-groups}, which sets the real and effective group, the
 * supplementary groups from the group database ({@code initgroups(3)}, as {@code login} and {@code sshd} do) and
 * then the real and effective user, and then executes the rest of the line. {@code setpriv} is chosen over
 * {@code runuser} because it changes nothing else: no PAM session, no environment of its own, no new
 * terminal; the environment, the working directory and the terminal are the server's to set. Only a server
 * running as root may switch ({@code setpriv} fails otherwise).
 *
 * <h2>Threading</h2>
 * Immutable; any thread. {@link #lookup} reads the file on the calling thread.
 *
 * @param name the user name
 * @param uid the numeric user id
 * @param gid the numeric primary group id
 * @param home the home directory, where sessions start
 * @param shell the login shell, which runs the session's commands
 */
public record UnixAccount(String name, int uid, int gid, Path home, String shell) {

    /** util-linux's {@code setpriv}. */
    public static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    /** The shell of an account whose {@code passwd} entry names none, as {@code login} uses. */
    public static final String DEFAULT_SHELL = "/bin/sh";

    /** Checks the fields. */
    public UnixAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(shell, "shell");
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("negative uid or gid");
        }
    }

    /**
     * Finds an account in {@code /etc/passwd}.
     *
     * @throws IOException if the file cannot be read
     */
    public static Optional<UnixAccount> lookup(String name) throws IOException {
        return lookup(Path.of("/etc/passwd"), name);
    }

    /**
     * Finds an account in a file in the format of {@code passwd(5)}.
     *
     * @throws IOException if the file cannot be read
     */
    public static Optional<UnixAccount> lookup(Path passwd, String name) throws IOException {
        for (String line : Files.readAllLines(passwd, UTF_8)) {
            UnixAccount account = parse(line);
            if (account != null && account.name.equals(name)) {
                return Optional.of(account);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads one line of {@code passwd(5)}: {@code name:password:uid:gid:gecos:home:shell}. An empty shell field
     * means {@link #DEFAULT_SHELL}.
     *
     * @return the account, or null if the line is not a well-formed entry (a comment, too few fields, a
     *     non-numeric id, a relative home directory)
     */
    public static @Nullable UnixAccount parse(String line) {
        String[] fields = line.split(":", -1);
        if (fields.length != 7 || fields[0].isEmpty() || !fields[5].startsWith("/")) {
            return null;
        }
        int uid = number(fields[2]);
        int gid = number(fields[3]);
        if (uid < 0 || gid < 0 || fields[5].indexOf('\0') >= 0 || fields[6].indexOf('\0') >= 0) {
            return null;
        }
        return new UnixAccount(fields[0], uid, gid, Path.of(fields[5]),
                fields[6].isEmpty() ? DEFAULT_SHELL : fields[6]);
    }

    private static int number(String text) {
        if (text.isEmpty() || text.length() > 10) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    /**
     * Returns the command line prefix that runs what follows it as this account: {@code setpriv --reuid=UID
     * --regid=GID --init-groups --}.
     */
    public List<String> switchCommand() {
        List<String> argv = new ArrayList<>();
        argv.add(SETPRIV.toString());
        argv.add("--reuid=" + uid);
        argv.add("--regid=" + gid);
        argv.add("--init-groups");
        argv.add("--");
        return argv;
    }

    /**
     * Returns the user id this process runs as (its effective uid, the owner of {@code /proc/self}), or -1 where
     * that cannot be found (not Linux).
     */
    public static int processUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
