/**
 * The reactor's interfaces and the types protocols see: transports, protocols, factories, addresses,
 * producers and consumers, as in Twisted's {@code twisted.internet}. {@link org.twisted4j.internet.NioReactor}
 * is the reactor that does real networking; {@link org.twisted4j.internet.ReactorGroup} runs several of them,
 * one per core, sharing their listening ports.
 */
@NullMarked
package org.twisted4j.internet;

import org.jspecify.annotations.NullMarked;
