package org.twisted4j.web.distrib;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorUnix;
import org.twisted4j.logger.Logger;
import org.twisted4j.web.NoResource;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;
import org.twisted4j.web.StaticFile;
import org.twisted4j.web.files.DirectoryListing;

/**
 * Users' web directories, as Twisted's {@code distrib.UserDirectory} ({@code twist web --user}): {@code /~name/}
 * serves the files of {@code public_html} in the home directory {@code /etc/passwd} gives {@code name}, for users
 * that have one; the directory itself lists those users.
 *
 * <pre>{@code
 * Resource root = new UserDirectory();                       // /etc/passwd, each public_html as a StaticFile
 * Resource custom = new UserDirectory(Path.of("/etc/passwd"), dir -> {
 *     StaticFile files = new StaticFile(dir);
 *     files.setProcessors(Map.of(".php", file -> new PHPScript(reactor, file)));
 *     return files;
 * });
 * Resource withPersonal = new UserDirectory(Path.of("/etc/passwd"), StaticFile::new, reactor);
 * }</pre>
 *
 * <h2>Personal servers</h2>
 * Given a reactor, {@code /~name.twistd/...} is forwarded, as Twisted's, to the personal server of that user: a
 * {@link ResourcePublisher} listening on the UNIX socket {@code .twistd-web-pb} in the user's home ({@code twist web
 * --personal}), through one {@link ResourceSubscription} per user whose connection serves every request. A user
 * with no personal server running gets 502. The directory lists the users whose socket exists.
 *
 * <h2>Who is served</h2>
 * A name of letters, digits, {@code .}, {@code _} and {@code -} (not starting with {@code .} or {@code -}) found in
 * the password file, with a home directory holding a {@code public_html} directory. {@code root} (and any
 * account of user id 0) never is, as Apache's {@code UserDir disabled root}. Anything else under {@code /~...} is
 * 404, as is {@code /~name.twistd/} when no reactor was given. The password file is read for
 * each request that needs it, so accounts added or removed are seen at once. Files are served with the rights
 * of this server, not of their owner.
 *
 * <p>Threading: reactor thread only; the password file and home directories are looked at on the calling thread.
 */
public final class UserDirectory extends Resource {

    /** The UNIX socket in a home directory a personal server listens on. */
    public static final String PERSONAL_SOCKET = ".twistd-web-pb";

    /** The suffix of a user's name in the path that reaches the user's personal server. */
    public static final String PERSONAL_SUFFIX = ".twistd";

    /** The directory in a home directory that is served. */
    public static final String PUBLIC_HTML = "public_html";

    private static final Logger LOG = Logger.forClass(UserDirectory.class);
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

    private final Path passwd;
    private final Function<Path, Resource> files;
    private final @Nullable ReactorUnix reactor;
    private final Map<Path, ResourceSubscription> subscriptions = new HashMap<>();

    /** Serves the users of {@code /etc/passwd}, each {@code public_html} as a {@link StaticFile}. */
    public UserDirectory() {
        this(Path.of("/etc/passwd"), StaticFile::new);
    }

    /**
     * Serves the users of a {@code passwd(5)} file.
     *
     * @param passwd the password file: the first field is the name, the third the user id, the sixth the home
     * @param files makes the resource serving a user's {@code public_html} directory
     */
    public UserDirectory(Path passwd, Function<Path, Resource> files) {
        this(passwd, files, null);
    }

    /**
     * Serves the users of a {@code passwd(5)} file and forwards {@code /~name.twistd/} to their personal servers.
     *
     * @param passwd the password file: the first field is the name, the third the user id, the sixth the home
     * @param files makes the resource serving a user's {@code public_html} directory
     * @param reactor connects to the personal servers; null for none
     */
    public UserDirectory(Path passwd, Function<Path, Resource> files, @Nullable ReactorUnix reactor) {
        this.passwd = Objects.requireNonNull(passwd, "passwd");
        this.files = Objects.requireNonNull(files, "files");
        this.reactor = reactor;
    }

    @Override
    public Resource getChild(String path, Request request) {
        if (path.isEmpty()) {
            return this;
        }
        if (!path.startsWith("~")) {
            return new NoResource();
        }
        if (path.endsWith(PERSONAL_SUFFIX)) {
            Path socket = personalSocket(path.substring(1, path.length() - PERSONAL_SUFFIX.length()));
            if (socket != null && reactor != null) {
                return subscriptions.computeIfAbsent(socket, at -> new ResourceSubscription(reactor, at));
            }
            return new NoResource("No such user or no personal server: " + path);
        }
        Path html = publicHtml(path.substring(1));
        return html == null ? new NoResource("No such user or no public_html: " + path) : files.apply(html);
    }

    /** Lists the users that have a {@code public_html}, each a link to its pages. */
    @Override
    protected byte[] renderGET(Request request) {
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        StringBuilder page = new StringBuilder("<html>\n  <head><title>Users</title></head>\n  <body>\n"
                + "    <h1>Users</h1>\n    <ul>\n");
        for (String name : homes().keySet()) {
            if (publicHtml(name) != null) {
                String escaped = DirectoryListing.escape(name);
                page.append("      <li><a href=\"~").append(escaped).append("/\">").append(escaped).append("</a></li>\n");
            }
            Path socket = reactor == null ? null : personalSocket(name);
            if (socket != null && Files.exists(socket)) {
                String escaped = DirectoryListing.escape(name);
                page.append("      <li><a href=\"~").append(escaped).append(PERSONAL_SUFFIX).append("/\">")
                        .append(escaped).append(" (personal server)</a></li>\n");
            }
        }
        return page.append("    </ul>\n  </body>\n</html>\n").toString().getBytes(UTF_8);
    }

    /** The home directory of a user that may be served, or null. */
    private @Nullable Path home(String name) {
        if (!USER_NAME.matcher(name).matches() || name.equals("root")) {
            return null;
        }
        return homes().get(name);
    }

    private @Nullable Path personalSocket(String name) {
        Path home = home(name);
        return home == null ? null : home.resolve(PERSONAL_SOCKET);
    }

    private @Nullable Path publicHtml(String name) {
        Path home = home(name);
        if (home == null) {
            return null;
        }
        Path html = home.resolve(PUBLIC_HTML);
        return Files.isDirectory(html) ? html : null;
    }

    /** The password file's names and home directories, without user id 0 and without an empty home. */
    private Map<String, Path> homes() {
        Map<String, Path> homes = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(passwd, UTF_8)) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 7 && !fields[2].equals("0") && fields[5].startsWith("/")) {
                    homes.putIfAbsent(fields[0], Path.of(fields[5]));
                }
            }
        } catch (IOException | UncheckedIOException | java.nio.file.InvalidPathException e) {
            LOG.warn("cannot read the users of {passwd}: {error}", "passwd", passwd.toString(), "error", e.toString());
        }
        return homes;
    }
}
