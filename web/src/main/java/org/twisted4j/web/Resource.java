package org.twisted4j.web;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A node of a web site's tree: it has named children, and it renders responses for the requests that stop
 * at it. This is twisted.web's {@code Resource}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * final class Hello extends Resource {
 *     @Override
 *     protected byte[] renderGET(Request request) {
 *         request.setHeader("Content-Type", "text/plain");
 *         return "hello\n".getBytes(StandardCharsets.UTF_8);
 *     }
 * }
 * Resource root = new Resource();
 * root.putChild("hello", new Hello());
 * reactor.listenTCP(8080, new Site(root, reactor));
 * }</pre>
 *
 * <h2>Traversal</h2>
 * The request path {@code /a/b/} becomes the segments {@code ["a", "b", ""]} (each %-decoded). Starting at
 * the root, while segments remain and the resource is not a {@linkplain #isLeaf() leaf}, the next segment
 * moves from {@link Request#postpath()} to {@link Request#prepath()} and
 * {@link #getChildWithDefault(String, Request)} picks the child. So {@code /} asks the root for its child
 * {@code ""}, and a trailing slash asks the last resource for {@code ""}: register it with
 * {@code putChild("", ...)} or make the resource a leaf. The resource reached renders the request.
 *
 * <h2>Rendering</h2>
 * {@link #render(Request)} calls {@code renderGET}, {@code renderPOST}, ... by method; HEAD uses
 * {@code renderGET} unless {@code renderHEAD} is overridden (the body is dropped, its length kept). A method
 * not overridden gives 405 with an Allow header. A render method returns the whole body, or
 * {@link #NOT_DONE_YET} to finish the request later with {@link Request#write} and {@link Request#finish()}.
 *
 * <p>Threading: reactor thread only.
 */
public class Resource {

    /**
     * Returned by a render method that will finish the request itself later. Compared by identity; it is
     * empty, so it cannot be changed.
     */
    public static final byte[] NOT_DONE_YET = new byte[0];

    private static final List<String> RENDER_METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH",
            "OPTIONS");

    private static final ClassValue<List<String>> ALLOWED = new ClassValue<>() {
        @Override
        protected List<String> computeValue(Class<?> type) {
            return findAllowedMethods(type);
        }
    };

    private final Map<String, Resource> children = new HashMap<>();

    /** Makes a resource with no children that renders nothing (every method is 405). */
    public Resource() {
    }

    /**
     * Tells whether traversal stops here whatever path segments remain; those stay in
     * {@link Request#postpath()} for this resource to read. False by default.
     *
     * @return whether this resource is a leaf
     */
    public boolean isLeaf() {
        return false;
    }

    /**
     * Registers a child under a path segment; {@code ""} is the child for a trailing slash.
     *
     * @param path the segment, already %-decoded
     * @param child the resource served there
     */
    public void putChild(String path, Resource child) {
        children.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(child, "child"));
    }

    /**
     * Returns the registered child of this name, or null.
     *
     * @param path the segment
     * @return the child, or null if none is registered
     */
    public @Nullable Resource getStaticChild(String path) {
        return children.get(path);
    }

    /** Returns the names of the registered children, in no particular order. */
    public Set<String> childNames() {
        return Set.copyOf(children.keySet());
    }

    /**
     * Returns the child for a segment: the registered one if there is one, else {@link #getChild}.
     *
     * @param path the segment
     * @param request the request being traversed
     * @return the next resource
     */
    public Resource getChildWithDefault(String path, Request request) {
        Resource child = children.get(path);
        return child != null ? child : getChild(path, request);
    }

    /**
     * Makes or finds a child that is not registered; by default a {@link NoResource} (404). Override it for
     * dynamic children.
     *
     * @param path the segment
     * @param request the request being traversed
     * @return the next resource
     */
    public Resource getChild(String path, Request request) {
        return new NoResource();
    }

    /**
     * Walks the request's remaining path segments down from this resource, moving each from
     * {@link Request#postpath()} to {@link Request#prepath()}, until none remain or a leaf is reached.
     *
     * @param request the request
     * @return the resource that should render it
     */
    public final Resource getChildForRequest(Request request) {
        Resource resource = this;
        List<String> postpath = request.postpath();
        while (!postpath.isEmpty() && !resource.isLeaf()) {
            String segment = postpath.removeFirst();
            request.prepath().add(segment);
            resource = resource.getChildWithDefault(segment, request);
        }
        return resource;
    }

    /**
     * Renders a response for the request by its method, as the class javadoc describes.
     *
     * @param request the request
     * @return the body, or {@link #NOT_DONE_YET}
     * @throws UnsupportedMethodException if this resource does not handle the method
     * @throws Exception whatever the render method throws; the server answers 500
     */
    public byte[] render(Request request) throws Exception {
        return switch (request.getMethod()) {
            case "GET" -> renderGET(request);
            case "HEAD" -> renderHEAD(request);
            case "POST" -> renderPOST(request);
            case "PUT" -> renderPUT(request);
            case "DELETE" -> renderDELETE(request);
            case "PATCH" -> renderPATCH(request);
            case "OPTIONS" -> renderOPTIONS(request);
            default -> throw unsupported();
        };
    }

    /**
     * Renders GET; by default 405.
     *
     * @param request the request
     * @return the body, or {@link #NOT_DONE_YET}
     * @throws Exception on failure; the server answers 500
     */
    protected byte[] renderGET(Request request) throws Exception {
        throw unsupported();
    }

    /**
     * Renders HEAD; by default as GET, whose body the server then leaves out.
     *
     * @param request the request
     * @return the body (dropped), or {@link #NOT_DONE_YET}
     * @throws Exception on failure; the server answers 500
     */
    protected byte[] renderHEAD(Request request) throws Exception {
        return renderGET(request);
    }

    /**
     * Renders POST; by default 405.
     *
     * @param request the request
     * @return the body, or {@link #NOT_DONE_YET}
     * @throws Exception on failure; the server answers 500
     */
    protected byte[] renderPOST(Request request) throws Exception {
        throw unsupported();
    }

    /**
     * Renders PUT; by default 405.
     *
     * @param request the request
     * @return the body, or {@link #NOT_DONE_YET}
     * @throws Exception on failure; the server answers 500
     */
    protected byte[] renderPUT(Request request) throws Exception {
        throw unsupported();
    }

    /**
     * Renders DELETE; by default 405.
     *
     * @param request the request
     * @return the body, or {@link #NOT_DONE_YET}
     * @throws Exception on failure; the server answers 500
     */
    protected byte[] renderDELETE(Request request) throws Exception {
        throw unsupported();
    }

    /**
     * Renders PATCH; by default 405.
     *
     * @param request the request
     * @return the body, or {@link #NOT_DONE_YET}
     * @throws Exception on failure; the server answers 500
     */
    protected byte[] renderPATCH(Request request) throws Exception {
        throw unsupported();
    }

    /**
     * Renders OPTIONS; by default 405.
     *
     * @param request the request
     * @return the body, or {@link #NOT_DONE_YET}
     * @throws Exception on failure; the server answers 500
     */
    protected byte[] renderOPTIONS(Request request) throws Exception {
        throw unsupported();
    }

    /**
     * Returns the methods this resource renders: those whose {@code renderX} method its class overrides,
     * with HEAD whenever GET is there. Used for the Allow header of a 405.
     *
     * @return the method names
     */
    public List<String> allowedMethods() {
        return ALLOWED.get(getClass());
    }

    /**
     * Returns the exception a render method throws for a method it does not handle.
     *
     * @return a 405 naming {@link #allowedMethods()}
     */
    protected final UnsupportedMethodException unsupported() {
        return new UnsupportedMethodException(allowedMethods());
    }

    private static List<String> findAllowedMethods(Class<?> type) {
        Set<String> found = new LinkedHashSet<>();
        for (Class<?> c = type; c != null && c != Resource.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                String name = method.getName();
                if (name.startsWith("render") && name.length() > 6 && method.getParameterCount() == 1
                        && method.getParameterTypes()[0] == Request.class && !Modifier.isStatic(method.getModifiers())) {
                    String verb = name.substring(6);
                    if (RENDER_METHODS.contains(verb)) {
                        found.add(verb);
                    }
                }
            }
        }
        if (found.contains("GET")) {
            found.add("HEAD");
        }
        List<String> ordered = new ArrayList<>();
        for (String verb : RENDER_METHODS) {
            if (found.contains(verb)) {
                ordered.add(verb);
            }
        }
        return List.copyOf(ordered);
    }
}
