/**
 * twisted4j's core: Deferreds, the reactor and its time and task helpers, transports and protocols, and
 * structured logging. Depends on the JDK only; SLF4J is used when the application puts it on the path.
 */
module org.twisted4j.core {
    requires static transitive org.jspecify;
    requires static transitive org.slf4j;
    requires jdk.unsupported; // sun.misc.Signal, reached reflectively by Signals

    exports org.twisted4j.application;
    exports org.twisted4j.cred;
    exports org.twisted4j.cred.crypt;
    exports org.twisted4j.defer;
    exports org.twisted4j.internet;
    exports org.twisted4j.internet.endpoints;
    exports org.twisted4j.internet.ssl;
    exports org.twisted4j.internet.task;
    exports org.twisted4j.logger;
    exports org.twisted4j.protocols.amp;
    exports org.twisted4j.protocols.basic;
    exports org.twisted4j.protocols.haproxy;
    exports org.twisted4j.protocols.policies;
    exports org.twisted4j.protocols.portforward;
    exports org.twisted4j.protocols.socks;
    exports org.twisted4j.protocols.tls;
    exports org.twisted4j.runner;

    uses org.twisted4j.internet.endpoints.ServerEndpointParser;
    uses org.twisted4j.internet.endpoints.ClientEndpointParser;
    uses org.twisted4j.application.ServiceMaker;
    uses org.twisted4j.cred.CheckerFactory;
    uses org.twisted4j.internet.ReactorProvider;

    provides org.twisted4j.cred.CheckerFactory with
            org.twisted4j.cred.plugins.AnonymousCheckerFactory,
            org.twisted4j.cred.plugins.FileCheckerFactory,
            org.twisted4j.cred.plugins.MemoryCheckerFactory,
            org.twisted4j.cred.plugins.SSHKeyCheckerFactory,
            org.twisted4j.cred.plugins.UnixCheckerFactory;
}
