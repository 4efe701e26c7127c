package org.twisted4j.names;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.protocols.basic.Int16StringReceiver;

/**
 * Zone transfers from a server over TCP (RFC 5936 §4.1), as a secondary and {@code lookupZone} need them: the
 * SOA query and the AXFR each on a new connection, the transfer read over as many messages as the server sends
 * until the second SOA.
 *
 * <pre>{@code
 * new ZoneTransfer(reactor, reactor, "192.0.2.53", 53).transfer(Name.of("example.com"))
 *         .addCallback(records -> { load(records); return null; });
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class ZoneTransfer {

    /** Seconds a query or a whole transfer may take. */
    public static final double TIMEOUT = 60;

    /** The most records a transfer may hold; a longer one fails. */
    public static final int MAX_RECORDS = 1_000_000;

    private final ReactorTCP tcp;
    private final ReactorTime time;
    private final String host;
    private final int port;
    private final SecureRandom random = new SecureRandom();

    /** Transfers from the server at {@code host} (an IP address) and {@code port}, with the reactor's TCP and clock. */
    public ZoneTransfer(ReactorTCP tcp, ReactorTime time, String host, int port) {
        this.tcp = Objects.requireNonNull(tcp, "tcp");
        this.time = Objects.requireNonNull(time, "time");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
    }

    /**
     * Asks the server for a zone's SOA record.
     *
     * @return fires with it, or fails with the error answer, {@link DnsQueryTimeoutError}, or a
     *     {@link DnsFormatError} when the answer has no SOA for the zone
     */
    public Deferred<SoaRecord> soa(Name zone) {
        return exchange(zone, RecordType.SOA).addCallback(records -> {
            for (ResourceRecord record : records) {
                if (record.type() == RecordType.SOA && record.name().equals(zone)) {
                    return (SoaRecord) record.data();
                }
            }
            throw new DnsFormatError("no SOA for " + zone + " in the answer");
        });
    }

    /**
     * Transfers a zone (AXFR).
     *
     * @return fires with its records, the SOA first and last, or fails with the error answer,
     *     {@link DnsQueryTimeoutError}, or a {@link DnsFormatError} for a transfer that is not one
     */
    public Deferred<List<ResourceRecord>> transfer(Name zone) {
        return exchange(zone, RecordType.AXFR);
    }

    private Deferred<List<ResourceRecord>> exchange(Name zone, int type) {
        Message query = Message.builder().id(random.nextInt(0x10000)).query(new Query(zone, type, DnsClass.IN))
                .build();
        Deferred<List<ResourceRecord>> result = new Deferred<>();
        Connector[] connector = new Connector[1];
        DelayedCall timer = time.callLater(TIMEOUT, () -> {
            if (!result.isCalled()) {
                result.errback(new DnsQueryTimeoutError(query.queries().get(0)));
            }
            if (connector[0] != null) {
                connector[0].disconnect();
            }
        });
        Exchange protocol = new Exchange(query, type == RecordType.AXFR, records -> {
            if (timer.active()) {
                timer.cancel();
            }
            if (!result.isCalled()) {
                result.callback(records);
            }
        }, error -> {
            if (timer.active()) {
                timer.cancel();
            }
            if (!result.isCalled()) {
                result.errback(error);
            }
        });
        connector[0] = tcp.connectTCP(host, port, new ClientFactory() {
            @Override
            public Protocol buildProtocol(Address peer) {
                return protocol;
            }

            @Override
            public void clientConnectionFailed(Connector failed, Failure reason) {
                protocol.fail(reason.value());
            }
        }, TIMEOUT, null);
        return result;
    }

    /** One query over one connection: a single answer, or an AXFR's messages up to its closing SOA. */
    static final class Exchange extends Int16StringReceiver {
        private final Message query;
        private final boolean axfr;
        private final Consumer<List<ResourceRecord>> answered;
        private final Consumer<Throwable> failed;
        private final List<ResourceRecord> records = new ArrayList<>();
        private boolean done;
        private boolean connected;

        Exchange(Message query, boolean axfr, Consumer<List<ResourceRecord>> answered,
                Consumer<Throwable> failed) {
            this.query = query;
            this.axfr = axfr;
            this.answered = answered;
            this.failed = failed;
        }

        @Override
        public void connectionMade() {
            connected = true;
            sendString(query.toBytes());
        }

        @Override
        protected void stringReceived(byte[] string) {
            if (done) {
                return;
            }
            Message response;
            try {
                response = Message.parse(string);
            } catch (DnsFormatError e) {
                fail(e);
                return;
            }
            if (!response.response() || response.id() != query.id()
                    || !(response.queries().isEmpty() || response.queries().equals(query.queries()))) {
                return;
            }
            DnsResponseError error = DnsResponseError.forResponse(response);
            if (error != null) {
                fail(error);
                return;
            }
            if (!axfr) {
                finish(response.answers());
                return;
            }
            for (ResourceRecord record : response.answers()) {
                if (records.isEmpty() && record.type() != RecordType.SOA) {
                    fail(new DnsFormatError("zone transfer does not start with an SOA"));
                    return;
                }
                if (records.size() >= MAX_RECORDS) {
                    fail(new DnsFormatError("zone transfer over " + MAX_RECORDS + " records"));
                    return;
                }
                records.add(record);
                if (records.size() > 1 && record.type() == RecordType.SOA) {
                    finish(List.copyOf(records));
                    return;
                }
            }
        }

        private void finish(List<ResourceRecord> answer) {
            done = true;
            transport().loseConnection();
            answered.accept(answer);
        }

        void fail(Throwable error) {
            if (!done) {
                done = true;
                if (connected) {
                    transport().loseConnection();
                }
                failed.accept(error);
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            fail(reason.value());
        }
    }
}
