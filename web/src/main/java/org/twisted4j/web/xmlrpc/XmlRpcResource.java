package org.twisted4j.web.xmlrpc;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.logger.Logger;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/**
 * A resource publishing procedures over XML-RPC, as Twisted's {@code twisted.web.xmlrpc.XMLRPC}: subclass it
 * and mark public methods with {@link Procedure}.
 *
 * <pre>{@code
 * public class Calculator extends XmlRpcResource {
 *     @Procedure public int add(int a, int b) { return a + b; }
 *     @Procedure(help = "a / b") public double divide(double a, double b) throws Fault {
 *         if (b == 0) throw new Fault(123, "division by zero");
 *         return a / b;
 *     }
 * }
 * Calculator calculator = new Calculator();
 * calculator.addIntrospection();
 * root.putChild("RPC2", calculator);
 * }</pre>
 *
 * <h2>Calls</h2>
 * A POST's body is read as a method call ({@link XmlRpcCodec}), its procedure found by name (a name with a
 * dot goes to the {@linkplain #putSubHandler sub-handler} of its prefix) and called with the arguments, each
 * converted to the parameter's type: {@code int}/{@code Integer}, {@code long}/{@code Long} (from an
 * {@code int} or {@code i8}), {@code double}/{@code Double} (from an integer too), {@code boolean},
 * {@link String}, {@code byte[]}, {@link LocalDateTime}, {@link List}, {@link Map}, or {@link Object} for
 * anything. A procedure may return a value or a {@link Deferred} of one; the answer is written when it fires.
 *
 * <h2>Faults</h2>
 * As Twisted's: an unknown procedure answers {@link Fault#NOT_FOUND} ("procedure NAME not found"); input that
 * cannot be read, a call with the wrong number or types of arguments, and a result that cannot be written
 * answer {@link Fault#FAILURE}; a {@link Fault} thrown (or failing the Deferred) is answered as it is; any
 * other exception is logged and answered {@code Fault(8002, "error")}, its details kept from the client.
 * {@code null} results are written as {@code <nil/>} only with {@link #setAllowNone} (as Twisted's
 * {@code allowNone}); otherwise they answer a FAILURE fault. Bodies over {@link #setMaxRequestBytes} (1 MiB by
 * default) are refused unread with a FAILURE fault.
 *
 * <p>Reactor thread only, as every resource.
 */
public class XmlRpcResource extends Resource {

