package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.twisted4j.web.files.ByteRanges;
import org.twisted4j.web.files.Conditional;
import org.twisted4j.web.files.DirectoryListing;
import org.twisted4j.web.files.DotFiles;
import org.twisted4j.web.files.EntityTag;
import org.twisted4j.web.files.HttpDate;
import org.twisted4j.web.files.IndexNames;
import org.twisted4j.web.files.MimeTypes;
import org.twisted4j.web.files.SafePaths;

/**
 * Serves a file, or a directory tree, from the file system: Twisted's {@code static.File}. It is named
 * {@code StaticFile} so that it does not clash with {@link java.io.File} in users' imports.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * StaticFile docs = new StaticFile(Path.of("public"));
 * docs.setIndexNames(List.of("index.html"));
 * docs.setMimeTypes(MimeTypes.defaults().withType(".md", "text/markdown"));
 * Resource root = new Resource();
 * root.putChild("docs", docs);                      // /docs/... comes from ./public/...
 * endpoint.listen(new Site(root, reactor));
 * }</pre>
 *
 * <h2>What it answers</h2>
 * GET and HEAD (others get 405). A file goes out with its {@code Content-Type} and {@code Content-Encoding}
 * from {@link MimeTypes} (by its name; unknown names get the default type), {@code ETag}, {@code Last-Modified}
 * and {@code Accept-Ranges: bytes}. Conditional requests are honoured (304, 412, see {@link Conditional}), as are
 * byte ranges: one range is a 206 with {@code Content-Range}, several are a {@code multipart/byteranges} 206,
 * and ranges wholly past the end are a 416 with {@code Content-Range: bytes *}{@code /size}. A directory asked
 * for without its trailing slash is redirected (302) to the slash form; with it, its first index file is
 * served, else (by default, as Twisted) an HTML listing. With {@linkplain #setAllowIgnoredExtensions ignored
 * extensions allowed}, a request for {@code foo} that names nothing finds {@code foo.html} and the like.
 *
 * <p>A path that leaves the root — {@code ..} or {@code .} segments, an encoded slash or backslash, NUL or
 * another control character, or a symbolic link whose target lies outside the root unless
 * {@linkplain #setAllowSymlinksOutside allowed} — is a 404, as is a missing file; an unreadable one is a 403.
 *
 * <p>Dot-files and dot-directories ({@code .git}, {@code .env}) are private unless {@linkplain #setAllowDotfiles
 * allowed}: a path the client sends with a segment beginning with {@code .}, percent-encoded or not, is answered
 * as a missing file, and such entries are not listed; {@code /.well-known/} is served (see {@link DotFiles}). A
 * child {@linkplain #putChild registered} or an index name set under a dot name is the application's choice.
 *
 * <h2>Children and processors</h2>
 * A child registered with {@link #putChild} answers for its segment before the file system is looked at, as
 * in Twisted ({@code root.putChild("cgi-bin", new CGIDirectory(...))}). A file whose name ends with an
 * extension given to {@link #setProcessors} is not sent: its {@link ResourceProcessor} makes the resource that
 * answers instead, for every method, with the segments after the file's name left in
 * {@link Request#postpath()} (so {@code /run.pl/extra} runs {@code run.pl} with {@code PATH_INFO=/extra}).
 * Index files and files found by an ignored extension are processed too.
 *
 * <h2>Large files</h2>
 * A whole file, or a single range of one, goes out with {@code FileChannel.transferTo} ({@code sendfile} on Linux)
 * when the connection can send file regions ({@link org.twisted4j.internet.FileRegionTransport}: plain TCP or UNIX
 * sockets, not TLS): the bytes go from the page cache to the socket without passing through the heap, and the
 * request finishes once the region has been handed to the operating system. Otherwise (TLS, several ranges, a
 * connection wrapped by something that must see the bytes) the body is sent by a pull producer registered with the
 * request: the next 64 KiB chunk is read from the file's {@link FileChannel} only once the connection has sent the
 * one before, so a slow client holds at most a chunk in memory. Either way the file is closed once its bytes have
 * gone, or the client has gone.
 *
 * <h2>Threading</h2>
 * Reactor thread only. Settings may be changed between requests. The file system is read on the reactor
 * thread (a local disk is assumed).
 */
