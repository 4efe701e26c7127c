package org.twisted4j.conch.manhole;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.twisted4j.conch.insults.Keystroke;
import org.twisted4j.conch.recvline.HistoricRecvLine;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.logger.Logger;

/**
 * The manhole's terminal application (Twisted's {@code manhole.ColoredManhole} without colours): a JShell REPL
 * with {@link HistoricRecvLine}'s line editing and history. A line that does not finish a snippet (an open
 * brace, a statement without its end) gets the {@code ... } prompt and waits for more; a blank line ends a
 * snippet JShell only considers incomplete. Each session has its own JShell, whose variables start as the
 * namespace's objects.
 *
 * <p>Keys: Control-C drops the input so far, Control-D on an empty line ends the session, Control-L clears the
 * screen. Results of Deferreds and lines typed while a snippet runs are shown after it.
 *
 * <h2>Threading</h2>
 * Reactor thread only. JShell compiles on a worker thread of the session's own; the snippets then run on the
 * reactor's thread, as in Twisted, so they may touch protocols and transports, and one that loops stops the
 * server as it would in Twisted.
 */
public final class Manhole extends HistoricRecvLine {

    /** The prompt of a new snippet. */
    public static final String PROMPT = ">>> ";
    /** The prompt of a snippet's next line. */
    public static final String CONTINUATION_PROMPT = "... ";

    private static final Logger log = new Logger("manhole");

    private final ReactorThreads reactor;
    private final Map<String, Object> namespace;
    private final StringBuilder pending = new StringBuilder();
    private final Queue<String> queuedLines = new ArrayDeque<>();
    private final List<String> queuedOutput = new ArrayList<>();
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("manhole").factory());
    private final JShellInterpreter interpreter;
    private boolean evaluating;
    private boolean closed;

    /**
     * A session.
     *
     * @param reactor where the snippets run and where the worker's results come back
     * @param namespace the objects the session starts with, as variables by name
     */
    public Manhole(ReactorThreads reactor, Map<String, Object> namespace) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.namespace = Map.copyOf(namespace);
        this.interpreter = new JShellInterpreter(this.namespace, reactor, text -> output(List.of(text)));
    }

    @Override
    protected String prompt() {
        return pending.isEmpty() ? PROMPT : CONTINUATION_PROMPT;
    }

    @Override
    public void connectionMade() {
        super.connectionMade();
        // JShell takes a second or two to start: start it while the user types (the worker takes one job at a
        // time, so a line entered meanwhile waits for it).
        reactor.deferToThreadPool(worker, interpreter::start).addCallbacks(started -> {
            output(started);
            return null;
        }, this::failed);
    }

    @Override
    protected void lineReceived(String line) {
        if (evaluating) {
            queuedLines.add(line);
            return;
        }
        pending.append(line).append('\n');
        String source = pending.toString();
        evaluating = true;
        reactor.deferToThreadPool(worker, () -> interpreter.push(source)).addCallbacks(result -> {
            if (!result.incomplete()) {
                pending.setLength(0);
            }
            finished(result.output());
            return null;
        }, this::failed);
    }

    @Override
    protected void unhandledKey(Keystroke key) {
        if (key.is(Keystroke.CONTROL_C)) {
            pending.setLength(0);
            queuedLines.clear();
            replaceLine("");
            terminal().write("^C");
            terminal().nextLine();
            showPrompt();
        } else if (key.is(Keystroke.CONTROL_D) && currentLine().isEmpty()) {
            terminal().nextLine();
            terminal().loseConnection();
        } else if (key.is(Keystroke.CONTROL_L)) {
            terminal().eraseDisplay();
            terminal().cursorHome();
            showPrompt();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        closed = true;
        JShellInterpreter closing = interpreter;
        worker.execute(closing::close);
        worker.shutdown();
    }

    private Void failed(Failure failure) {
        log.failure("manhole: evaluation failed", failure);
        finished(List.of("Error: " + failure.getErrorMessage()));
        return null;
    }

    /** The worker is done: shows its output and what waited below the line entered, then the next prompt. */
    private void finished(List<String> output) {
        if (closed) {
            return;
        }
        evaluating = false;
        List<String> lines = new ArrayList<>(output);
        lines.addAll(queuedOutput);
        queuedOutput.clear();
        terminal().write("\r");
        terminal().eraseToLineEnd();
        writeLines(lines);
        showPrompt();
        nextQueuedLine();
    }

    /** Takes a line typed while a snippet ran. */
    private void nextQueuedLine() {
        String next = queuedLines.poll();
        if (next != null && !evaluating) {
            lineReceived(next);
        }
    }

    private void writeLines(List<String> lines) {
        for (String line : lines) {
            for (String part : line.split("\n", -1)) {
                terminal().write(part);
                terminal().nextLine();
            }
        }
    }

    /** Shows lines above the line being edited, which is drawn again below them. */
    private void output(List<String> lines) {
        if (closed || lines.isEmpty()) {
            return;
        }
        if (evaluating) {
            queuedOutput.addAll(lines);
            return;
        }
        terminal().write("\r");
        terminal().eraseToLineEnd();
        writeLines(lines);
        showPrompt();
    }
}
