package org.twisted4j.spread.pb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method that the peer may call by name, the Java form of Twisted's {@code remote_},
 * {@code perspective_}, {@code view_} and {@code observe_} method prefixes.
 *
 * <p>Which prefix a method stands for follows from the class it is declared on: on a {@link Referenceable} it
 * answers {@code callRemote(name)} (Twisted's {@code remote_name}); on an {@link Avatar} it answers calls
 * made through the avatar's reference ({@code perspective_name}); on a {@link Viewable} it answers calls made
 * through a view point and receives the caller's perspective as its first argument ({@code view_name}); on a
 * {@link RemoteCache} it answers the updates its {@link Cacheable} sends ({@code observe_name}). Only methods
 * carrying this annotation can be reached from the network: a method without it is invisible to the peer,
 * whatever its name.
 *
 * <pre>{@code
 * public final class Calculator implements Root {
 *     @Remote public long add(long a, long b) { return a + b; }
 *     @Remote("echo") public Object echoBack(Object value) { return value; }
 * }
 * }</pre>
 *
 * <p>The wire name is the method's name unless {@link #value()} gives another. Arguments arrive as Jelly
 * unjellied them and are converted to the parameter types where that is lossless (a Python int to
 * {@code int}, {@code long}, {@code BigInteger} or {@code double}; a list or tuple to {@code List}); a method
 * may return a plain value or a {@code Deferred}. Keyword arguments ({@code callRemote("add", a=1, b=2)} in
 * Python) go to the parameters of those names, which needs the class compiled with {@code javac -parameters};
 * without it, or for a name no parameter has, the call fails with a {@code TypeError}. The class must be public and in a package the
 * {@code org.twisted4j.spread} module can read reflectively (exported or opened to it, or on the class path).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Remote {
    /**
     * The name the peer calls, when it differs from the Java method's name.
     *
     * @return the wire name, or the empty string for the method's own name
     */
    String value() default "";
}
