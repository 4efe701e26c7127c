package org.twisted4j.web;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twisted4j.application.UsageError;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.web.cgi.CGIDirectory;
import org.twisted4j.web.cgi.CGIScript;
import org.twisted4j.web.cgi.FilteredScript;
import org.twisted4j.web.cgi.PHPScript;

/**
 * What {@link WebPlugin}'s {@code --class}, {@code --processor} and {@code --cgi-dir} make: classes named on
 * the command line, built-in processors, and CGI directories mounted over the root. Each bad value is a
 * {@link UsageError} naming the option.
 */
final class WebRoots {

    /** The processors {@code --processor EXT=NAME} knows by name. */
    static final List<String> BUILT_IN_PROCESSORS = List.of("perl", "cgi", "php");

    private WebRoots() {
    }

    /** Parses each {@code EXT=CLASS} of {@code --processor}. */
    static Map<String, ResourceProcessor> processors(ReactorCore reactor, List<String> values) {
        Map<String, ResourceProcessor> processors = new LinkedHashMap<>();
        for (String value : values) {
            int eq = value.indexOf('=');
            if (eq <= 0 || eq == value.length() - 1) {
                throw new UsageError("--processor: expected EXT=CLASS, such as .pl=perl, not '" + value + "'");
            }
            String extension = value.substring(0, eq);
            String name = value.substring(eq + 1);
            if (!extension.startsWith(".") || extension.length() < 2 || extension.indexOf('/') >= 0) {
                throw new UsageError("--processor " + value + ": the extension must be a dot and a name, such as .pl");
            }
            processors.put(extension, switch (name) {
                case "perl" -> {
                    ReactorProcess processes = processes(reactor, "--processor " + value);
                    yield file -> new FilteredScript(processes, file, FilteredScript.PERL);
                }
                case "cgi" -> {
                    ReactorProcess processes = processes(reactor, "--processor " + value);
                    yield file -> new CGIScript(processes, file);
                }
                case "php" -> {
                    ReactorProcess processes = processes(reactor, "--processor " + value);
                    yield file -> new PHPScript(processes, file);
                }
                default -> processorClass(reactor, "--processor " + value, name);
            });
        }
        return processors;
    }

    /** Makes the {@code --class} resource. */
    static Resource instantiate(String className) {
        Class<?> type = load("--class", className);
        if (!Resource.class.isAssignableFrom(type)) {
            throw new UsageError("--class: " + className + " is not a " + Resource.class.getName());
        }
        return (Resource) construct("--class", type, noArgConstructor("--class", type), new Object[0]);
    }

    /**
     * Puts a {@link CGIDirectory} at each {@code URL=DIR} of {@code --cgi-dir} in front of {@code root}; returns
     * {@code root} itself if there are none.
     */
    static Resource mountCgiDirectories(ReactorCore reactor, List<String> values, Resource root) {
        if (values.isEmpty()) {
            return root;
        }
        List<Mounted.Mount> mounts = new ArrayList<>();
        for (String value : values) {
            int eq = value.indexOf('=');
            if (eq <= 0 || eq == value.length() - 1) {
                throw new UsageError("--cgi-dir: expected URL=DIR, such as /cgi-bin=/srv/cgi-bin, not '" + value + "'");
            }
            List<String> segments = new ArrayList<>(Arrays.asList(value.substring(0, eq).split("/")));
            segments.removeIf(String::isEmpty);
            if (segments.isEmpty() || segments.contains("..") || segments.contains(".")) {
                throw new UsageError("--cgi-dir " + value + ": the URL must be a path below /, such as /cgi-bin");
            }
            Path directory;
            try {
                directory = Path.of(value.substring(eq + 1));
            } catch (InvalidPathException e) {
                throw new UsageError("--cgi-dir " + value + ": " + e.getMessage());
            }
            if (!Files.isDirectory(directory)) {
                throw new UsageError("--cgi-dir " + value + ": " + directory + " is not a directory");
            }
            mounts.add(new Mounted.Mount(List.copyOf(segments),
                    new CGIDirectory(processes(reactor, "--cgi-dir " + value), directory)));
        }
        mounts.sort(Comparator.comparingInt((Mounted.Mount m) -> m.segments().size()).reversed());
        return new Mounted(root, mounts);
    }

    private static ReactorProcess processes(ReactorCore reactor, String option) {
        if (reactor instanceof ReactorProcess processes) {
            return processes;
        }
        throw new UsageError(option + ": this reactor cannot run processes");
    }

    private static ResourceProcessor processorClass(ReactorCore reactor, String option, String className) {
        Class<?> type = load(option, className);
        if (!ResourceProcessor.class.isAssignableFrom(type)) {
            throw new UsageError(option + ": " + className + " is neither a built-in processor ("
                    + String.join(", ", BUILT_IN_PROCESSORS) + ") nor a " + ResourceProcessor.class.getName());
        }
        for (Constructor<?> constructor : type.getConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length == 1 && parameters[0] == ReactorProcess.class) {
                return (ResourceProcessor) construct(option, type, constructor,
                        new Object[] {processes(reactor, option)});
            }
        }
        return (ResourceProcessor) construct(option, type, noArgConstructor(option, type), new Object[0]);
    }

    private static Class<?> load(String option, String className) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(className, true, loader != null ? loader : WebRoots.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UsageError(option + ": no class " + className + " can be loaded: " + e);
        }
    }

    private static Constructor<?> noArgConstructor(String option, Class<?> type) {
        if (Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            throw new UsageError(option + ": " + type.getName() + " must be a public class that is not abstract");
        }
        try {
            return type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new UsageError(option + ": " + type.getName() + " has no public constructor without arguments");
        }
    }

    private static Object construct(String option, Class<?> type, Constructor<?> constructor, Object[] args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new UsageError(option + ": making a " + type.getName() + " failed: " + e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new UsageError(option + ": cannot make a " + type.getName() + ": " + e);
        }
    }

    /** CGI directories at fixed paths in front of a root that answers everything else. */
    private static final class Mounted extends Resource {

        /** A resource at a path. */
        record Mount(List<String> segments, Resource resource) {
        }

        private final Resource fallback;
        private final List<Mount> mounts;

        Mounted(Resource fallback, List<Mount> mounts) {
            this.fallback = fallback;
            this.mounts = List.copyOf(mounts);
        }

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        public byte[] render(Request request) throws Exception {
            List<String> postpath = request.postpath();
            for (Mount mount : mounts) {
                int n = mount.segments().size();
                if (postpath.size() >= n && postpath.subList(0, n).equals(mount.segments())) {
                    request.prepath().addAll(mount.segments());
                    postpath.subList(0, n).clear();
                    return mount.resource().getChildForRequest(request).render(request);
                }
            }
            return fallback.getChildForRequest(request).render(request);
        }
    }
}