public final class StaticFile extends Resource {

    private final Path root;
    private MimeTypes mimeTypes = MimeTypes.defaults();
    private IndexNames indexNames = IndexNames.defaults();
    private boolean allowIgnoredExtensions;
    private boolean directoryListing = true;
    private boolean allowDotfiles;
    private SafePaths safePaths;
    private Map<String, ResourceProcessor> processors = Map.of();

    /**
     * Serves {@code path}: a single file, or a directory and everything under it.
     *
     * @param path the file or directory; it need not exist yet (requests then get 404)
     */
    public StaticFile(Path path) {
        this.root = path.toAbsolutePath().normalize();
        this.safePaths = SafePaths.under(root);
    }

    /** Returns the file or directory served. */
    public Path path() {
        return root;
    }

    /** Returns the types and encodings used for {@code Content-Type} and {@code Content-Encoding}. */
    public MimeTypes getMimeTypes() {
        return mimeTypes;
    }

    /**
     * Sets the types and encodings by file name.
     *
     * @param types the table, such as {@code MimeTypes.defaults().withType(".md", "text/markdown")}
     */
    public void setMimeTypes(MimeTypes types) {
        this.mimeTypes = Objects.requireNonNull(types, "types");
    }

    /**
     * Sets the type of files whose name says nothing ({@link MimeTypes#DEFAULT_TYPE} unless set).
     *
     * @param type a media type, such as {@code application/octet-stream}
     * @throws IllegalArgumentException if {@link MimeTypes#withDefaultType} refuses it
     */
    public void setDefaultType(String type) {
        this.mimeTypes = mimeTypes.withDefaultType(type);
    }

    /** Returns the index names and ignored extensions. */
    public IndexNames getIndexNames() {
        return indexNames;
    }

    /**
     * Sets the names tried, in order, for a directory's index ({@link IndexNames#DEFAULT_INDEX_NAMES} unless set).
     *
     * @param names the file names
     * @throws IllegalArgumentException if {@link IndexNames#withIndexNames} refuses one
     */
    public void setIndexNames(List<String> names) {
        this.indexNames = indexNames.withIndexNames(names);
    }

    /**
     * Sets the extensions tried, in order, when a request names nothing (Twisted's {@code ignoreExt}):
     * {@code ".html"} finds {@code foo.html} for {@code foo}; {@code "*"} finds any {@code foo.*}. Used only
     * while {@linkplain #setAllowIgnoredExtensions allowed}.
     *
     * @param extensions the extensions, each with its dot, or {@code "*"}
     * @throws IllegalArgumentException if {@link IndexNames#withIgnoredExtensions} refuses one
     */
    public void setIgnoredExtensions(List<String> extensions) {
        this.indexNames = indexNames.withIgnoredExtensions(extensions);
    }

    /**
     * Sets whether a request that names nothing may be answered with a sibling found by an ignored
     * extension (off by default).
     *
     * @param allow whether to search
     */
    public void setAllowIgnoredExtensions(boolean allow) {
        this.allowIgnoredExtensions = allow;
    }

    /**
     * Sets whether a directory with no index file is listed (on by default, as Twisted) or refused with 403.
     *
     * @param list whether to list
     */
    public void setDirectoryListing(boolean list) {
        this.directoryListing = list;
    }

    /**
     * Sets whether symbolic links may lead outside the root (off by default: they are a 404).
     *
     * @param allow whether to follow them
     */
    public void setAllowSymlinksOutside(boolean allow) {
        this.safePaths = allow ? SafePaths.under(root).allowingSymlinksOutside() : SafePaths.under(root);
    }

