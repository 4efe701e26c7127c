package org.twisted4j.mail.relay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.DNSLookupError;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.mail.smtp.SmtpRejection;
import org.twisted4j.names.AaaaRecord;
import org.twisted4j.names.ARecord;
import org.twisted4j.names.CnameRecord;
import org.twisted4j.names.DnsNameError;
import org.twisted4j.names.LookupResult;
import org.twisted4j.names.MxRecord;
import org.twisted4j.names.Name;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.Resolver;

/**
 * Finds where to deliver a domain's mail, as Twisted's {@code relaymanager.MXCalculator}: the domain's MX
 * records, lowest preference first, skipping exchanges {@linkplain #markBad marked bad} within the last
 * {@linkplain #setTimeOutBadMX hour} (all of them bad gives the best one anyway); with no MX record, the domain
 * itself if it has an address (A, else AAAA; RFC 5321 §5.1). A null MX ({@code MX 0 .}, RFC 7505) is a
 * permanent refusal. CNAMEs in the answer are followed, a few steps at most.
 *
 * <pre>{@code
 * MXCalculator mx = new MXCalculator(resolver, reactor);
 * mx.getMX("example.com").addCallback(host -> connectTo(host));
 * }</pre>
 *
 * <p>Failures: {@link SmtpRejection} 550 5.1.10 for a null MX; {@link DNSLookupError} when the domain has neither
 * MX nor address; otherwise what the resolver failed with (a timeout, a server failure: temporary).
 *
 * <p>Threading: reactor thread only.
 */
public final class MXCalculator {

    /** How long an exchange stays marked bad: an hour, as Twisted's {@code timeOutBadMX}. */
    public static final double DEFAULT_TIME_OUT_BAD_MX = 60 * 60;
    /** How many CNAME steps are followed. */
    public static final int MAX_CNAMES = 3;

    private final Resolver resolver;
    private final ReactorTime clock;
    private final Map<String, Double> badUntil = new HashMap<>();
    private double timeOutBadMX = DEFAULT_TIME_OUT_BAD_MX;

    /**
     * Makes a calculator.
     *
     * @param resolver the resolver asked for MX and address records
     * @param clock the clock the bad marks expire by
     */
    public MXCalculator(Resolver resolver, ReactorTime clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Sets how long, in seconds, an exchange stays marked bad (default {@value #DEFAULT_TIME_OUT_BAD_MX}). */
    public void setTimeOutBadMX(double seconds) {
        timeOutBadMX = seconds;
    }

    /** Marks an exchange bad (it could not be reached) for the bad-MX time. */
    public void markBad(String host) {
        badUntil.put(key(host), clock.seconds() + timeOutBadMX);
    }

    /** Marks an exchange good again. */
    public void markGood(String host) {
        badUntil.remove(key(host));
    }

    /** Whether an exchange is marked bad now. */
    public boolean isBad(String host) {
        Double until = badUntil.get(key(host));
        if (until == null) {
            return false;
        }
        if (clock.seconds() >= until) {
            badUntil.remove(key(host));
            return false;
        }
        return true;
    }

    private static String key(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /**
     * Finds the host to deliver a domain's mail to.
     *
     * @param domain the domain
     * @return a Deferred of the exchange's name (without a trailing dot)
     */
    public Deferred<String> getMX(String domain) {
        return exchanges(domain).addCallback(hosts -> {
            for (String host : hosts) {
                if (!isBad(host)) {
                    return host;
                }
            }
            return hosts.get(0);
        });
    }

    /**
     * Finds every exchange of a domain, best first, without looking at the bad marks.
     *
     * @param domain the domain
     * @return a Deferred of the exchanges' names, at least one
     */
    public Deferred<List<String>> exchanges(String domain) {
        return exchanges(Name.fromUnicode(domain), MAX_CNAMES);
    }

    private Deferred<List<String>> exchanges(Name domain, int cnamesLeft) {
        return resolver.lookupMailExchange(domain.toString()).addCallbackDeferred(result -> {
            Name wanted = domain;
            for (int step = 0; step <= MAX_CNAMES; step++) {
                List<MxRecord> mx = new ArrayList<>();
                Name alias = null;
                for (ResourceRecord record : result.answers()) {
                    if (!record.name().equals(wanted)) {
                        continue;
                    }
                    if (record.data() instanceof MxRecord m) {
                        mx.add(m);
                    } else if (record.data() instanceof CnameRecord c) {
                        alias = c.target();
                    }
                }
                if (!mx.isEmpty()) {
                    mx.sort(Comparator.comparingInt(MxRecord::preference));
                    if (mx.size() == 1 && mx.get(0).exchange().isRoot()) {
                        return Deferred.<List<String>>fail(new SmtpRejection(550, "5.1.10",
                                domain + " accepts no mail (null MX)"));
                    }
                    return Deferred.succeed(mx.stream().filter(m -> !m.exchange().isRoot())
                            .map(m -> key(m.exchange().toString())).distinct().toList());
                }
                if (alias == null) {
                    break;
                }
                wanted = alias;
            }
            if (!wanted.equals(domain) && cnamesLeft > 0) {
                return exchanges(wanted, cnamesLeft - 1);
            }
            return addressFallback(domain);
        }).addErrbackDeferred(failure -> {
            if (failure.value() instanceof DnsNameError) {
                return Deferred.fail(new DNSLookupError(domain + ": no such domain"));
            }
            return Deferred.fail(failure);
        });
    }

    private Deferred<List<String>> addressFallback(Name domain) {
        return resolver.lookupAddress(domain.toString()).addCallbackDeferred(result -> {
            if (hasAddress(result, true)) {
                return Deferred.succeed(List.of(key(domain.toString())));
            }
            return resolver.lookupIPV6Address(domain.toString()).addCallbackDeferred(six -> hasAddress(six, false)
                    ? Deferred.succeed(List.of(key(domain.toString())))
                    : Deferred.<List<String>>fail(new DNSLookupError(domain + " has no MX and no address")));
        });
    }

    private static boolean hasAddress(LookupResult result, boolean v4) {
        return result.answers().stream().anyMatch(r -> v4 ? r.data() instanceof ARecord : r.data() instanceof AaaaRecord);
    }
}
