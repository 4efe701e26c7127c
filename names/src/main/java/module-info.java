/**
 * twisted4j's names, in the manner of twisted.names: the DNS message codec (names with compression, every
 * common record type, EDNS(0)), its presentation form, and truncation that keeps whole records; the client and
 * the resolvers (hosts file, cache, chain); the authoritative and recursive server and {@code twist dns}.
 */
module org.twisted4j.names {
    requires transitive org.twisted4j.core;

    exports org.twisted4j.names;
    exports org.twisted4j.names.authority;
    exports org.twisted4j.names.server;

    provides org.twisted4j.application.ServiceMaker with org.twisted4j.names.server.DnsPlugin;
}
