package org.twisted4j.web.template;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an {@link Element} as a renderer that templates may name with {@code t:render}, as Twisted's
 * {@code @renderer}. The method takes the request (null outside one) and the tag, and returns what replaces the
 * tag:
 * <pre>{@code
 * @Renderer
 * public Object greeting(Request request, Tag tag) {
 *     return tag.add("Hello, ", name);
 * }
 * }</pre>
 *
 * <p>The method is found by reflection: make it public, or open its package to {@code org.twisted4j.web} when the
 * element lives in a named module.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Renderer {
    /** Returns the name templates use; the method's own name when empty. */
    String value() default "";
}
