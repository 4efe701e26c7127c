package org.twisted4j.names;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ReactorUDP;

/**
 * A {@link DnsClient} of the name servers a resolv.conf names, following the file as it changes, as Twisted's
 * {@code client.Resolver(resolv=...)}: at a lookup, when {@value #CHECK_INTERVAL} seconds or more passed on the
 * reactor clock since the last look, the file's modification time and size are checked, and a changed file is
 * read again (without a file, 127.0.0.1 is asked when no server was given in Java, as the C library does). Servers given in Java are asked first.
 *
 * <p>Reactor thread only (the look at the file is on the calling thread, as Twisted's is).
 */
public final class ResolvConfResolver implements Resolver {
    /** The least seconds between two looks at the file, as Twisted's. */
    public static final double CHECK_INTERVAL = 60;

    private final ReactorUDP udp;
    private final ReactorTCP tcp;
    private final ReactorTime time;
    private final List<Address> first;
    private final WatchedFile watched;
    private @Nullable DnsClient client;
    private double checked;

    /**
     * Creates the resolver; the file is first read at the first lookup.
     *
     * @param servers servers asked before those of the file ({@link DnsClient#address}), may be empty
     * @param resolvConf the file to follow
     */
    public ResolvConfResolver(ReactorUDP udp, ReactorTCP tcp, ReactorTime time, List<? extends Address> servers,
            Path resolvConf) {
        this.udp = Objects.requireNonNull(udp, "udp");
        this.tcp = Objects.requireNonNull(tcp, "tcp");
        this.time = Objects.requireNonNull(time, "time");
        this.first = List.copyOf(servers);
        this.watched = new WatchedFile(resolvConf, ResolvConf.MAX_LENGTH);
    }

    /** The file's servers when there is no file: 127.0.0.1 when no server was given in Java, none otherwise. */
    private List<String> withoutFile() {
        return first.isEmpty() ? ResolvConf.defaults().nameservers() : List.of();
    }

    @Override
    public Deferred<LookupResult> lookup(Query query) {
        return current().lookup(query);
    }

    /** The client of the servers the file names now. */
    DnsClient current() {
        DnsClient now = client;
        if (now != null && time.seconds() - checked < CHECK_INTERVAL) {
            return now;
        }
        checked = time.seconds();
        List<String> named = switch (watched.check()) {
            case WatchedFile.Read read ->
                    ResolvConf.parse(new String(read.bytes(), StandardCharsets.ISO_8859_1)).nameservers();
            case WatchedFile.Missing missing -> withoutFile();
            case WatchedFile.Unchanged unchanged -> now == null ? withoutFile() : null;
        };
        if (named != null) {
            List<Address> servers = new ArrayList<>(first);
            for (String server : named) {
                servers.add(DnsClient.address(server, DnsClient.PORT));
            }
            now = new DnsClient(udp, tcp, time, servers, DnsClient.DEFAULT_TIMEOUTS);
            client = now;
        }
        return Objects.requireNonNull(now);
    }
}
