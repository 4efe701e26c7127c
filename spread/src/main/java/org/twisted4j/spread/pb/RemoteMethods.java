package org.twisted4j.spread.pb;

import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.twisted4j.spread.jelly.Tuple;

/** Finds and calls the {@link Remote} methods of a class, converting unjellied arguments to parameter types. */
final class RemoteMethods {
    private static final ClassValue<Map<String, Target>> METHODS = new ClassValue<>() {
        @Override
        protected Map<String, Target> computeValue(Class<?> type) {
            Map<String, Target> found = new HashMap<>();
            for (Method method : type.getMethods()) {
                Remote remote = method.getAnnotation(Remote.class);
                if (remote != null && !Modifier.isStatic(method.getModifiers())) {
                    String name = remote.value().isEmpty() ? method.getName() : remote.value();
                    found.putIfAbsent(name, new Target(method, method.getParameters()));
                    trySetAccessible(method);
                }
            }
            return Map.copyOf(found);
        }
    };
    /** A remote method and its parameters, looked up once per class (getParameters copies them each call). */
    private record Target(Method method, Parameter[] parameters) {
    }

    private static final Set<Class<?>> WARNED = ConcurrentHashMap.newKeySet();

    private RemoteMethods() {
    }

    private static void trySetAccessible(Method method) {
        try {
            method.trySetAccessible();
        } catch (SecurityException e) {
            WARNED.add(method.getDeclaringClass());
        }
    }

    /**
     * Calls {@code target}'s remote method {@code message} with the peer's arguments.
     *
     * @param prefix Twisted's name for the kind of call ({@code remote}, {@code perspective}, {@code view},
     *     {@code observe}), used in the error message
     */
    static @Nullable Object invoke(Object target, String prefix, String message, List<@Nullable Object> args,
            Map<String, @Nullable Object> kw) throws Exception {
        return invoke(target, prefix, message, false, null, args, kw);
    }

    static @Nullable Object invokeView(Object target, String message, @Nullable Object perspective,
            List<@Nullable Object> args, Map<String, @Nullable Object> kw) throws Exception {
        return invoke(target, "view", message, true, perspective, args, kw);
    }

    private static @Nullable Object invoke(Object target, String prefix, String message, boolean hasFirst,
            @Nullable Object first, List<@Nullable Object> args, Map<String, @Nullable Object> kw) throws Exception {
        Target found = METHODS.get(target.getClass()).get(message);
        if (found == null) {
            throw new NoSuchMethod("No such method: " + prefix + "_" + message);
        }
        Method method = found.method();
        Parameter[] parameters = found.parameters();
        List<@Nullable Object> given = args;
        if (hasFirst) {
            given = new ArrayList<>(args.size() + 1);
            given.add(first);
            given.addAll(args);
        }
        Object[] values = new Object[parameters.length];
        int positional = given.size();
        if (positional > parameters.length) {
            throw new TypeMismatch(prefix + "_" + message + " takes " + (parameters.length - (hasFirst ? 1 : 0))
                    + " arguments, " + args.size() + " given");
        }
        boolean[] set = new boolean[parameters.length];
        for (int i = 0; i < positional; i++) {
            values[i] = convert(given.get(i), parameters[i].getType(), message, i);
            set[i] = true;
        }
        for (Map.Entry<String, @Nullable Object> entry : kw.entrySet()) {
            int index = indexOf(parameters, entry.getKey());
            if (index < 0 || set[index]) {
                throw new TypeMismatch(prefix + "_" + message + " got an unexpected keyword argument '"
                        + entry.getKey() + "'");
            }
            values[index] = convert(entry.getValue(), parameters[index].getType(), message, index);
            set[index] = true;
        }
        for (int i = 0; i < parameters.length; i++) {
            if (!set[i]) {
                if (parameters[i].getType().isPrimitive()) {
                    throw new TypeMismatch(prefix + "_" + message + " missing argument " + (i + 1));
                }
                values[i] = null;
            }
        }
        try {
            return method.invoke(target, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("remote method " + method + " is not accessible: make its class public"
                    + " and its package open to org.twisted4j.spread", e);
        }
    }

    private static int indexOf(Parameter[] parameters, String name) {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].isNamePresent() && parameters[i].getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Converts one unjellied value to a parameter type, only where nothing is lost. */
    static @Nullable Object convert(@Nullable Object value, Class<?> type, String message, int index) {
        if (value == null) {
            if (type.isPrimitive()) {
                throw new TypeMismatch(message + ": argument " + (index + 1) + " may not be None");
            }
            return null;
        }
        Class<?> boxed = box(type);
        if (boxed.isInstance(value)) {
            return value;
        }
        if (value instanceof Number number) {
            if (boxed == Long.class && fitsLong(number)) {
                return number.longValue();
            }
            if (boxed == Integer.class && fitsLong(number) && number.longValue() == number.intValue()) {
                return number.intValue();
            }
            if (boxed == Double.class && !(number instanceof Double)) {
                return number.doubleValue();
            }
            if (boxed == BigInteger.class && fitsLong(number)) {
                return BigInteger.valueOf(number.longValue());
            }
        }
        if (boxed == String.class && value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (boxed == List.class && value instanceof Collection<?> items) {
            return new ArrayList<>(items);
        }
        if (boxed == List.class && value instanceof Tuple tuple) {
            return tuple.asList();
        }
        throw new TypeMismatch(message + ": argument " + (index + 1) + " is a " + value.getClass().getSimpleName()
                + ", not a " + type.getSimpleName());
    }

    private static boolean fitsLong(Number number) {
        return number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte
                || number instanceof BigInteger big && big.bitLength() < 64;
    }

    private static Class<?> box(Class<?> type) {
        return MethodType.methodType(type).wrap().returnType();
    }

    /** The peer's arguments do not fit the method: Python's {@code TypeError}, which a Python peer sees. */
    static final class TypeMismatch extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TypeMismatch(String message) {
            super(message);
        }
    }
}
