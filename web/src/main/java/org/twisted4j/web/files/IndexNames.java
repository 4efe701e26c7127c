package org.twisted4j.web.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which file answers for a directory, and which sibling answers for a missing name, as Twisted's
 * {@code File.indexNames} and {@code File.ignoredExts} ({@code ignoreExt}).
 *
 * <pre>{@code
 * IndexNames names = IndexNames.defaults().withIgnoredExtensions(List.of(".html"));
 * Optional<Path> index = names.findIndex(dir);           // dir/index, dir/index.html or dir/index.htm
 * Optional<Path> page = names.findWithIgnoredExtension(dir.resolve("about")); // about.html
 * }</pre>
 *
 * <p>The default index names are Twisted's without {@code index.rpy}: twisted4j runs no Python resource
 * scripts. An ignored extension {@code ".html"} lets a request for {@code foo} find {@code foo.html}; the
 * extensions are tried in order, and {@code "*"} finds any {@code foo.*} (the first in name order). A path
 * found this way must be checked with {@link SafePaths} before it is served, like any other.
 *
 * <p>Immutable; any thread. The find methods read the file system.
 */
public final class IndexNames {

    /** Twisted's {@code File.indexNames} without {@code index.rpy}. */
    public static final List<String> DEFAULT_INDEX_NAMES = List.of("index", "index.html", "index.htm");

    private static final IndexNames DEFAULTS = new IndexNames(DEFAULT_INDEX_NAMES, List.of());

    private final List<String> indexNames;
    private final List<String> ignoredExtensions;

    private IndexNames(List<String> indexNames, List<String> ignoredExtensions) {
        this.indexNames = List.copyOf(indexNames);
        this.ignoredExtensions = List.copyOf(ignoredExtensions);
    }

    /**
     * The default index names and no ignored extensions.
     *
     * @return the defaults
     */
    public static IndexNames defaults() {
        return DEFAULTS;
    }

    /**
     * A copy with other index names, tried in order.
     *
     * @param names file names such as {@code index.html}
     * @return the new instance
     * @throws IllegalArgumentException if a name is empty or holds a path separator
     */
    public IndexNames withIndexNames(List<String> names) {
        for (String n : names) {
            if (n.isEmpty() || n.contains("/") || n.contains("\\") || n.equals("..") || n.equals(".")) {
                throw new IllegalArgumentException("not a plain file name: '" + n + "'");
            }
        }
        return new IndexNames(names, ignoredExtensions);
    }

    /**
     * A copy with these ignored extensions, tried in order, as Twisted's {@code ignoredExts}.
     *
     * @param extensions such as {@code ".html"}, or {@code "*"} for any
     * @return the new instance
     * @throws IllegalArgumentException if an extension holds a path separator
     */
    public IndexNames withIgnoredExtensions(List<String> extensions) {
        for (String e : extensions) {
            if (e.contains("/") || e.contains("\\")) {
                throw new IllegalArgumentException("not an extension: '" + e + "'");
            }
        }
        return new IndexNames(indexNames, extensions);
    }

    /**
     * The index names, in order.
     *
     * @return the names
     */
    public List<String> indexNames() {
        return indexNames;
    }

    /**
     * The ignored extensions, in order.
     *
     * @return the extensions
     */
    public List<String> ignoredExtensions() {
        return ignoredExtensions;
    }

    /**
     * The first index name that exists in a directory.
     *
     * @param directory the directory
     * @return the index file, or empty when there is none (Twisted then lists the directory)
     */
    public Optional<Path> findIndex(Path directory) {
        for (String name : indexNames) {
            Path candidate = directory.resolve(name);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * For a path that does not exist, the first sibling named by adding an ignored extension, as Twisted's
     * {@code FilePath.siblingExtensionSearch}. An empty extension finds the path itself if it exists.
     *
     * @param path the requested path
     * @return the sibling found, or empty
     * @throws IOException if the directory cannot be read for a {@code "*"} search
     */
    public Optional<Path> findWithIgnoredExtension(Path path) throws IOException {
        Path parent = Objects.requireNonNull(path.getParent(), "path has no parent");
        String base = Objects.requireNonNull(path.getFileName(), "path has no name").toString();
        for (String ext : ignoredExtensions) {
            if (ext.isEmpty()) {
                if (Files.exists(path)) {
                    return Optional.of(path);
                }
            } else if (ext.equals("*")) {
                List<Path> matches = new ArrayList<>();
                try (DirectoryStream<Path> dir = Files.newDirectoryStream(parent)) {
                    for (Path p : dir) {
                        String name = p.getFileName().toString();
                        if (name.startsWith(base + ".")) {
                            matches.add(p);
                        }
                    }
                }
                if (!matches.isEmpty()) {
                    matches.sort(null);
                    return Optional.of(matches.get(0));
                }
            } else {
                Path candidate = parent.resolve(base + ext);
                if (Files.exists(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
