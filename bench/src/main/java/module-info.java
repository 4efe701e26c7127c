/**
 * JMH benchmarks for twisted4j and side-by-side load runs against Netty; not a library. Run the
 * benchmarks with bin/bench, the echo load run with bench/echo-vs-netty.sh, the HTTP ones with
 * bench/http-vs-netty.sh and bench/h2-vs-nginx.sh, the HTTP client one with bench/client-vs-jdk.sh, the
 * database pool's with bench/adbapi-vs-jdbc.sh, the SSH one with bench/ssh-vs-openssh.sh, connection bursts
 * with bench/connect-burst.sh, several reactors (and two ways of sharing a port) with bench/reactors-web.sh,
 * and the soak run of twist web with bench/soak.sh (whose soak-web plugin this module provides).
 */
module org.twisted4j.bench {
    requires org.twisted4j.core;
    requires org.twisted4j.web;
    requires org.twisted4j.examples;
    requires org.twisted4j.spread;
    requires org.twisted4j.enterprise;
    requires org.twisted4j.conch;
    requires java.net.http;
    requires jmh.core;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll; // the Netty peers' --epoll
    requires io.netty.handler;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires java.desktop;
    requires org.knowm.xchart;

    opens org.twisted4j.bench;
    opens org.twisted4j.bench.jmh_generated;
    opens org.twisted4j.bench.soak;

    provides org.twisted4j.application.ServiceMaker with org.twisted4j.bench.soak.SoakWebPlugin;
}
