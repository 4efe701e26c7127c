package org.twisted4j.application;

/**
 * Turns the text given to an {@link Option} into the value a program uses, as the {@code coerce} functions of
 * Twisted's {@code usage.Options}.
 *
 * <pre>{@code
 * ValueConverter<Duration> seconds = text -> Duration.ofSeconds(Long.parseLong(text));
 * Option.value("timeout").converter(seconds, "a number of seconds")
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread; implementations should be stateless.
 *
 * @param <T> the type of the converted value
 */
@FunctionalInterface
public interface ValueConverter<T> {

    /**
     * Converts one value.
     *
     * @param text the text after the option, never null
     * @return the converted value, never null
     * @throws IllegalArgumentException if the text is not acceptable; its message, when it has one, says
     *     why (the parser then reports {@code --name: MESSAGE})
     */
    T convert(String text);
}
