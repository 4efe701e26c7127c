package org.twisted4j.nativeio;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.Reactors;

/** The backends every contract test here runs on, and the skip for one that cannot run on this machine. */
final class Backends {
    private Backends() {
    }

    /** Returns every backend's name: core's NIO and this module's native ones. */
    static List<String> names() {
        return List.of(Reactors.NIO, "epoll", "io_uring");
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
