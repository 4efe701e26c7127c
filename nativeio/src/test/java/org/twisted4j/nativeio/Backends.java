package org.twisted4j.nativeio;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.Reactors;

/**
 * The backends the tests here run on, and the skip for one that cannot run on this machine. A parameterized test
 * takes its backend from {@code @MethodSource(Backends.NATIVE)} (or {@link #ALL}) rather than listing them.
 */
final class Backends {
    /** The {@code @MethodSource} of this module's backends: {@link #nativeNames()}. */
    static final String NATIVE = "org.twisted4j.nativeio.Backends#nativeNames";
    /** The {@code @MethodSource} of every backend: {@link #names()}. */
    static final String ALL = "org.twisted4j.nativeio.Backends#names";

    private Backends() {
    }

    /** Returns every backend's name: core's NIO and this module's native ones. */
    static List<String> names() {
        return List.of(Reactors.NIO, "epoll", "io_uring");
    }

    /** Returns the names of this module's backends. */
    static List<String> nativeNames() {
        return List.of("epoll", "io_uring");
    }

    /** Makes a reactor of {@code name}, or skips the test with a message saying why it cannot run here. */
    static ReactorBackend require(String name) {
        try {
            return Reactors.require(name);
        } catch (UnsupportedOperationException e) {
            return Assumptions.abort("skipped: the " + name + " reactor cannot run here: " + e.getMessage());
        }
    }
}
