package org.twisted4j.protocols.amp;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;

/**
 * AMP's questions and answers over boxes, as Twisted's {@code BoxDispatcher} with its {@code CommandLocator}:
 * sends commands and fires their Deferreds when answers come back, and answers the peer's commands with the
 * responders registered here. {@link AMP} puts one on a connection; it is public so that boxes can travel
 * another way (a test's {@link BoxSender}, another framing).
 *
 * <h2>On the wire</h2>
 * A call is a box of its arguments with {@code _command} (the name) and, when it expects an answer, {@code _ask}
 * (a tag: 1, 2, 3... in hexadecimal). The answer is a box of the response with {@code _answer} (the tag), or an
 * error box: {@code _error} (the tag), {@code _error_code} and {@code _error_description}.
 * <ul>
 *   <li>a command with no responder is answered {@value #UNHANDLED_ERROR_CODE}, with description
 *       {@code Unhandled Command: b'Name'} as Twisted writes it;
 *   <li>a declared error is answered with its code and the exception's message; a fatal one then closes the
 *       connection;
 *   <li>anything else a responder throws (or a response it cannot write) is answered
 *       {@value #UNKNOWN_ERROR_CODE} with description {@code Unknown Error} (nothing of the exception is sent), the
 *       exception is logged here, and the connection closes, as Twisted does.
 * </ul>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class BoxDispatcher {
    /** The code of an error a command does not declare. */
    public static final String UNKNOWN_ERROR_CODE = "UNKNOWN";
    /** The code of a command with no responder. */
    public static final String UNHANDLED_ERROR_CODE = "UNHANDLED";

    static final String COMMAND = "_command";
    static final String ASK = "_ask";
    static final String ANSWER = "_answer";
    static final String ERROR = "_error";
    static final String ERROR_CODE = "_error_code";
    static final String ERROR_DESCRIPTION = "_error_description";

    /** What answers one command name: parses, responds, writes. */
    private interface Dispatch {
        Deferred<AmpBox> dispatch(AmpBox box);
    }

    private final Map<String, Dispatch> responders = new HashMap<>();
    private final Map<String, Command<?, ?>> commands = new HashMap<>();
    private final Map<String, Map.Entry<Command<?, ?>, Deferred<@Nullable Object>>> outstanding = new HashMap<>();
    private @Nullable BoxSender sender;
    private @Nullable Failure failAllReason;
    private long counter;

    /** A dispatcher with no responders and no sender yet. */
    public BoxDispatcher() {
    }

    /**
     * Answers {@code command} with {@code responder}, replacing any responder it had.
     *
     * @return this dispatcher
     */
    public <A extends Record, R extends Record> BoxDispatcher respond(Command<A, R> command,
            Responder<A, R> responder) {
        Objects.requireNonNull(responder, "responder");
        return respondDeferred(command, arguments -> Deferred.succeed(responder.respond(arguments)));
    }

    /**
     * Answers {@code command} with {@code responder}, whose Deferred gives the response later.
     *
     * @return this dispatcher
     */
    public <A extends Record, R extends Record> BoxDispatcher respondDeferred(Command<A, R> command,
            DeferredResponder<A, R> responder) {
        Objects.requireNonNull(responder, "responder");
        responders.put(command.name(), box -> {
            Deferred<R> response = Deferred.maybeDeferred(() -> responder.respond(command.arguments().fromBox(box)));
            return response.addCallbacks(value -> answerBox(command, Objects.requireNonNull(value,
                    "the responder of " + command.name() + " returned null")), failure -> {
                        Throwable error = failure.value();
                        String code = command.errorCode(error);
                        if (code == null) {
                            throw failure.raise();
                        }
                        throw new DeclaredError(code, String.valueOf(Objects.requireNonNullElse(error.getMessage(),
                                "")), command.isFatal(error), error);
                    });
        });
        commands.put(command.name(), command);
        return this;
    }

    /** The answer box of {@code response}, carrying the local value a switching command hands to its sender. */
    private static <R extends Record> AmpBox answerBox(Command<?, R> command, R response) {
        AmpBox box = command.response().toBox(response, new AmpBox());
        String local = switch (command.switching()) {
            case NONE -> null;
            case TLS -> Command.TLS_COMPONENT;
            case PROTOCOL -> Command.FACTORY_COMPONENT;
        };
        if (local != null) {
            box.switchTo = Objects.requireNonNull(command.response().localValue(response, local),
                    "the responder of " + command.name() + " gave no " + local);
        }
        return box;
    }

    /** The command answered as {@code name}, or null if none is. */
    @Nullable Command<?, ?> commandFor(String name) {
        return commands.get(name);
    }

    /** A declared error on its way to the wire. */
    private static final class DeclaredError extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;
        final String description;
        final boolean fatal;

        DeclaredError(String code, String description, boolean fatal, Throwable cause) {
            super(code + ": " + description, cause, false, false);
            this.code = code;
            this.description = description;
            this.fatal = fatal;
        }
    }

    /** Starts: boxes go to {@code sender} from now on. */
    public void startReceivingBoxes(BoxSender sender) {
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    /**
     * Stops: every call still waiting for an answer fails with {@code reason}, and so does every later call.
     */
    public void stopReceivingBoxes(Failure reason) {
        failAllReason = reason;
        var waiting = Map.copyOf(outstanding);
        outstanding.clear();
        for (var entry : waiting.values()) {
            entry.getValue().errback(reason);
        }
    }

    /** How many calls are waiting for their answer. */
    public int outstandingCalls() {
        return outstanding.size();
    }

    /**
     * Calls {@code command} on the peer, as Twisted's {@code callRemote}.
     *
     * @return a Deferred of the response; it fails with the command's declared error for a declared code,
     *         {@link UnhandledCommand} if the peer has no responder, {@link UnknownRemoteError} for any other code,
     *         or the connection's reason if it ends first. For a command that requires no answer, it fires with
     *         null once the box is sent. It fails at once with the argument's error if the arguments cannot be
     *         written (a required one null, a {@link TooLong} value).
     * @throws IllegalStateException if no sender was given yet
     */
    @SuppressWarnings("unchecked")
    public <A extends Record, R extends Record> Deferred<R> callRemote(Command<A, R> command, A arguments) {
        Failure lost = failAllReason;
        if (lost != null) {
            return command.requiresAnswer() ? Deferred.fail(lost) : Deferred.succeed(null);
        }
        BoxSender to = sender();
        AmpBox box;
        try {
            box = command.arguments().toBox(arguments, new AmpBox());
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
        box.put(COMMAND, command.name());
        String tag = Long.toHexString(++counter);
        if (command.requiresAnswer()) {
            box.put(ASK, tag);
        }
        try {
            to.sendBox(box);
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
        if (!command.requiresAnswer()) {
            return Deferred.succeed(null);
        }
        Deferred<@Nullable Object> answer = new Deferred<>();
        outstanding.put(tag, Map.entry(command, answer));
        return (Deferred<R>) (Deferred<?>) answer;
    }

    private BoxSender sender() {
        BoxSender to = sender;
        if (to == null) {
            throw new IllegalStateException("the dispatcher has no sender yet: call startReceivingBoxes");
        }
        return to;
    }

    /**
     * Takes one box from the peer: an answer, an error answer or a command.
     *
     * @throws IllegalStateException if no sender was given yet
     */
    public void ampBoxReceived(AmpBox box) {
        if (box.containsKey(ANSWER)) {
            answerReceived(box);
        } else if (box.containsKey(ERROR)) {
            errorReceived(box);
        } else if (box.containsKey(COMMAND)) {
            commandReceived(box);
        } else {
            sender().unhandledError(new Failure(new AmpError("an AMP box that is neither question nor answer: "
                    + box.keys())));
        }
    }

    private Map.@Nullable Entry<Command<?, ?>, Deferred<@Nullable Object>> question(AmpBox box, String key) {
        String tag = Objects.requireNonNull(box.getString(key));
        var entry = outstanding.remove(tag);
        if (entry == null) {
            sender().unhandledError(new Failure(new AmpError("an AMP answer to no question: " + key + " " + tag)));
            return null;
        }
        Deferred<@Nullable Object> answer = entry.getValue();
        entry.getValue().addErrback(this::unhandled);
        return Map.entry(entry.getKey(), answer);
    }

    private <T> @Nullable T unhandled(Failure failure) {
        BoxSender to = sender;
        if (to != null) {
            to.unhandledError(failure);
        }
        return null;
    }

    private void answerReceived(AmpBox box) {
        var question = question(box, ANSWER);
        if (question == null) {
            return;
        }
        Object response;
        try {
            response = question.getKey().response().fromBox(box);
        } catch (RuntimeException e) {
            question.getValue().errback(e);
            return;
        }
        question.getValue().callback(response);
    }

    private void errorReceived(AmpBox box) {
        var question = question(box, ERROR);
        if (question == null) {
            return;
        }
        String code = Objects.requireNonNullElse(box.getString(ERROR_CODE), "");
        String description = Objects.requireNonNullElse(box.getString(ERROR_DESCRIPTION), "");
        Throwable error;
        if (code.equals(UNHANDLED_ERROR_CODE)) {
            error = new UnhandledCommand(description);
        } else {
            Throwable declared = question.getKey().errorFor(code, description);
            error = declared != null ? declared : new UnknownRemoteError(description);
        }
        question.getValue().errback(error);
    }

    private void commandReceived(AmpBox box) {
        String name = Objects.requireNonNull(box.getString(COMMAND));
        Dispatch responder = responders.get(name);
        Deferred<AmpBox> outcome = responder != null ? responder.dispatch(box)
                : Deferred.fail(new DeclaredError(UNHANDLED_ERROR_CODE, "Unhandled Command: "
                        + pythonBytesRepr(Objects.requireNonNull(box.get(COMMAND))), false, new UnhandledCommand(name)));
        byte[] tag = box.get(ASK);
        if (tag == null) {
            outcome.addErrback(this::unhandled);
            return;
        }
        outcome.addCallbacks(answer -> {
            answer.put(ANSWER, tag);
            send(answer, false);
            return null;
        }, failure -> {
            AmpBox error = new AmpBox().put(ERROR, tag);
            boolean close;
            if (failure.value() instanceof DeclaredError declared) {
                error.put(ERROR_CODE, declared.code).put(ERROR_DESCRIPTION, declared.description);
                close = declared.fatal;
            } else {
                AmpLog.LOG.failure("AMP responder to {command} failed; answered " + UNKNOWN_ERROR_CODE, failure,
                        "command", name);
                error.put(ERROR_CODE, UNKNOWN_ERROR_CODE).put(ERROR_DESCRIPTION, "Unknown Error");
                close = true;
            }
            send(error, close);
            return null;
        }).addErrback(this::unhandled);
    }

    private void send(AmpBox box, boolean thenClose) {
        BoxSender to = sender();
        if (failAllReason == null) {
            to.sendBox(box);
        }
        if (thenClose) {
            to.loseConnection();
        }
    }

    /** Python's {@code repr()} of a bytes object, as Twisted puts a command name in its description. */
    static String pythonBytesRepr(byte[] bytes) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte b : bytes) {
            hasSingle |= b == '\'';
            hasDouble |= b == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder text = new StringBuilder("b").append(quote);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == quote || c == '\\') {
                text.append('\\').append((char) c);
            } else if (c == '\t') {
                text.append("\\t");
            } else if (c == '\n') {
                text.append("\\n");
            } else if (c == '\r') {
                text.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                text.append(String.format("\\x%02x", c));
            } else {
                text.append((char) c);
            }
        }
        return text.append(quote).toString();
    }
}