    /**
     * Sets whether names beginning with a dot are served and listed (off by default: {@code /.git/config},
     * {@code /.env} and {@code /%2egit/config} are 404 and left out of listings; {@code /.well-known/} is served).
     * Children from {@link #putChild} and index names from {@link #setIndexNames} are served whatever their name.
     *
     * @param allow whether to serve them
     */
    public void setAllowDotfiles(boolean allow) {
        this.allowDotfiles = allow;
    }

    /** Returns the processors by file-name extension, as {@link #setProcessors} set them. */
    public Map<String, ResourceProcessor> getProcessors() {
        return processors;
    }

    /**
     * Sets the processors by file-name extension, as Twisted's {@code File.processors}: a file whose name
     * ends with a key is answered by the resource its processor makes, not sent (none by default). Where
     * several keys match, the longest wins.
     *
     * <pre>{@code
     * files.setProcessors(Map.of(".pl", file -> new FilteredScript(reactor, file, "/usr/bin/perl")));
     * }</pre>
     *
     * @param processors the processors, keyed by the end of the file name, such as {@code ".pl"}
     * @throws IllegalArgumentException if a key is empty or holds a slash
     */
    public void setProcessors(Map<String, ResourceProcessor> processors) {
        Map<String, ResourceProcessor> copy = new LinkedHashMap<>();
        processors.forEach((extension, processor) -> {
            if (extension.isEmpty() || extension.indexOf('/') >= 0) {
                throw new IllegalArgumentException("a processor's extension must be a non-empty file-name ending: '"
                        + extension + "'");
            }
            copy.put(extension, Objects.requireNonNull(processor, "processor"));
        });
        this.processors = Map.copyOf(copy);
    }

    /** Returns true: the rest of the path is looked up on the file system. */
    @Override
    public boolean isLeaf() {
        return true;
    }

    /**
     * Renders a registered child, a processed file, or else the file or directory itself (GET and HEAD).
     *
     * @param request the request
     * @return the body, or {@link #NOT_DONE_YET}
     * @throws Exception whatever a child or a processor throws; the server answers 500
     */
    @Override
    public byte[] render(Request request) throws Exception {
        List<String> postpath = request.postpath();
        if (!postpath.isEmpty()) {
            Resource child = getStaticChild(postpath.getFirst());
            if (child != null) {
                request.prepath().add(postpath.removeFirst());
                return child.getChildForRequest(request).render(request);
            }
        }
        if (!processors.isEmpty()) {
            Resource processed = processed(request);
            if (processed != null) {
                return processed.getChildForRequest(request).render(request);
            }
        }
        return super.render(request);
    }

    @Override
    protected byte[] renderGET(Request request) throws IOException {
        return serve(request);
    }

    @Override
    protected byte[] renderHEAD(Request request) throws IOException {
        return serve(request);
    }

