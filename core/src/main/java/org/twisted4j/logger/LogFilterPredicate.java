package org.twisted4j.logger;

/**
 * Decides whether a {@link FilteringLogObserver} lets an event through, as Twisted's
 * {@code ILogFilterPredicate}.
 *
 * <pre>{@code
 * LogFilterPredicate noHealthChecks = event ->
 *         "/health".equals(event.field("path")) ? PredicateResult.NO : PredicateResult.MAYBE;
 * }</pre>
 *
 * <h2>Threading</h2>
 * A predicate is called on whichever thread logged the event, so one used by a shared observer must
 * accept calls from any thread.
 */
@FunctionalInterface
public interface LogFilterPredicate {

    /**
     * Judges one event.
     *
     * @param event the event
     * @return {@link PredicateResult#YES} or {@link PredicateResult#NO} to decide,
     *     {@link PredicateResult#MAYBE} to leave it to the other predicates
     */
    PredicateResult test(LogEvent event);
}
