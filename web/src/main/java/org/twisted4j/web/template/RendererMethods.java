package org.twisted4j.web.template;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.twisted4j.web.Request;

/** Finds the {@link Renderer} methods of element classes, once per class, as method handles. */
final class RendererMethods {

    private static final MethodType SHAPE = MethodType.methodType(Object.class, Object.class, Request.class, Tag.class);

    private static final ClassValue<Map<String, Object>> BY_CLASS = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
            return scan(type);
        }
    };

    private RendererMethods() {
    }

    static RenderMethod find(Object element, String name) {
        Object found = BY_CLASS.get(element.getClass()).get(name);
        if (found instanceof MethodHandle handle) {
            return (request, tag) -> {
                try {
                    return (Object) handle.invokeExact(element, request, tag);
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            };
        }
        if (found instanceof String problem) {
            throw new IllegalStateException(problem);
        }
        throw new MissingRenderMethod(element, name);
    }

    /** Maps each renderer name to its handle, or to the reason it cannot be called; subclasses' methods win. */
    private static Map<String, Object> scan(Class<?> type) {
        Map<String, Object> found = new HashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                Renderer mark = method.getAnnotation(Renderer.class);
                if (mark == null || method.isBridge()) {
                    continue;
                }
                String name = mark.value().isEmpty() ? method.getName() : mark.value();
                found.putIfAbsent(name, handle(method));
            }
        }
        return Map.copyOf(found);
    }

    private static Object handle(Method method) {
        String where = method.getDeclaringClass().getName() + "." + method.getName();
        Class<?>[] parameters = method.getParameterTypes();
        if (Modifier.isStatic(method.getModifiers()) || parameters.length != 2 || parameters[0] != Request.class
                || parameters[1] != Tag.class || method.getReturnType() == void.class) {
            return "renderer " + where + " must be an instance method (Request, Tag) returning what replaces the tag";
        }
        try {
            method.setAccessible(true);
        } catch (InaccessibleObjectException e) {
            // a public method of an exported package can still be called
        }
        try {
            return MethodHandles.lookup().unreflect(method).asType(SHAPE);
        } catch (IllegalAccessException e) {
            return "renderer " + where + " cannot be called: make it public, or open its package to org.twisted4j.web ("
                    + e.getMessage() + ")";
        }
    }
}
