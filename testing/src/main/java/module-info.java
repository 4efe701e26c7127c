/**
 * twisted4j's test doubles, shipped as part of the product as Twisted ships its own: an in-memory
 * {@code StringTransport}, a recording {@code MemoryReactor}, and a loopback {@code IOPump} that connects two
 * protocols without sockets.
 */
module org.twisted4j.testing {
    requires transitive org.twisted4j.core;
    requires transitive org.junit.jupiter.api;
    requires static org.jspecify;

    exports org.twisted4j.testing;
    exports org.twisted4j.trial;
}
