package org.twisted4j.names.authority;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.logger.Logger;
import org.twisted4j.names.Name;
import org.twisted4j.names.RecordType;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.SoaRecord;

/**
 * A secondary copy of a zone, as Twisted's {@code SecondaryAuthority}: the zone is transferred (AXFR) from a
 * primary, the last good copy is served, and the primary's SOA serial is checked again every SOA refresh
 * interval (RFC 1034 §4.3.5). A new transfer is made only when the primary's serial is greater than ours in
 * serial number arithmetic (RFC 1982); a failed check is tried again after the SOA retry interval, and when no
 * check has succeeded for the SOA expire interval the copy is dropped and the zone is no longer answered.
 * Until the first transfer succeeds there is no copy: {@link #authority()} is null, and the server answers
 * queries for the zone as Twisted does before its first transfer, with a failure (SERVFAIL).
 * A NOTIFY from the primary (RFC 1996) is {@link #notified() checked at once}.
 *
 * <h2>Threading</h2>
 * Reactor thread only; times are on the given {@link ReactorTime}.
 */
public final class SecondaryAuthority {

    /** Seconds between attempts before the first transfer, when there is no SOA to give a retry interval. */
    public static final double INITIAL_RETRY = 300;

    /** Where the zone comes from: the primary, asked for its SOA and for a zone transfer. */
    public interface Primary {
        /** Asks the primary for the zone's SOA record. */
        Deferred<SoaRecord> soa(Name zone);

        /**
         * Transfers the zone (AXFR): the records in the order they came, the SOA first and last
         * (RFC 5936 §2.2), over every message of the transfer.
         */
        Deferred<List<ResourceRecord>> transfer(Name zone);
    }

    private static final Logger log = new Logger("names");

    private final ReactorTime clock;
    private final Name domain;
    private final Primary primary;
    private @Nullable Authority authority;
    private @Nullable DelayedCall nextCheck;
    private @Nullable DelayedCall expiry;
    private boolean checking;
    private boolean again;
    private boolean running;
    private int transfers;

    /** Creates the secondary for the zone at {@code domain}, taken from {@code primary}; {@link #start} it. */
    public SecondaryAuthority(ReactorTime clock, Name domain, Primary primary) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.primary = Objects.requireNonNull(primary, "primary");
    }

    /** The zone's origin. */
    public Name domain() {
        return domain;
    }

    /** Whether the name is at or below the zone's origin, whether or not a copy is held. */
    public boolean covers(Name name) {
        return name.equals(domain) || name.isSubdomainOf(domain);
    }

    /** The authority for the last good copy; null before the first transfer and after the copy expired. */
    public @Nullable Authority authority() {
        return authority;
    }

    /** How many transfers have succeeded. */
    public int transfers() {
        return transfers;
    }

    /** Makes the first transfer now and keeps the copy fresh from then on. */
    public void start() {
        running = true;
        check();
    }

    /** Stops checking the primary; the copy held stays. */
    public void stop() {
        running = false;
        cancel(nextCheck);
        nextCheck = null;
        cancel(expiry);
        expiry = null;
    }

    /** A NOTIFY for the zone came from the primary (RFC 1996 §3.7): checks its serial at once. */
    public void notified() {
        if (running) {
            check();
        }
    }

    /** Checks the primary's serial now, transferring the zone if it is newer than ours or we have none. */
    void check() {
        if (checking) {
            again = true;
            return;
        }
        checking = true;
        cancel(nextCheck);
        nextCheck = null;
        primary.soa(domain).addCallback(soa -> {
            Authority held = authority;
            if (held != null && !serialGreater(soa.serial(), ((SoaRecord) held.zone().soa().data()).serial())) {
                done(true);
                return null;
            }
            primary.transfer(domain).addCallback(records -> {
                Zone zone = fromTransfer(domain, records);
                authority = new Authority(zone);
                transfers++;
                log.info("transferred {zone}: serial {serial}, {count} names", "zone", domain, "serial",
                        ((SoaRecord) zone.soa().data()).serial(), "count", zone.size());
                done(true);
                return null;
            }).addErrback(failure -> {
                log.warn("transferring {zone} failed: {error}", "zone", domain, "error", failure.value().toString());
                done(false);
                return null;
            });
            return null;
        }).addErrback(failure -> {
            log.warn("checking the serial of {zone} failed: {error}", "zone", domain, "error",
                    failure.value().toString());
            done(false);
            return null;
        });
    }

    private void done(boolean ok) {
        checking = false;
        if (!running) {
            return;
        }
        Authority held = authority;
        SoaRecord soa = held == null ? null : (SoaRecord) held.zone().soa().data();
        if (ok && soa != null) {
            cancel(expiry);
            expiry = clock.callLater(soa.expire(), this::expire);
        }
        if (again) {
            again = false;
            check();
            return;
        }
        double wait = soa == null ? INITIAL_RETRY : ok ? soa.refresh() : soa.retry();
        nextCheck = clock.callLater(wait, this::check);
    }

    private void expire() {
        expiry = null;
        authority = null;
        log.warn("{zone} expired: no answer from its primary for the SOA expire interval", "zone", domain);
    }

    private static void cancel(@Nullable DelayedCall call) {
        if (call != null && call.active()) {
            call.cancel();
        }
    }

    /**
     * The zone an AXFR gave: the records between the first SOA and the last, which must both be the zone's SOA
     * (RFC 5936 §2.2).
     *
     * @throws ZoneFileError if the transfer does not start and end with the zone's SOA or holds a record outside
     *     the zone
     */
    public static Zone fromTransfer(Name domain, List<ResourceRecord> records) {
        String source = "AXFR " + domain;
        if (records.size() < 2) {
            throw new ZoneFileError(source, 0, "transfer too short");
        }
        ResourceRecord first = records.get(0);
        ResourceRecord last = records.get(records.size() - 1);
        if (first.type() != RecordType.SOA || !first.name().equals(domain)) {
            throw new ZoneFileError(source, 0, "transfer does not start with the zone's SOA");
        }
        if (last.type() != RecordType.SOA || !last.name().equals(domain)
                || ((SoaRecord) last.data()).serial() != ((SoaRecord) first.data()).serial()) {
            throw new ZoneFileError(source, 0, "transfer does not end with the zone's SOA");
        }
        for (ResourceRecord record : records) {
            if (!record.name().equals(domain) && !record.name().isSubdomainOf(domain)) {
                throw new ZoneFileError(source, 0, record.name() + " is outside the zone");
            }
        }
        return Zone.fromRecords(source, records.subList(0, records.size() - 1), domain);
    }

    /**
     * Whether serial {@code a} is greater than serial {@code b} in RFC 1982 serial number arithmetic
     * ({@code SERIAL_BITS} = 32); serials half the space apart compare as neither greater.
     */
    public static boolean serialGreater(long a, long b) {
        long x = a & 0xFFFFFFFFL;
        long y = b & 0xFFFFFFFFL;
        long half = 1L << 31;
        return (x < y && y - x > half) || (x > y && x - y < half);
    }
}
