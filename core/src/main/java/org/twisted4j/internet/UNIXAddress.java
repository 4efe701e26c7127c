package org.twisted4j.internet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The address of a UNIX domain socket, as Twisted's {@code twisted.internet.address.UNIXAddress}: a path in the
 * file system, a name in Linux's abstract namespace, or neither (an unnamed socket).
 *
 * <pre>{@code
 * Address server = new UNIXAddress(Path.of("/run/app.sock"));
 * Address abstractServer = UNIXAddress.abstractName("app");   // Twisted's UNIXAddress(b"\0app")
 * }</pre>
 *
 * <h2>Abstract names</h2>
 * A name in the abstract namespace has no file: no mode, no lock file, and it vanishes with the last socket
 * bound to it. Twisted spells it as a path whose first byte is NUL; {@link #name()} gives that spelling, and the
 * endpoint descriptions take it as {@code unix:@NAME} or with a leading NUL character. Only the native
 * reactors (module {@code nativeio}: {@code epoll}, {@code io_uring}) listen and connect on abstract names;
 * the JDK's UNIX sockets refuse them.
 *
 * <h2>Threading</h2>
 * Any thread: an immutable value.
 *
 * @param path the socket's path in the file system, or null for an abstract name or an unnamed socket (the
 *     usual case for the connecting end of a connection)
 * @param abstractName the socket's name in Linux's abstract namespace, without the leading NUL, or null
 */
public record UNIXAddress(@Nullable Path path, @Nullable String abstractName) implements Address {
    /**
     * The longest abstract name in bytes (UTF-8): the 108 bytes of {@code sun_path} less the leading NUL.
     */
    public static final int MAX_ABSTRACT_NAME_BYTES = 107;

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if both are given, or the abstract name is empty, holds a NUL or is longer
     *     than {@link #MAX_ABSTRACT_NAME_BYTES} bytes
     */
    public UNIXAddress {
        if (abstractName != null) {
            if (path != null) {
                throw new IllegalArgumentException("a UNIX address has a path or an abstract name, not both");
            }
            checkAbstractName(abstractName);
        }
    }

    /**
     * Makes the address of a path, or of an unnamed socket when {@code path} is null.
     *
     * @param path the socket's path in the file system, or null
     */
    public UNIXAddress(@Nullable Path path) {
        this(path, null);
    }

    /**
     * Returns the address of {@code name} in Linux's abstract namespace.
     *
     * @param name the name without its leading NUL
     * @return the address
     * @throws IllegalArgumentException if the name is empty, holds a NUL or is too long
     */
    public static UNIXAddress abstractName(String name) {
        return new UNIXAddress(null, name);
    }

    /**
     * Checks an abstract name and returns it.
     *
     * @param name the name without its leading NUL
     * @return {@code name}
     * @throws IllegalArgumentException if it is empty, holds a NUL or is longer than
     *     {@link #MAX_ABSTRACT_NAME_BYTES} bytes in UTF-8
     */
    public static String checkAbstractName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an abstract UNIX socket name cannot be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an abstract UNIX socket name cannot hold a NUL after its first byte");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_ABSTRACT_NAME_BYTES) {
            throw new IllegalArgumentException("an abstract UNIX socket name is at most " + MAX_ABSTRACT_NAME_BYTES
                    + " bytes, not " + bytes);
        }
        return name;
    }

    /** Returns whether this is a name in the abstract namespace. */
    public boolean isAbstract() {
        return abstractName != null;
    }

    /**
     * Returns the name as Twisted's {@code UNIXAddress.name} gives it: the path, the abstract name after a NUL
     * character ({@code "\0app"}), or null for an unnamed socket.
     */
    public @Nullable String name() {
        return abstractName != null ? "\0" + abstractName : path == null ? null : path.toString();
    }

    /**
     * Returns the address as people read it, the way {@code ss} and the endpoint descriptions spell it: the path,
     * {@code @NAME} for an abstract name, or {@code (unnamed)} for an unnamed socket.
     */
    public String display() {
        return abstractName != null ? "@" + abstractName : path == null ? "(unnamed)" : path.toString();
    }
}
