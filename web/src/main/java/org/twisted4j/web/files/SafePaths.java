package org.twisted4j.web.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Maps the segments of a URL path to a file under a root directory so that nothing outside the root is
 * ever reached, as Twisted's {@code File.getChild} with {@code FilePath.child}'s checks, plus a check of
 * symbolic links.
 *
 * <pre>{@code
 * SafePaths safe = SafePaths.under(Path.of("/srv/www"));
 * switch (safe.resolve(SafePaths.decodeSegments("/docs/a%20b.txt"))) {
 *     case SafePaths.Resolved r -> serve r.path();
 *     case SafePaths.Refused r -> 404 (Twisted's answer), logging r.reason();
 * }
 * }</pre>
 *
 * <p>Refused: a segment {@code ..} or {@code .}; one holding a slash (the client sent {@code %2F}), a
 * backslash, a NUL or another control character; one the file system reads as absolute or as a drive
 * ({@code C:}); and, unless {@link #allowingSymlinksOutside()} is used, any path whose real location
 * (symbolic links followed, for the deepest part that exists) is outside the root's real location. Empty
 * segments ({@code a//b}, a trailing slash) are skipped. The returned path need not exist.
 *
 * <p>Any thread. The check reads the file system, so a link changed afterwards is not seen: resolve again
 * right before opening, and open without following further links where that matters. The root's own real
 * location is found once, at the first check after it exists, and kept: if the root is a link, point it
 * elsewhere only with a new {@code SafePaths}.
 */
public final class SafePaths {

    /** Why a path was refused. */
    public enum Reason {
        /** A {@code ..} or {@code .} segment. */
        DOT_SEGMENT,
        /** A segment holding {@code /}, that is a {@code %2F} in the URL. */
        ENCODED_SLASH,
        /** A segment holding {@code \}. */
        BACKSLASH,
        /** A segment holding NUL or another control character. */
        CONTROL_CHARACTER,
        /** A segment the file system reads as absolute, or a drive such as {@code C:}. */
        ABSOLUTE,
        /** A percent-escape that is malformed or does not decode as UTF-8. */
        BAD_ENCODING,
        /** The path's real location, symbolic links followed, is outside the root. */
        OUTSIDE_ROOT
    }

    /** The outcome of {@link #resolve(List)}. */
    public sealed interface Resolution permits Resolved, Refused {
    }

    /**
     * A path safely under the root.
     *
     * @param path the path (root joined with the segments), which may not exist
     */
    public record Resolved(Path path) implements Resolution {
    }

    /**
     * A refusal.
     *
     * @param reason why
     * @param segment the offending segment, or the whole path for {@link Reason#OUTSIDE_ROOT}
     */
    public record Refused(Reason reason, String segment) implements Resolution {
    }

    /** Thrown by {@link #decodeSegments(String)} for a malformed escape. */
    public static final class MalformedPathException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedPathException(String message) {
            super(message);
        }
    }

    private final Path root;
    private final boolean symlinksOutside;
    /** The root with its links resolved, found once it exists (a request costs one path resolution, not two). */
    private @Nullable Path realRoot;

    private SafePaths(Path root, boolean symlinksOutside) {
        this.root = root.toAbsolutePath().normalize();
        this.symlinksOutside = symlinksOutside;
    }

    /**
     * Paths under {@code root}; symbolic links that lead outside it are refused.
     *
     * @param root the directory served
     * @return the mapper
     */
    public static SafePaths under(Path root) {
        return new SafePaths(root, false);
    }

    /**
     * A copy that follows symbolic links even where they lead outside the root (the segments are still
     * checked), for sites that link shared directories in on purpose.
     *
     * @return the new mapper
     */
    public SafePaths allowingSymlinksOutside() {
        return new SafePaths(root, true);
    }

    /**
     * The root, absolute and normalized.
     *
     * @return the root
     */
    public Path root() {
        return root;
    }

    /**
     * Splits a raw URL path (no query) at {@code /} and percent-decodes each segment as UTF-8. A decoded
     * {@code %2F} stays inside its segment, for {@link #resolve(List)} to refuse.
     *
     * @param rawPath such as {@code /docs/a%20b.txt}
     * @return the decoded segments, empty ones included
     * @throws MalformedPathException if an escape is malformed or the bytes are not UTF-8
     */
    public static List<String> decodeSegments(String rawPath) throws MalformedPathException {
        String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        List<String> out = new ArrayList<>();
        for (String raw : p.split("/", -1)) {
            out.add(percentDecode(raw));
        }
        return out;
    }

    private static String percentDecode(String s) throws MalformedPathException {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw new MalformedPathException("malformed percent-escape in: " + s);
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPathException("percent-escapes are not UTF-8 in: " + s);
        }
    }

    /**
     * Checks a single decoded segment, as Twisted's {@code isDangerous} and {@code FilePath.child}.
     *
     * @param segment a decoded segment
     * @return the reason it is refused, or null if it is safe
     */
    public @Nullable Reason check(String segment) {
        if (segment.equals("..") || segment.equals(".")) {
            return Reason.DOT_SEGMENT;
        }
        if (segment.indexOf('/') >= 0) {
            return Reason.ENCODED_SLASH;
        }
        if (segment.indexOf('\\') >= 0) {
            return Reason.BACKSLASH;
        }
        if (segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Reason.CONTROL_CHARACTER;
        }
        if (segment.length() >= 2 && segment.charAt(1) == ':' && Character.isLetter(segment.charAt(0))) {
            return Reason.ABSOLUTE;
        }
        try {
            Path p = root.getFileSystem().getPath(segment);
            if (p.isAbsolute() || p.getRoot() != null || p.getNameCount() != 1) {
                return Reason.ABSOLUTE;
            }
        } catch (InvalidPathException e) {
            return Reason.CONTROL_CHARACTER;
        }
        return null;
    }

    /**
     * Maps decoded segments to a path under the root.
     *
     * @param segments decoded segments, as from {@link #decodeSegments(String)}; empty ones are skipped
     * @return the path, or the reason it is refused
     */
    public Resolution resolve(List<String> segments) {
        Path path = root;
        for (String segment : segments) {
            if (segment.isEmpty()) {
                continue;
            }
            Reason reason = check(segment);
            if (reason != null) {
                return new Refused(reason, segment);
            }
            path = path.resolve(segment);
        }
        if (!path.startsWith(root)) { // cannot happen after the checks above; kept as a last guard
            return new Refused(Reason.OUTSIDE_ROOT, path.toString());
        }
        if (!symlinksOutside && !realPathUnderRoot(path)) {
            return new Refused(Reason.OUTSIDE_ROOT, String.join("/", segments));
        }
        return new Resolved(path);
    }

    /** Whether the deepest existing part of path, links followed, lies under the root's real path. */
    private boolean realPathUnderRoot(Path path) {
        try {
            Path realRoot = this.realRoot;
            if (realRoot == null) {
                realRoot = root.toRealPath();
                this.realRoot = realRoot;
            }
            try {
                return path.toRealPath().startsWith(realRoot);
            } catch (NoSuchFileException missing) {
                // Not there (or a dangling link): judge by the deepest part that is.
            }
            Path existing = path;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return false;
            }
            if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
                return false; // a dangling link: where it points cannot be checked, so refuse it
            }
            return existing.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return false;
        }
    }
}
