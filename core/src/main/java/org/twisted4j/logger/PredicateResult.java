package org.twisted4j.logger;

/**
 * What a {@link LogFilterPredicate} says about an event, as Twisted's {@code PredicateResult}.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public enum PredicateResult {
    /** Let the event through, without asking the predicates after this one. */
    YES,
    /** Stop the event, without asking the predicates after this one. */
    NO,
    /** No opinion: ask the next predicate; an event about which every predicate says this gets through. */
    MAYBE
}
