package org.twisted4j.web.files;

import java.util.List;

/**
 * The rule that keeps dot-files and dot-directories ({@code .git}, {@code .env}, {@code .htpasswd}...) of a
 * served tree private: a path with any segment beginning with {@code .} is hidden, except {@code .well-known}
 * as the first segment under the served root (RFC 8615), which is served with what lies under it. The
 * segments are the decoded ones, so {@code %2egit} is {@code .git} and hidden too.
 *
 * <pre>{@code
 * if (DotFiles.hides(request.postpath())) {
 *     return 404;                                     // as for a missing file
 * }
 * entries.removeIf(e -> !DotFiles.listed(atRoot, e.name()));
 * }</pre>
 *
 * <p>A dot name below {@code .well-known} ({@code /.well-known/.secret}) is hidden like any other: no
 * registered well-known URI begins with a dot. A symbolic link with a plain name that points at a dot
 * directory is not a dot segment, and is followed as any other link (see {@link SafePaths}).
 *
 * <p>Stateless; any thread.
 */
public final class DotFiles {

    /** The one dot name served at the top of the tree: {@value}, RFC 8615's well-known URIs. */
    public static final String WELL_KNOWN = ".well-known";

    private DotFiles() {
    }

    /**
     * Whether a file name begins with a dot.
     *
     * @param name a file name or decoded path segment
     * @return true for {@code .git}, {@code .env}, {@code .}, {@code ..}
     */
    public static boolean isDotName(String name) {
        return name.startsWith(".");
    }

    /**
     * Whether a path under the served root is hidden: some non-empty segment begins with a dot, other than
     * {@link #WELL_KNOWN} as the first non-empty one. Empty segments ({@code a//b}, a trailing slash) are
     * skipped, as {@link SafePaths#resolve} skips them.
     *
     * @param segments the decoded segments below the served root
     * @return true if the path must be answered as missing
     */
    public static boolean hides(List<String> segments) {
        boolean first = true;
        for (String segment : segments) {
            if (segment.isEmpty()) {
                continue;
            }
            if (isDotName(segment) && !(first && segment.equals(WELL_KNOWN))) {
                return true;
            }
            first = false;
        }
        return false;
    }

    /**
     * Whether a directory listing shows an entry: the entries it shows are those {@link #hides} lets through.
     *
     * @param atRoot whether the directory listed is the served root
     * @param name the entry's file name
     * @return false for a dot name, except {@link #WELL_KNOWN} at the root
     */
    public static boolean listed(boolean atRoot, String name) {
        return !isDotName(name) || (atRoot && name.equals(WELL_KNOWN));
    }
}