    /** The separator of sub-handler prefixes in procedure names, as Twisted's. */
    public static final String SEPARATOR = ".";
    /** The default largest request body read, in bytes. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

    private static final Logger log = new Logger("web.xmlrpc");

    private final Map<String, Method> procedures = new TreeMap<>();
    private final Map<String, XmlRpcResource> subHandlers = new LinkedHashMap<>();
    private boolean allowNone;
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;

    /** Finds this class's {@link Procedure} methods. */
    protected XmlRpcResource() {
        for (Method method : getClass().getMethods()) {
            Procedure procedure = method.getAnnotation(Procedure.class);
            if (procedure == null || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            method.trySetAccessible();
            String name = procedure.value().isEmpty() ? method.getName() : procedure.value();
            if (procedures.put(name, method) != null) {
                throw new IllegalStateException("two procedures named " + name + " in " + getClass().getName());
            }
        }
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    /** Writes {@code null} results and arguments of the introspection as {@code <nil/>}; off by default. */
    public XmlRpcResource setAllowNone(boolean allowNone) {
        this.allowNone = allowNone;
        return this;
    }

    /**
     * Sets the largest request body read.
     *
     * @throws IllegalArgumentException if not positive
     */
    public XmlRpcResource setMaxRequestBytes(int maxRequestBytes) {
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes must be positive: " + maxRequestBytes);
        }
        this.maxRequestBytes = maxRequestBytes;
        return this;
    }

    /** Serves {@code handler}'s procedures as {@code prefix.name}, as Twisted's {@code putSubHandler}. */
    public void putSubHandler(String prefix, XmlRpcResource handler) {
        subHandlers.put(Objects.requireNonNull(prefix, "prefix"), Objects.requireNonNull(handler, "handler"));
    }

    /** Returns the sub-handler of a prefix, or null. */
    public @Nullable XmlRpcResource getSubHandler(String prefix) {
        return subHandlers.get(prefix);
    }

    /**
     * Adds the introspection procedures {@code system.listMethods}, {@code system.methodHelp} and
     * {@code system.methodSignature}, as Twisted's {@code addIntrospection}.
     */
    public void addIntrospection() {
        putSubHandler("system", new XmlRpcIntrospection(this));
    }

    /** Returns the names of this resource's own procedures, sorted. */
    public List<String> listProcedures() {
        return List.copyOf(procedures.keySet());
    }

    /** Returns every procedure name served here, sub-handlers' included, as {@code system.listMethods} does. */
    List<String> allProcedures() {
        List<String> names = new ArrayList<>(procedures.keySet());
        subHandlers.forEach((prefix, handler) -> handler.allProcedures()
                .forEach(name -> names.add(prefix + SEPARATOR + name)));
        return names;
    }

    /** The procedure a dotted name names, and the resource it belongs to. */
    record Found(XmlRpcResource owner, Method method) {
    }

    /**
     * Finds a procedure by its (possibly dotted) name.
     *
     * @throws Fault NOT_FOUND if there is none
     */
    Found lookupProcedure(String path) throws Fault {
        int dot = path.indexOf(SEPARATOR);
        if (dot >= 0) {
            XmlRpcResource handler = subHandlers.get(path.substring(0, dot));
            if (handler == null) {
                throw new Fault(Fault.NOT_FOUND, "no such subHandler " + path.substring(0, dot));
            }
            return handler.lookupProcedure(path.substring(dot + 1));
        }
        Method method = procedures.get(path);
        if (method == null) {
            throw new Fault(Fault.NOT_FOUND, "procedure " + path + " not found");
        }
        return new Found(this, method);
    }

    @Override
    protected byte[] renderPOST(Request request) throws Exception {
        request.setHeader("Content-Type", "text/xml; charset=utf-8");
        Deferred<@Nullable Object> result;
        if (request.getContentLength() > maxRequestBytes) {
            result = Deferred.fail(new Fault(Fault.FAILURE, "Can't deserialize input: the request is over "
                    + maxRequestBytes + " bytes"));
        } else {
            result = call(request, body(request));
        }
        boolean[] gone = new boolean[1];
        request.notifyFinish().addErrback(failure -> {
            gone[0] = true;
            return null;
        });
        result.addCallbacks(value -> {
            answer(request, gone[0], () -> XmlRpcCodec.writeResponse(value, allowNone));
            return null;
        }, (Failure failure) -> {
            Fault fault;
            if (failure.value() instanceof Fault given) {
                fault = given;
            } else {
                log.failure("XML-RPC procedure failed", failure);
                fault = new Fault(Fault.FAILURE, "error");
            }
            answer(request, gone[0], () -> XmlRpcCodec.writeFault(fault));
            return null;
        });
        return NOT_DONE_YET;
    }

    private static byte[] body(Request request) throws IOException {
        try (InputStream in = request.getContent()) {
            return in.readAllBytes();
        }
    }

    /** Writes what {@code content} makes, or a FAILURE fault if it cannot, unless the client is gone. */
    private void answer(Request request, boolean gone, java.util.function.Supplier<byte[]> content) {
        if (gone || request.isFinished()) {
            return;
        }
        byte[] body;
        try {
            body = content.get();
        } catch (IllegalArgumentException e) {
            body = XmlRpcCodec.writeFault(new Fault(Fault.FAILURE, "Can't serialize output: " + e.getMessage()));
        }
        request.setHeader("Content-Length", String.valueOf(body.length));
        request.write(body);
        request.finish();
    }

    private Deferred<@Nullable Object> call(Request request, byte[] body) {
        XmlRpcCodec.Call call;
        Found found;
        Object[] arguments;
        try {
            try {
                call = XmlRpcCodec.readCall(body);
            } catch (XmlRpcFormatError e) {
                throw new Fault(Fault.FAILURE, "Can't deserialize input: " + e.getMessage());
            }
            found = lookupProcedure(call.methodName());
            arguments = arguments(found.method(), request, call.params());
        } catch (Fault fault) {
            return Deferred.fail(fault);
        }
        try {
            Object value = found.method().invoke(found.owner(), arguments);
            if (value instanceof Deferred<?> deferred) {
                @SuppressWarnings("unchecked")
                Deferred<@Nullable Object> later = (Deferred<@Nullable Object>) deferred;
                return later;
            }
            return Deferred.succeed(value);
        } catch (InvocationTargetException e) {
            return Deferred.fail(e.getCause());
        } catch (IllegalAccessException e) {
            return Deferred.fail(e);
        }
    }

    private static Object[] arguments(Method method, Request request, List<@Nullable Object> params) throws Fault {
        Parameter[] parameters = method.getParameters();
        boolean withRequest = parameters.length > 0 && parameters[0].getType() == Request.class;
        int wanted = parameters.length - (withRequest ? 1 : 0);
        if (params.size() != wanted) {
            throw new Fault(Fault.FAILURE, method.getName() + " takes " + wanted + " arguments, not "
                    + params.size());
        }
        Object[] arguments = new Object[parameters.length];
        int at = 0;
        if (withRequest) {
            arguments[at++] = request;
        }
        for (Object param : params) {
            Class<?> type = parameters[at].getType();
            Object converted = convert(param, type);
            if (converted == MISMATCH) {
                throw new Fault(Fault.FAILURE, "argument " + (at + 1 - (withRequest ? 1 : 0)) + " of "
                        + method.getName() + " must be " + XmlRpcIntrospection.typeName(type) + ", not "
                        + (param == null ? "nil" : XmlRpcIntrospection.typeName(param.getClass())));
            }
            arguments[at++] = converted;
        }
        return arguments;
    }

    private static final Object MISMATCH = new Object();

    private static @Nullable Object convert(@Nullable Object value, Class<?> type) {
        if (value == null) {
            return type.isPrimitive() ? MISMATCH : null;
        }
        if (type == Object.class || type.isInstance(value)) {
            return value;
        }
        if ((type == int.class) && value instanceof Integer) {
            return value;
        }
        if ((type == long.class || type == Long.class) && (value instanceof Integer || value instanceof Long)) {
            return ((Number) value).longValue();
        }
        if ((type == double.class || type == Double.class)
                && (value instanceof Double || value instanceof Integer || value instanceof Long)) {
            return ((Number) value).doubleValue();
        }
        if (type == boolean.class && value instanceof Boolean) {
            return value;
        }
        if (type == List.class || type == Collection.class) {
            return value instanceof List<?> ? value : MISMATCH;
        }
        return MISMATCH;
    }
}
