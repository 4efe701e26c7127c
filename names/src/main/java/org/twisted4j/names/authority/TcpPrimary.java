package org.twisted4j.names.authority;

import java.util.List;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.names.Name;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.SoaRecord;
import org.twisted4j.names.ZoneTransfer;

/**
 * A {@link SecondaryAuthority.Primary} reached over TCP: its SOA and its zone transfers through
 * {@link ZoneTransfer}.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class TcpPrimary implements SecondaryAuthority.Primary {
    private final ZoneTransfer server;

    /** A primary at {@code host} (an IP address) and {@code port}, reached with the reactor's TCP and clock. */
    public TcpPrimary(ReactorTCP tcp, ReactorTime time, String host, int port) {
        this.server = new ZoneTransfer(tcp, time, host, port);
    }

    @Override
    public Deferred<SoaRecord> soa(Name zone) {
        return server.soa(zone);
    }

    @Override
    public Deferred<List<ResourceRecord>> transfer(Name zone) {
        return server.transfer(zone);
    }
}
