package org.twisted4j.spread.pb;

/**
 * Gives each new connection of a {@link PBServerFactory} its root object, the one a client reaches with
 * {@link PBClientFactory#getRootObject()}: Twisted's {@code IPBRoot}. {@link Root} is the usual implementation.
 */
@FunctionalInterface
public interface PBRoot {
    /**
     * The root object for one connection.
     *
     * @param broker the new connection's broker
     * @return the object published under the name {@code "root"}
     */
    Referenceable rootObject(Broker broker);
}
