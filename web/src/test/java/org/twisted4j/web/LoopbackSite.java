package org.twisted4j.web;

import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.protocols.tls.TlsFactory;
import org.twisted4j.web.HttpPeers.Run;

/**
 * A {@link Site} listening on 127.0.0.1 at a port the system chose, for the integration tests: start it in a
 * {@code @BeforeEach}, reach it with {@link #url}, {@link #curl} or {@link #raw}, and {@link #stop} it in an
 * {@code @AfterEach}. The site's idle and header timeouts are off, so that connections the server sees closing
 * after a test has ended leave no timers behind.
 *
 * <pre>
 * site = LoopbackSite.listen(reactor, root);
 * Run run = site.curl("-i", site.url("/page"));
 * </pre>
 *
 * <p>Reactor thread only (a test's coroutine).
 */
public final class LoopbackSite {
    private final NioReactor reactor;
    private final Site site;
    private final ListeningPort port;
    private final String scheme;

    private LoopbackSite(NioReactor reactor, Site site, ListeningPort port, String scheme) {
        this.reactor = reactor;
        this.site = site;
        this.port = port;
        this.scheme = scheme;
    }

    /** Serves {@code root} from a new Site on a fresh loopback port. */
    public static LoopbackSite listen(NioReactor reactor, Resource root) {
        return listen(reactor, new Site(root, reactor));
    }

    /** Serves {@code site} on a fresh loopback port, with its idle and header timeouts turned off. */
    public static LoopbackSite listen(NioReactor reactor, Site site) {
        quiet(site);
        return new LoopbackSite(reactor, site, reactor.listenTCP(0, site, 50, "127.0.0.1"), "http");
    }

    /**
     * Serves {@code site} over TLS on a fresh loopback port, with a self-signed certificate for localhost and
     * 127.0.0.1 (so curl wants {@code -k}), and with the site's idle and header timeouts turned off.
     */
    public static LoopbackSite listenTls(NioReactor reactor, Site site) {
        return listenTls(reactor, site, CertificateBuilder.selfSigned("localhost").dnsNames("localhost")
                .ipAddresses("127.0.0.1").build());
    }

    /**
     * Serves {@code site} over TLS with {@code certificate} on a fresh loopback port (for a client that trusts
     * it), with the site's idle and header timeouts turned off.
     */
    public static LoopbackSite listenTls(NioReactor reactor, Site site, PrivateCertificate certificate) {
        quiet(site);
        CertificateOptions options = CertificateOptions.builder().certificate(certificate).build();
        ListeningPort port = reactor.listenTCP(0, new TlsFactory(options, site, false), 50, "127.0.0.1");
        return new LoopbackSite(reactor, site, port, "https");
    }

    private static void quiet(Site site) {
        site.setIdleTimeout(0);
        site.setHeaderTimeout(0);
    }

    /** The site being served. */
    public Site site() {
        return site;
    }

    /** The port number it listens on. */
    public int port() {
        return ((IPv4Address) port.getHost()).port();
    }

    /** The URL of {@code path} (which starts with a slash) on this site. */
    public String url(String path) {
        return scheme + "://127.0.0.1:" + port() + path;
    }

    /** Runs curl with {@code arguments}, as {@link HttpPeers#curl} does. */
    public Run curl(String... arguments) throws Exception {
        return HttpPeers.curl(reactor, arguments);
    }

    /** Sends {@code request} on a fresh plain socket to this port and reads until the server closes. */
    public String raw(String request) throws Exception {
        return HttpPeers.raw(reactor, port(), request);
    }

    /**
     * Stops listening and waits until it has.
     *
     * @throws Exception if stopping failed
     */
    public void stop() throws Exception {
        Coroutine.await(port.stopListening());
    }
}
