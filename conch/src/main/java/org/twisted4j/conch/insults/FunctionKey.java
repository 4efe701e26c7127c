package org.twisted4j.conch.insults;

/**
 * The keys that send escape sequences rather than characters, as Twisted's {@code ServerProtocol} names them.
 *
 * <h2>Threading</h2>
 * Any thread (constants).
 */
public enum FunctionKey {
    /** Up arrow. */
    UP_ARROW,
    /** Down arrow. */
    DOWN_ARROW,
    /** Right arrow. */
    RIGHT_ARROW,
    /** Left arrow. */
    LEFT_ARROW,
    /** Home. */
    HOME,
    /** End. */
    END,
    /** Insert. */
    INSERT,
    /** Delete (forward). */
    DELETE,
    /** Page up. */
    PGUP,
    /** Page down. */
    PGDN,
    /** F1. */
    F1,
    /** F2. */
    F2,
    /** F3. */
    F3,
    /** F4. */
    F4,
    /** F5. */
    F5,
    /** F6. */
    F6,
    /** F7. */
    F7,
    /** F8. */
    F8,
    /** F9. */
    F9,
    /** F10. */
    F10,
    /** F11. */
    F11,
    /** F12. */
    F12
}
