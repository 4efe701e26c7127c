package org.twisted4j.spread.pb;

/**
 * The peer called a method that the target does not offer (no {@link Remote} method of that name): Twisted's
 * {@code flavors.NoSuchMethod}, which a Python peer sees under that name.
 */
public final class NoSuchMethod extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message which method was missing
     */
    public NoSuchMethod(String message) {
        super(message);
    }
}
