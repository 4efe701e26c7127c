package org.twisted4j.names;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ReactorUDP;

/**
 * Builds resolvers as Twisted's {@code twisted.names.client.createResolver} does.
 *
 * <p>Any thread (it builds objects; they belong to the reactor given).
 */
public final class Resolvers {
    /** The hosts file read by default. */
    public static final Path HOSTS = Path.of("/etc/hosts");
    /** The resolv.conf read by default. */
    public static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");

    private Resolvers() {
    }

    /**
     * A chain of a {@link HostsResolver} of {@code hosts}, a {@link CacheResolver} and a {@link DnsClient}
     * asking {@code servers} and then the name servers of {@code resolvConf} (followed as it changes:
     * {@link ResolvConfResolver}), as Twisted's {@code createResolver}.
     * As there, nothing fills the chain's cache; a server fills its own (see {@code DNSServerFactory}).
     *
     * @param servers servers asked first ({@link DnsClient#address}), may be empty
     * @param resolvConf the resolv.conf to read, null for {@link #RESOLV_CONF}; when it is missing and no
     *     servers are given, 127.0.0.1 is asked, as the C library does
     * @param hosts the hosts file, null for {@link #HOSTS}
     */
    public static <R extends ReactorUDP & ReactorTCP & ReactorTime> ResolverChain createResolver(R reactor,
            List<? extends Address> servers, @Nullable Path resolvConf, @Nullable Path hosts) {
        return createResolver(reactor, reactor, reactor, servers, resolvConf, hosts);
    }

    /** {@link #createResolver(ReactorUDP, List, Path, Path)} with the reactor's interfaces given apart. */
    public static ResolverChain createResolver(ReactorUDP udp, ReactorTCP tcp, ReactorTime time,
            List<? extends Address> servers, @Nullable Path resolvConf, @Nullable Path hosts) {
        Resolver client = new ResolvConfResolver(udp, tcp, time, servers, resolvConf == null ? RESOLV_CONF : resolvConf);
        return new ResolverChain(List.of(new HostsResolver(hosts == null ? HOSTS : hosts),
                new CacheResolver(time), client));
    }
}
