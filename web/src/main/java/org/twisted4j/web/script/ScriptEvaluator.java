package org.twisted4j.web.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import org.jspecify.annotations.Nullable;
import org.twisted4j.web.Resource;

/**
 * Evaluates one resource script with JShell, snippet by snippet, and returns the resource it makes: the value
 * of its variable {@code resource} if it declares one, else the value of its last snippet. Blocking (compiling
 * takes a while): never on the reactor thread.
 */
final class ScriptEvaluator {

    /** What every script may use without importing it. */
    static final List<String> IMPORTS = List.of("java.util.*", "java.nio.file.*", "java.nio.charset.*",
            "org.twisted4j.web.*");

    private ScriptEvaluator() {
    }

    static Resource evaluate(Path file, long maxBytes) throws IOException, ResourceScriptException {
        if (Files.size(file) > maxBytes) {
            throw new ResourceScriptException(file, 0, "the script is larger than " + maxBytes + " bytes", null);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        CapturingExecutionControl[] control = new CapturingExecutionControl[1];
        try (JShell shell = JShell.builder()
                .executionEngine(CapturingExecutionControl.provider(ScriptEvaluator.class.getClassLoader(), control),
                        null)
                .compilerOptions(compilerOptions())
                .build()) {
            for (String pkg : IMPORTS) {
                run(shell, file, 0, "import " + pkg + ";");
            }
            run(shell, file, 0, "final Path scriptFile = Path.of(\"" + javaString(file.toAbsolutePath().toString())
                    + "\");");
            control[0].takeLastValue();
            Object last = null;
            boolean sawValue = false;
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            String remaining = text;
            while (true) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                int line = lineAt(text, text.length() - remaining.length() + startOf(remaining, info.source()));
                switch (info.completeness()) {
                    case EMPTY -> {
                        return result(file, shell, control[0], last, sawValue);
                    }
                    case COMPLETE, COMPLETE_WITH_SEMI -> { }
                    default -> {
                        // The rest does not parse: the compiler says why, at the line where it starts.
                        String problem = "the script ends inside a declaration or statement";
                        try {
                            run(shell, file, line, remaining);
                        } catch (ResourceScriptException e) {
                            problem = e.problem();
                        }
                        throw new ResourceScriptException(file, line, problem, null);
                    }
                }
                Snippet snippet = run(shell, file, line, info.source());
                boolean valued = snippet.kind() == Snippet.Kind.EXPRESSION || snippet.kind() == Snippet.Kind.VAR;
                last = control[0].takeLastValue();
                sawValue = valued;
                remaining = info.remaining();
            }
        }
    }

    private static Resource result(Path file, JShell shell, CapturingExecutionControl control, @Nullable Object last,
            boolean sawValue) throws ResourceScriptException {
        Object value = last;
        boolean named = shell.variables().anyMatch(v -> v.name().equals("resource"));
        if (named) {
            run(shell, file, 0, "resource");
            value = control.takeLastValue();
        } else if (!sawValue) {
            throw new ResourceScriptException(file, 0,
                    "the script neither declares a variable resource nor ends with an expression", null);
        }
        if (value instanceof Resource resource) {
            return resource;
        }
        throw new ResourceScriptException(file, 0, "the script's " + (named ? "variable resource" : "last value")
                + " is " + (value == null ? "null" : "a " + value.getClass().getName()) + ", not a "
                + Resource.class.getName(), null);
    }

    /** Evaluates one snippet; a compile error, an unresolved name or a thrown exception fails the script. */
    private static Snippet run(JShell shell, Path file, int line, String source) throws ResourceScriptException {
        List<SnippetEvent> events = shell.eval(source);
        Snippet first = null;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            first = first == null ? snippet : first;
            switch (event.status()) {
                case REJECTED -> {
                    Diag error = shell.diagnostics(snippet).filter(Diag::isError).findFirst().orElse(null);
                    int at = error == null || error.getStartPosition() < 0 ? line
                            : line + lineAt(source, (int) error.getStartPosition()) - 1;
                    throw new ResourceScriptException(file, Math.max(at, 0), error == null ? "does not compile"
                            : error.getMessage(Locale.ROOT).lines().findFirst().orElse("does not compile"), null);
                }
                case RECOVERABLE_DEFINED, RECOVERABLE_NOT_DEFINED -> {
                    List<String> missing = new ArrayList<>();
                    shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet).forEach(missing::add);
                    throw new ResourceScriptException(file, line, "cannot find " + String.join(", ", missing), null);
                }
                default -> { }
            }
            JShellException thrown = event.exception();
            if (thrown != null) {
                String problem = switch (thrown) {
                    case EvalException e -> "threw " + e.getExceptionClassName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage());
                    case UnresolvedReferenceException e -> "uses " + e.getSnippet().source().strip()
                            + ", which cannot be resolved";
                    default -> "failed: " + thrown.getMessage();
                };
                throw new ResourceScriptException(file, line, problem, thrown);
            }
        }
        if (first == null) {
            throw new ResourceScriptException(file, line, "JShell made nothing of the snippet", null);
        }
        return first;
    }

    /** The class path and module path of this JVM, for compiling against what it runs. */
    private static String[] compilerOptions() {
        List<String> options = new ArrayList<>();
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.isEmpty()) {
            options.addAll(List.of("--class-path", classPath));
        }
        String modulePath = System.getProperty("jdk.module.path", "");
        if (!modulePath.isEmpty()) {
            options.addAll(List.of("--module-path", modulePath, "--add-modules", "ALL-MODULE-PATH"));
        }
        return options.toArray(String[]::new);
    }

    /** The 1-based line of {@code offset} in {@code text}. */
    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Where {@code source}, the snippet JShell cut from {@code text}, starts in it (past comments and space). */
    private static int startOf(String text, @Nullable String source) {
        String head = source == null ? "" : source.strip().lines().findFirst().orElse("");
        head = head.substring(0, Math.min(head.length(), 40));
        int at = head.isEmpty() ? -1 : text.indexOf(head);
        if (at >= 0) {
            return at;
        }
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String javaString(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
