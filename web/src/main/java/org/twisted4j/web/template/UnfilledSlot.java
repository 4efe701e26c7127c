package org.twisted4j.web.template;

import java.io.Serial;

/** A slot with no default was flattened where no enclosing tag gave it a value, as Twisted's {@code UnfilledSlot}. */
public final class UnfilledSlot extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String slotName;

    /**
     * Makes the error.
     *
     * @param slotName the slot's name
     */
    public UnfilledSlot(String slotName) {
        super("slot \"" + slotName + "\" has no value and no default");
        this.slotName = slotName;
    }

    /** Returns the slot's name. */
    public String slotName() {
        return slotName;
    }
}
