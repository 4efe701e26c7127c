/**
 * Policies that wrap protocols and factories, as Twisted's {@code twisted.protocols.policies}: idle
 * timeouts ({@link org.twisted4j.protocols.policies.IdleTimeout},
 * {@link org.twisted4j.protocols.policies.TimeoutFactory}), bandwidth and connection limits
 * ({@link org.twisted4j.protocols.policies.ThrottlingFactory},
 * {@link org.twisted4j.protocols.policies.LimitConnectionsByPeer},
 * {@link org.twisted4j.protocols.policies.LimitTotalConnectionsFactory}) and traffic logs
 * ({@link org.twisted4j.protocols.policies.TrafficLoggingFactory}).
 *
 * <p>Most are a {@link org.twisted4j.protocols.policies.WrappingFactory}: it wraps any
 * {@link org.twisted4j.internet.Factory}, and puts a {@link org.twisted4j.protocols.policies.ProtocolWrapper}
 * between each connection's transport and the protocol the wrapped factory built, so the policy sees
 * every byte and every call in both directions while the protocol stays unchanged:
 *
 * <pre>{@code
 * Factory plain = Factory.forProtocol(Echo::new);
 * reactor.listenTCP(7, new TimeoutFactory(plain, reactor, 60));   // close connections idle for a minute
 * }</pre>
 *
 * <p>Java has no mixins, so Twisted's {@code TimeoutMixin} is {@link org.twisted4j.protocols.policies.IdleTimeout},
 * a helper object a protocol holds.
 */
@NullMarked
package org.twisted4j.protocols.policies;

import org.jspecify.annotations.NullMarked;
