package org.twisted4j.spread.jelly;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A dereference to an object still being unjellied (Twisted's {@code NotKnown}): it sits in the slot of
 * the container that holds it until the reference completes, then each slot is filled with the value.
 * Never seen outside a run.
 */
final class NotKnown {

    final List<Consumer<Object>> dependants = new ArrayList<>();
}