    private byte[] serve(Request request) throws IOException {
        List<String> segments = new ArrayList<>(request.postpath());
        boolean slash = !segments.isEmpty() && segments.getLast().isEmpty();
        Path path = hidden(segments) ? null : resolve(segments);
        if (path == null) {
            return notFound(request);
        }
        BasicFileAttributes attributes = attributesOf(path);
        if (attributes == null && allowIgnoredExtensions && !slash && !path.equals(root)) {
            Optional<Path> sibling = indexNames.findWithIgnoredExtension(path);
            if (sibling.isEmpty()) {
                return notFound(request);
            }
            segments.set(segments.size() - 1, sibling.get().getFileName().toString());
            path = resolve(segments);
            if (path == null) {
                return notFound(request);
            }
            attributes = attributesOf(path);
        }
        if (attributes != null && attributes.isDirectory()) {
            if (!slash) {
                return addSlash(request);
            }
            Optional<Path> index = indexNames.findIndex(path);
            if (index.isEmpty()) {
                return list(request, path);
            }
            segments.set(segments.size() - 1, index.get().getFileName().toString());
            path = resolve(segments);
            if (path == null) {
                return notFound(request);
            }
            attributes = attributesOf(path);
        }
        if (attributes == null || !attributes.isRegularFile()) {
            return notFound(request);
        }
        FileChannel file;
        try {
            file = FileChannel.open(path, StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            return new ForbiddenResource().render(request);
        } catch (NoSuchFileException e) {
            return notFound(request);
        }
        boolean handedOver = false;
        try {
            byte[] body = send(request, path, file, attributes.lastModifiedTime().toInstant());
            handedOver = body == NOT_DONE_YET;
            return body;
        } finally {
            if (!handedOver) {
                file.close();
            }
        }
    }

    /**
     * Finds the first file along the request's path that a processor takes, moves the segments up to it to
     * the prepath, and returns the processor's resource; null if there is none.
     */
    private @Nullable Resource processed(Request request) throws Exception {
        List<String> segments = request.postpath();
        if (hidden(segments)) {
            return null;
        }
        if (Files.isRegularFile(root)) {
            ResourceProcessor processor = processorFor(root);
            return processor == null ? null : processor.process(root);
        }
        for (int i = 0; i < segments.size(); i++) {
            List<String> upTo = new ArrayList<>(segments.subList(0, i + 1));
            boolean last = i == segments.size() - 1;
            if (upTo.getLast().isEmpty()) {
                if (!last) {
                    return null;
                }
                Path directory = resolve(upTo);
                Optional<Path> index = directory == null ? Optional.empty() : indexNames.findIndex(directory);
                if (index.isEmpty()) {
                    return null;
                }
                upTo.set(i, index.get().getFileName().toString());
            }
            Path path = resolve(upTo);
            if (path == null) {
                return null;
            }
            if (Files.isDirectory(path)) {
                continue;
            }
            if (!Files.exists(path) && last && allowIgnoredExtensions) {
                Optional<Path> sibling = indexNames.findWithIgnoredExtension(path);
                if (sibling.isEmpty()) {
                    return null;
                }
                upTo.set(i, sibling.get().getFileName().toString());
                path = resolve(upTo);
            }
            ResourceProcessor processor = path == null || !Files.isRegularFile(path) ? null : processorFor(path);
            if (processor == null) {
                return null;
            }
            segments.subList(0, i + 1).clear();
            request.prepath().addAll(upTo);
            return processor.process(path);
        }
        return null;
    }

    private @Nullable ResourceProcessor processorFor(Path file) {
        String name = file.getFileName().toString();
        String best = null;
        for (String extension : processors.keySet()) {
            if (name.endsWith(extension) && (best == null || extension.length() > best.length())) {
                best = extension;
            }
        }
        return best == null ? null : processors.get(best);
    }

    /** Whether the segments the client sent name a dot-file that is not to be served. */
    private boolean hidden(List<String> segments) {
        return !allowDotfiles && DotFiles.hides(segments);
    }

    /** Reads a path's attributes (links followed) in one call; null if it does not exist or cannot be read. */
    private static @Nullable BasicFileAttributes attributesOf(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    /** The path under the root for the segments, or null if they are refused. */
    private @Nullable Path resolve(List<String> segments) {
        return safePaths.resolve(segments) instanceof SafePaths.Resolved(Path resolved) ? resolved : null;
    }

    /** Answers for an open file; returns {@link #NOT_DONE_YET} once the body is handed to a {@link FileSender}. */
    private byte[] send(Request request, Path path, FileChannel file, Instant modified) throws IOException {
        long size = file.size();
        Conditional.Validators validators = new Conditional.Validators(EntityTag.forFile(size, modified, false),
                modified);
        request.setHeader("Accept-Ranges", "bytes");
        request.setHeader("ETag", Objects.requireNonNull(validators.etag()).toString());
        request.setHeader("Last-Modified", HttpDate.format(modified));
        Conditional.Preconditions preconditions = new Conditional.Preconditions(request.getHeader("If-Match"),
                request.getHeader("If-None-Match"), request.getHeader("If-Modified-Since"),
                request.getHeader("If-Unmodified-Since"), request.getHeader("If-Range"));
        switch (Conditional.evaluate(request.getMethod(), preconditions, validators)) {
            case NOT_MODIFIED -> {
                request.setResponseCode(304);
                return new byte[0];
            }
            case PRECONDITION_FAILED -> {
                request.setResponseCode(412);
                request.setHeader("Content-Length", "0");
                return new byte[0];
            }
            case PROCEED -> {
            }
        }
        MimeTypes.TypeAndEncoding type = mimeTypes.typeAndEncoding(path.getFileName().toString());
        request.setHeader("Content-Type", type.type());
        if (type.encoding() != null) {
            request.setHeader("Content-Encoding", type.encoding());
        }
        String range = request.getHeader("Range");
        if (range != null && !Conditional.rangeApplies(preconditions.ifRange(), validators)) {
            range = null;
        }
        List<Object> pieces = new ArrayList<>();
        long length;
        switch (ByteRanges.evaluate(range, size)) {
            case ByteRanges.Full full -> {
                length = size; // an empty file has no piece to send: it is answered below with an empty body
                if (size > 0) {
                    pieces.add(new ByteRanges.Range(0, size));
                }
            }
            case ByteRanges.Partial(List<ByteRanges.Range> ranges) when ranges.size() == 1 -> {
                ByteRanges.Range only = ranges.getFirst();
                request.setResponseCode(206);
                request.setHeader("Content-Range", only.contentRange(size));
                length = only.length();
                pieces.add(only);
            }
            case ByteRanges.Partial(List<ByteRanges.Range> ranges) -> {
                ByteRanges.Multipart multipart = ByteRanges.multipart(ranges, size, type.type(),
                        ByteRanges.randomBoundary());
                request.setResponseCode(206);
                request.setHeader("Content-Type", multipart.contentType());
                length = multipart.contentLength();
                for (ByteRanges.Part part : multipart.parts()) {
                    pieces.add(part.header());
                    pieces.add(part.range());
                }
                pieces.add(multipart.trailer());
            }
            case ByteRanges.Unsatisfiable unsatisfiable -> {
                request.setResponseCode(416);
                request.setHeader("Content-Range", unsatisfiable.contentRange());
                request.getResponseHeaders().remove("Content-Encoding");
                request.setHeader("Content-Type", "text/plain; charset=utf-8");
                return "416 Range Not Satisfiable\n".getBytes(UTF_8);
            }
        }
        request.setHeader("Content-Length", Long.toString(length));
        if (request.getMethod().equals("HEAD") || length == 0) {
            return new byte[0];
        }
        new FileSender(request, file, pieces).start();
        return NOT_DONE_YET;
    }

    private byte[] addSlash(Request request) {
        String uri = request.getUri();
        int q = uri.indexOf('?');
        String location = request.getPath() + "/" + (q < 0 ? "" : uri.substring(q));
        return Redirect.redirectTo(location, request);
    }

    private byte[] list(Request request, Path directory) throws IOException {
        if (!directoryListing) {
            return new ForbiddenResource("Directory listing is not allowed here.").render(request);
        }
        boolean atRoot = directory.equals(root);
        List<DirectoryListing.Entry> entries = DirectoryListing.read(directory).stream()
                .filter(entry -> allowDotfiles || DotFiles.listed(atRoot, entry.name())).toList();
        String page = DirectoryListing.render(request.getPath(), !atRoot, entries, mimeTypes);
        request.setHeader("Content-Type", DirectoryListing.CONTENT_TYPE);
        return page.getBytes(UTF_8);
    }

    private static byte[] notFound(Request request) {
        return new NoResource("No such file or directory.").render(request);
    }
}
