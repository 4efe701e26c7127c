package org.twisted4j.web.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.logger.Logger;
import org.twisted4j.web.Resource;
import org.twisted4j.web.ResourceProcessor;

/**
 * Resource scripts, Twisted's {@code .rpy} files in Java: a {@code .jsh} file, JShell's script format, whose
 * value is the {@link Resource} that answers for it. Use it as the {@code StaticFile} processor of {@code .jsh}
 * files (opt-in: {@code twist web --processor .jsh=jsh}), or serve one script as the root
 * ({@code twist web --resource-script FILE}, {@link #resource(Path)}).
 *
 * <pre>{@code
 * // hello.jsh
 * class Hello extends Resource {
 *     @Override public boolean isLeaf() { return true; }
 *     @Override protected byte[] renderGET(Request request) {
 *         return ("hello " + request.getArgs().getOrDefault("name", List.of("world")) + "\n").getBytes();
 *     }
 * }
 * var resource = new Hello();
 * }</pre>
 *
 * <h2>What a script is</h2>
 * JShell snippets (declarations, statements, expressions; no {@code /commands}), evaluated in order in this JVM
 * with {@code java.util.*}, {@code java.nio.file.*}, {@code java.nio.charset.*} and {@code org.twisted4j.web.*}
 * imported and the script's own path in {@code scriptFile}. Its resource is the value of its variable
 * {@code resource} if it declares one, else the value of its last snippet. Scripts see every class this server
 * sees, and run with its rights: serve only scripts you trust, as Twisted's {@code .rpy} files.
 *
 * <h2>Caching</h2>
 * A script is evaluated on first request, off the reactor thread (compiling takes about a second); requests
 * meanwhile wait for it. Its resource is kept and used for every request until the file's modification time or
 * size changes: the next request evaluates it again, and the new resource answers from then on. A script that
 * fails is answered 500 (naming the script and its line; the compiler's message or the exception's
 * traceback only if the site displays tracebacks), logged once, and tried again only when the file changes.
 * The resource's state lives as long as it is cached: a counter in a script starts again when the script is
 * edited.
 *
 * <h2>Pitfalls</h2>
 * A script that never finishes keeps its requests waiting; nothing stops it. Each evaluation loads the script's
 * classes anew, so a server whose scripts change very often holds the old ones until they are collected.
 *
 * <p>Threading: reactor thread only.
 */
public final class ResourceScripts implements ResourceProcessor {

    /** The largest script read: 1 MiB. */
    public static final long DEFAULT_MAX_SCRIPT_BYTES = 1 << 20;

    private static final Logger LOG = Logger.forClass(ResourceScripts.class);

    private final ReactorThreads reactor;
    private final Map<Path, Entry> cache = new HashMap<>();
    private long maxScriptBytes = DEFAULT_MAX_SCRIPT_BYTES;

    /** A script's last evaluation: its file's stamp, and its result or those waiting for it. */
    private static final class Entry {
        final FileTime modified;
        final long size;
        @Nullable Resource resource;
        @Nullable Failure failure;
        final List<Deferred<Resource>> waiting = new ArrayList<>();

        Entry(FileTime modified, long size) {
            this.modified = modified;
            this.size = size;
        }
    }

    /**
     * Makes the processor.
     *
     * @param reactor runs the evaluations on its threads and delivers their results on the reactor thread
     */
    public ResourceScripts(ReactorThreads reactor) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
    }

    /** Sets the largest script read, in bytes; a larger one fails. */
    public void setMaxScriptBytes(long maxScriptBytes) {
        if (maxScriptBytes <= 0) {
            throw new IllegalArgumentException("maxScriptBytes must be positive: " + maxScriptBytes);
        }
        this.maxScriptBytes = maxScriptBytes;
    }

    /** Returns a leaf that answers each request with the current resource of {@code file}, as {@link #process}. */
    public Resource resource(Path file) {
        return new ResourceScript(this, file.toAbsolutePath().normalize());
    }

    /** Returns the resource answering for the script {@code file}: evaluated when a request comes, as the class says. */
    @Override
    public Resource process(Path file) {
        return resource(file);
    }

    /**
     * Fires with the script's current resource, evaluating it if it is new or changed; fails with a
     * {@link ResourceScriptException} (or the {@link IOException} reading it) if the script does.
     */
    Deferred<Resource> load(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            cache.remove(file);
            return Deferred.fail(e);
        }
        Entry entry = cache.get(file);
        if (entry == null || !entry.modified.equals(attributes.lastModifiedTime()) || entry.size != attributes.size()) {
            Entry fresh = new Entry(attributes.lastModifiedTime(), attributes.size());
            cache.put(file, fresh);
            long limit = maxScriptBytes;
            reactor.deferToThread(() -> ScriptEvaluator.evaluate(file, limit)).addCallbacks(resource -> {
                settle(fresh, resource, null);
                return null;
            }, failure -> {
                LOG.failure("resource script {script} failed", failure, "script", file.toString());
                settle(fresh, null, failure);
                return null;
            });
            entry = fresh;
        }
        if (entry.resource != null) {
            return Deferred.succeed(entry.resource);
        }
        if (entry.failure != null) {
            return Deferred.fail(entry.failure);
        }
        Deferred<Resource> waiter = new Deferred<>();
        entry.waiting.add(waiter);
        return waiter;
    }

    private static void settle(Entry entry, @Nullable Resource resource, @Nullable Failure failure) {
        entry.resource = resource;
        entry.failure = failure;
        List<Deferred<Resource>> waiting = new ArrayList<>(entry.waiting);
        entry.waiting.clear();
        for (Deferred<Resource> waiter : waiting) {
            if (resource != null) {
                waiter.callback(resource);
            } else {
                waiter.errback(Objects.requireNonNull(failure));
            }
        }
    }
}
