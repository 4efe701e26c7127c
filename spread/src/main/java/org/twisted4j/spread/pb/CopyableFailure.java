package org.twisted4j.spread.pb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.LoginDenied;
import org.twisted4j.cred.LoginFailed;
import org.twisted4j.cred.UnauthorizedLogin;
import org.twisted4j.cred.UnhandledCredentials;
import org.twisted4j.defer.Failure;

/**
 * An exception on its way to the peer, in the shape of Twisted's {@code pb.CopyableFailure}: its type name,
 * its message, the names of its types (so that {@code failure.check(...)} works on a Python peer) and a
 * traceback only when {@code unsafeTracebacks} is on. Exceptions the peer knows by a Python name (cred's
 * login errors, {@link NoSuchMethod}, {@link PBError}, a {@link RemoteError} passed on) go under that name.
 *
 * <p>Also reads the copies a peer sends back into {@link RemoteError}s.
 */
public final class CopyableFailure implements Copyable {
    /** The type name Twisted gives its copyable failures, which a Python peer maps to {@code CopiedFailure}. */
    public static final String TYPE_NAME = "twisted.spread.pb.CopyableFailure";

    /** The traceback sent when tracebacks are not: Twisted's text. */
    public static final String TRACEBACK_UNAVAILABLE = "Traceback unavailable\n";

    private static final Map<Class<?>, List<String>> PYTHON_NAMES = Map.of(
            NoSuchMethod.class, List.of("twisted.spread.flavors.NoSuchMethod", "builtins.AttributeError"),
            PBError.class, List.of("twisted.spread.pb.Error"),
            DeadReferenceError.class, List.of("twisted.spread.pb.DeadReferenceError", "twisted.spread.pb.ProtocolError"),
            ProtocolError.class, List.of("twisted.spread.pb.ProtocolError"),
            UnauthorizedLogin.class, List.of("twisted.cred.error.UnauthorizedLogin", "twisted.cred.error.LoginFailed"),
            LoginDenied.class, List.of("twisted.cred.error.LoginDenied", "twisted.cred.error.LoginFailed"),
            UnhandledCredentials.class,
            List.of("twisted.cred.error.UnhandledCredentials", "twisted.cred.error.LoginFailed"),
            LoginFailed.class, List.of("twisted.cred.error.LoginFailed"),
            RemoteMethods.TypeMismatch.class, List.of("builtins.TypeError"));

    private final Throwable error;
    private final boolean unsafeTracebacks;

    /**
     * Wraps an exception to send.
     *
     * @param error the exception
     * @param unsafeTracebacks whether to send its stack trace too
     */
    public CopyableFailure(Throwable error, boolean unsafeTracebacks) {
        this.error = error;
        this.unsafeTracebacks = unsafeTracebacks;
    }

    /**
     * The exception being sent.
     *
     * @return the exception
     */
    public Throwable error() {
        return error;
    }

    @Override
    public String typeToCopyFor(@Nullable Object perspective) {
        return TYPE_NAME;
    }

    @Override
    public Map<String, ? extends @Nullable Object> stateToCopyFor(@Nullable Object perspective) {
        List<String> parents = parents(error);
        Map<String, @Nullable Object> state = new LinkedHashMap<>();
        state.put("type", parents.get(0).getBytes(StandardCharsets.UTF_8));
        state.put("value", message(error));
        state.put("traceback", unsafeTracebacks ? new Failure(error).getTraceback() : TRACEBACK_UNAVAILABLE);
        state.put("parents", parents);
        state.put("frames", List.of());
        state.put("stack", List.of());
        state.put("tb", null);
        state.put("captureVars", Boolean.FALSE);
        state.put("count", 0L);
        state.put("unsafeTracebacks", unsafeTracebacks ? 1L : 0L);
        return state;
    }

    /** The remote type name of an exception, as a peer sees it. */
    static String remoteType(Throwable error) {
        return parents(error).get(0);
    }

    private static String message(Throwable error) {
        String message = error.getMessage();
        return message != null ? message : "";
    }

    /** The names of the exception's types, most specific first, ending as every Python exception does. */
    static List<String> parents(Throwable error) {
        List<String> names = new ArrayList<>();
        if (error instanceof RemoteError remote) {
            names.add(remote.remoteType());
        }
        for (Class<?> type = error.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            List<String> python = PYTHON_NAMES.get(type);
            if (python != null) {
                for (String name : python) {
                    if (!names.contains(name)) {
                        names.add(name);
                    }
                }
            } else if (!(error instanceof RemoteError) && !(type == RemoteError.class)) {
                names.add(type.getName());
            }
        }
        names.addAll(List.of("builtins.Exception", "builtins.BaseException", "builtins.object"));
        return names;
    }

    /** Turns what the peer sent in an {@code error} message into the exception its Deferred fails with. */
    static Throwable received(@Nullable Object unjellied) {
        if (unjellied instanceof Copied copied) {
            return copied.toError();
        }
        if (unjellied instanceof Throwable throwable) {
            return throwable;
        }
        return new RemoteError("unknown", String.valueOf(text(unjellied)), null);
    }

    static @Nullable Object text(@Nullable Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value;
    }

    /** The receiving side of a peer's copyable failure: Twisted's {@code CopiedFailure}. */
    static final class Copied implements RemoteCopy {
        private Map<String, @Nullable Object> state = Map.of();

        @Override
        public void setCopyableState(Map<String, @Nullable Object> state) {
            this.state = state;
        }

        RemoteError toError() {
            Object type = text(state.get("type"));
            Object value = text(state.get("value"));
            Object traceback = text(state.get("traceback"));
            return new RemoteError(type == null ? "unknown" : String.valueOf(type),
                    value == null ? "" : String.valueOf(value), traceback == null ? null : String.valueOf(traceback));
        }
    }
}
