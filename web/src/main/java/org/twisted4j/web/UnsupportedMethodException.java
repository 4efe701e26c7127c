package org.twisted4j.web;

import java.util.List;

/**
 * Thrown by a render method for a method the resource does not handle; the server answers 405 with an
 * {@code Allow} header naming {@link #allowedMethods()}.
 */
public final class UnsupportedMethodException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The methods the resource does handle; serialized as a plain list of strings. */
    @SuppressWarnings("serial") // an immutable List.of copy, always serializable
    private final List<String> allowedMethods;

    /**
     * Makes one.
     *
     * @param allowedMethods the methods the resource handles, for the Allow header
     */
    public UnsupportedMethodException(List<String> allowedMethods) {
        super("method not allowed; allowed: " + allowedMethods);
        this.allowedMethods = List.copyOf(allowedMethods);
    }

    /** Returns the methods the resource handles. */
    public List<String> allowedMethods() {
        return allowedMethods;
    }
}
