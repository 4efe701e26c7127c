/**
 * Perspective Broker, Twisted's {@code twisted.spread.pb}: remote references, copies and caches over one
 * connection, protocol version 6, wire-compatible with Python Twisted's.
 *
 * <h2>Serving</h2>
 * <pre>{@code
 * public final class Calculator implements Root {
 *     @Remote public long add(long a, long b) { return a + b; }
 * }
 * reactor.listenTCP(PB.PORT, new PBServerFactory(new Calculator()));
 * }</pre>
 *
 * <h2>Calling</h2>
 * <pre>{@code
 * PBClientFactory factory = new PBClientFactory();
 * reactor.connectTCP("127.0.0.1", PB.PORT, factory);
 * factory.getRootObject()
 *     .addCallbackDeferred(root -> root.callRemote("add", 1, 2))    // Deferred of 3L
 * }</pre>
 *
 * <h2>Remote methods</h2>
 * Where Twisted finds methods by name prefix ({@code remote_add}, {@code perspective_}, {@code view_},
 * {@code observe_}), twisted4j takes public methods annotated {@link org.twisted4j.spread.pb.Remote}; the
 * kind of object says which prefix they stand for: {@link org.twisted4j.spread.pb.Referenceable} (and
 * {@link org.twisted4j.spread.pb.Root}) for {@code remote_}, {@link org.twisted4j.spread.pb.Avatar} for
 * {@code perspective_}, {@link org.twisted4j.spread.pb.Viewable} for {@code view_} (with the caller's
 * perspective as first argument), {@link org.twisted4j.spread.pb.RemoteCache} for {@code observe_}.
 *
 * <h2>What travels how</h2>
 * <ul>
 * <li>Jelly's values (numbers, strings, bytes, lists, tuples, dictionaries, sets, dates...) as copies;</li>
 * <li>{@link org.twisted4j.spread.pb.Referenceable}s, {@link org.twisted4j.spread.pb.Perspective}s and
 *     {@link org.twisted4j.spread.pb.Viewable}s as references: the peer gets a
 *     {@link org.twisted4j.spread.pb.RemoteReference}, counted until released;</li>
 * <li>{@link org.twisted4j.spread.pb.Copyable}s as their type name and state, rebuilt by the
 *     {@link org.twisted4j.spread.pb.RemoteCopy} the peer registered for that name;</li>
 * <li>{@link org.twisted4j.spread.pb.Cacheable}s once per connection, then kept up to date in the peer's
 *     {@link org.twisted4j.spread.pb.RemoteCache} through {@link org.twisted4j.spread.pb.RemoteCacheObserver}s;</li>
 * <li>exceptions as {@link org.twisted4j.spread.pb.CopyableFailure}s, arriving as
 *     {@link org.twisted4j.spread.pb.RemoteError}s that carry the remote type name.</li>
 * </ul>
 *
 * <h2>Logging in</h2>
 * {@link org.twisted4j.spread.pb.PBServerFactory} given a {@link org.twisted4j.cred.Portal} serves
 * Twisted's challenge login; {@link org.twisted4j.spread.pb.PBClientFactory#login} performs it. Avatars are
 * {@link org.twisted4j.spread.pb.Perspective}s.
 *
 * <h2>Differences from Twisted</h2>
 * Python gives references back as soon as its proxies are garbage-collected. Here
 * {@link org.twisted4j.spread.pb.RemoteReference#release()} gives one back at once, and an unreachable one goes
 * back only when the garbage collector finds it (with the next message of its connection); caches are given
 * back by {@link org.twisted4j.spread.pb.RemoteCache#release()} or when the connection ends. Copy and cache classes are registered per factory or broker, not globally.
 * Login failures ({@code LoginFailed}) are sent to the client without being logged as errors here.
 *
 * <h2>Threading</h2>
 * Everything here belongs to the reactor thread of its connection.
 */
@NullMarked
package org.twisted4j.spread.pb;

import org.jspecify.annotations.NullMarked;
