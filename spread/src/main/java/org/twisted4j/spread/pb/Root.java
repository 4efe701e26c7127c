package org.twisted4j.spread.pb;

/**
 * A {@link Referenceable} that serves as the root object of every connection of a {@link PBServerFactory}:
 * Twisted's {@code pb.Root}. By default every connection shares this one object; override
 * {@link #rootObject} for one per connection.
 *
 * <pre>{@code
 * public final class Echoer implements Root {
 *     @Remote public Object echo(Object value) { return value; }
 * }
 * reactor.listenTCP(PB.PORT, new PBServerFactory(new Echoer()));
 * }</pre>
 */
public interface Root extends Referenceable, PBRoot {
    @Override
    default Referenceable rootObject(Broker broker) {
        return this;
    }
}
