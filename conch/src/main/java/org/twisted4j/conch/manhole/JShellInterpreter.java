package org.twisted4j.conch.manhole;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorThreads;

/**
 * One session's JShell: it takes input as the user types it, says whether more is needed (an open brace, an
 * unfinished statement), and evaluates what is complete, returning what to show as jshell does
 * ({@code $1 ==> 42}, errors, exceptions). Its namespace's objects are declared as variables first.
 *
 * <p>Worker thread only: one call at a time, never on the reactor's thread (the snippets run there).
 */
final class JShellInterpreter implements AutoCloseable {

    /** The imports every session starts with. */
    static final List<String> IMPORTS = List.of("java.util.*", "java.util.function.*", "java.util.stream.*",
            "java.time.*", "org.twisted4j.defer.*", "org.twisted4j.internet.*", "org.twisted4j.internet.task.*");

    /** What one push gave: more input needed, or the lines to show. */
    record Result(boolean incomplete, List<String> output) {
    }

    private final Map<String, Object> namespace;
    private final ReactorThreads reactor;
    private final Consumer<String> fired;
    private final String key = UUID.randomUUID().toString();
    private @Nullable JShell shell;

    /**
     * @param namespace the objects to declare, by name
     * @param reactor where the snippets run
     * @param fired told (on the reactor's thread) when a Deferred that was shown fires
     */
    JShellInterpreter(Map<String, Object> namespace, ReactorThreads reactor, Consumer<String> fired) {
        this.namespace = Map.copyOf(namespace);
        this.reactor = reactor;
        this.fired = fired;
    }

    /** Starts JShell and declares the namespace; the first call takes a second or two. */
    List<String> start() {
        if (shell != null) {
            return List.of();
        }
        ClassLoader parent = JShellInterpreter.class.getClassLoader();
        SnippetLoader loader = new SnippetLoader(parent);
        ManholeExecutionControl control = new ManholeExecutionControl(loader, reactor, fired);
        PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        JShell started = JShell.builder()
                .executionEngine(ManholeExecutionControl.provider(control), Map.of())
                .out(discard).err(discard)
                .build();
        shell = started;
        String classPath = classPath();
        if (!classPath.isEmpty()) {
            started.addToClasspath(classPath);
        }
        List<String> output = new ArrayList<>();
        for (String imported : IMPORTS) {
            output.addAll(evaluate(started, "import " + imported + ";", false));
        }
        ManholeNamespace.register(key, namespace);
        for (Map.Entry<String, Object> entry : namespace.entrySet()) {
            String declaration = "var " + entry.getKey() + " = (" + typeName(entry.getValue().getClass()) + ") "
                    + ManholeNamespace.class.getName() + ".lookup(\"" + key + "\", \"" + entry.getKey() + "\");";
            output.addAll(evaluate(started, declaration, false));
        }
        return output;
    }

    /**
     * Takes the input typed since the last complete snippet: evaluates every complete snippet in it, or says
     * that more is needed.
     */
    Result push(String source) {
        List<String> output = new ArrayList<>(start());
        JShell current = shell;
        if (current == null) {
            throw new IllegalStateException("closed");
        }
        SourceCodeAnalysis analysis = current.sourceCodeAnalysis();
        String remaining = source;
        boolean endsWithBlankLine = source.endsWith("\n\n") || source.isBlank();
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE -> {
                    return new Result(true, output);
                }
                case CONSIDERED_INCOMPLETE -> {
                    if (!endsWithBlankLine) {
                        return new Result(true, output);
                    }
                    output.addAll(evaluate(current, remaining, true));
                    remaining = "";
                }
                case EMPTY -> remaining = "";
                default -> {
                    output.addAll(evaluate(current, info.source(), true));
                    remaining = info.remaining();
                }
            }
        }
        return new Result(false, output);
    }

    @Override
    public void close() {
        ManholeNamespace.unregister(key);
        JShell current = shell;
        shell = null;
        if (current != null) {
            current.close();
        }
    }

    private static List<String> evaluate(JShell shell, String source, boolean show) {
        List<String> output = new ArrayList<>();
        for (SnippetEvent event : shell.eval(source)) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                for (Diag diag : shell.diagnostics(snippet).toList()) {
                    output.add("Error: " + diag.getMessage(Locale.ROOT));
                }
                if (output.isEmpty()) {
                    output.add("Error: rejected: " + snippet.source().strip());
                }
            } else if (event.exception() != null) {
                output.addAll(describe(event.exception()));
            } else if (show && snippet instanceof VarSnippet variable && event.value() != null) {
                output.add(variable.name() + " ==> " + event.value());
            } else if (show && snippet instanceof DeclarationSnippet declaration
                    && !(snippet instanceof VarSnippet) && event.previousStatus() == Snippet.Status.NONEXISTENT) {
                output.add("created " + declaration.kind().name().toLowerCase(Locale.ROOT).replace("_", " ")
                        + " " + declaration.name());
            }
        }
        return output;
    }

    private static List<String> describe(JShellException exception) {
        List<String> lines = new ArrayList<>();
        if (exception instanceof EvalException e) {
            lines.add("Exception " + e.getExceptionClassName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            StackTraceElement[] trace = e.getStackTrace();
            for (int i = 0; i < Math.min(trace.length, 8); i++) {
                lines.add("      at " + trace[i]);
            }
        } else if (exception instanceof UnresolvedReferenceException e) {
            lines.add("Error: " + e.getSnippet().source().strip() + " refers to something not yet defined");
        } else {
            lines.add("Error: " + exception.getMessage());
        }
        return lines;
    }

    /** The name of the most specific public, exported type of a class, for a variable's declaration. */
    static String typeName(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (accessible(c)) {
                return c.getCanonicalName();
            }
        }
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            collectInterfaces(c, interfaces);
        }
        for (Class<?> i : interfaces) {
            if (accessible(i)) {
                return i.getCanonicalName();
            }
        }
        return "Object";
    }

    private static void collectInterfaces(Class<?> type, Set<Class<?>> into) {
        for (Class<?> i : type.getInterfaces()) {
            if (into.add(i)) {
                collectInterfaces(i, into);
            }
        }
    }

    private static boolean accessible(Class<?> type) {
        if (!Modifier.isPublic(type.getModifiers()) || type.getCanonicalName() == null || type.isHidden()
                || !type.getModule().isExported(type.getPackageName())) {
            return false;
        }
        Class<?> enclosing = type.getEnclosingClass();
        return enclosing == null || accessible(enclosing);
    }

    /** The running JVM's class path and module path, for JShell's compiler. */
    private static String classPath() {
        return java.util.stream.Stream.of(System.getProperty("java.class.path", ""),
                        System.getProperty("jdk.module.path", ""))
                .filter(p -> !p.isEmpty())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
