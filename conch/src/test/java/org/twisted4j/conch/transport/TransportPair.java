package org.twisted4j.conch.transport;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.IOPump;

/**
 * A server and a client transport joined by an {@link IOPump}, the first key exchange done, the client's
 * {@link RawService} accepted under the given name: for the tests of the services above the transport.
 *
 * @param server the server transport
 * @param client the client transport
 * @param raw the client's service
 * @param pump moves the bytes
 * @param clock the clock both run on
 */
public record TransportPair(SshServerTransport server, SshClientTransport client, RawService raw, IOPump pump,
        Clock clock) {

    /** Connects a pair whose server offers one service, made by {@code service}, under {@code name}. */
    public static TransportPair connect(Clock clock, String name, Function<SshServerTransport, SshService> service) {
        RawService raw = new RawService(name);
        SshServerTransport server = new SshServerTransport(new TransportConfig(), clock,
                List.of(SshTransportTestKeys.ED25519), Map.of(name, service), Moduli.defaults());
        SshClientTransport client = new SshClientTransport(new TransportConfig(), clock, HostKeyVerifier.TRUST_ANY,
                raw);
        IOPump pump = IOPump.connectedLoopback(server, client);
        pump.flush();
        return new TransportPair(server, client, raw, pump, clock);
    }

    /** Moves bytes until nothing moves. */
    public void flush() {
        pump.flush();
    }
}
