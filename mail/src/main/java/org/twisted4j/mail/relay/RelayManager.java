package org.twisted4j.mail.relay;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectError;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.internet.endpoints.TCP4ClientEndpoint;
import org.twisted4j.logger.Logger;
import org.twisted4j.mail.smtp.MailAddress;
import org.twisted4j.mail.smtp.RecipientsRefused;
import org.twisted4j.mail.smtp.SmtpRejection;
import org.twisted4j.mail.smtp.SmtpSender;
import org.twisted4j.names.Resolver;

/**
 * Delivers the messages of a {@link RelayQueue}, as Twisted's {@code SmartHostSMTPRelayingManager}: to one
 * smarthost ({@link #smartHost}) or to each domain's mail exchange found by an {@link MXCalculator}
 * ({@link #mx}).
 *
 * <pre>{@code
 * RelayManager relay = RelayManager.mx(reactor, queue, resolver, 25, SmtpSender.Settings.of("mx.example.org"));
 * relay.start();                                          // re-reads the queue, then delivers what is due
 * relay.enqueue(from, recipients, message);               // Deferred fires once the message is on disk
 * }</pre>
 *
 * <h2>Delivery</h2>
 * {@link #enqueue} stores one queue entry per destination domain (all recipients together for a smarthost).
 * Due entries are grouped by destination, and each destination gets at most one connection at a time carrying
 * up to {@linkplain #setMaxMessagesPerConnection ten} messages; at most {@linkplain #setMaxConnections two}
 * connections run at once, as Twisted's defaults. The queue is looked at again after each connection, after
 * each enqueue, when the earliest retry is due, and at least every {@linkplain #setCheckInterval 30 seconds}.
 *
 * <h2>Failures</h2>
 * A recipient the server accepts is done. A 5xx reply (to MAIL, RCPT or the message), a null MX, or a domain
 * with neither MX nor address is permanent: the recipient is given up and reported to the sender in an RFC 3464
 * {@link Dsn}. Anything else — a 4xx reply, a refused or lost connection, a DNS timeout — is temporary: the
 * entry is tried again on the {@link RetrySchedule}, and once it has waited longer than the schedule's age it
 * is given up and reported as {@value Dsn#EXPIRED}. An exchange that cannot be reached is marked bad in the
 * calculator. A message from the null sender (itself a bounce) is never bounced: its failure is logged.
 * Bounces are handed to the {@linkplain #setBounceSubmitter bounce submitter} (by default this relay).
 *
 * <h2>Time</h2>
 * Retries are scheduled on the reactor's clock; the times kept in envelopes are seconds since the epoch, from
 * the {@link InstantSource} when the manager was made plus the clock's progress since.
 *
 * <p>Threading: reactor thread only; disk work runs through {@code deferToThread}.
 */
public final class RelayManager {

    /** Twisted's default number of connections at once. */
    public static final int DEFAULT_MAX_CONNECTIONS = 2;
    /** Twisted's default number of messages per connection. */
    public static final int DEFAULT_MAX_MESSAGES_PER_CONNECTION = 10;
    /** How often the queue is looked at even when nothing happens, in seconds. */
    public static final double DEFAULT_CHECK_INTERVAL = 30;

    private static final Logger log = new Logger("relay");

    /**
     * Where a destination's mail goes.
     *
     * @param endpoint the server to connect to
     * @param host its name, for logs, bad marks and the DSN's {@code Remote-MTA}
     */
    public record Route(StreamClientEndpoint endpoint, String host) {
    }

    /** Finds the route of a destination domain ({@code ""} for a smarthost's single route). */
    @FunctionalInterface
    public interface Router {
        /**
         * Finds the route.
         *
         * @param domain the destination domain, in lower case
         * @return a Deferred of the route, failing with an {@link SmtpRejection} 5xx if the domain can never be
         *     reached, or with another error if it cannot be reached now
         */
        Deferred<Route> route(String domain);

        /** Says a route could not be connected to; the default does nothing. */
        default void unreachable(Route route) {
        }
    }

    /** Takes a message for delivery: how bounces are sent. */
    @FunctionalInterface
    public interface Submitter {
        /**
         * Submits a message.
         *
         * @return a Deferred firing once the message is safely stored
         */
        Deferred<?> submit(MailAddress from, List<MailAddress> to, byte[] message);
    }

    private final ReactorTime clock;
    private final ReactorThreads threads;
    private final RelayQueue queue;
    private final Router router;
    private final boolean smartHost;
    private final SmtpSender.Settings settings;
    private final double epochOffset;
    private final Map<String, Envelope> queued = new LinkedHashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    private final Set<String> activeDestinations = new HashSet<>();
    private RetrySchedule schedule = RetrySchedule.DEFAULT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int maxMessagesPerConnection = DEFAULT_MAX_MESSAGES_PER_CONNECTION;
    private double checkInterval = DEFAULT_CHECK_INTERVAL;
    private Submitter bounceSubmitter = this::enqueue;
    private boolean running;
    private final List<Deferred<Void>> emptyWaiters = new ArrayList<>();
    private boolean checking;
    private boolean recheck;
    private @Nullable DelayedCall timer;

    /**
     * Makes a manager.
     *
     * @param <R> a reactor with time and threads
     * @param reactor the reactor: its clock schedules retries, its threads do the disk work
     * @param queue the queue
     * @param router finds each destination's server
     * @param smartHost whether every message goes the one route ({@code ""}), not one per recipient domain
     * @param settings how the client introduces itself (its identity is also the DSN's reporting MTA)
     * @param wall the wall clock, read once now
     */
    public <R extends ReactorTime & ReactorThreads> RelayManager(R reactor, RelayQueue queue, Router router,
            boolean smartHost, SmtpSender.Settings settings, InstantSource wall) {
        this.clock = reactor;
        this.threads = reactor;
        this.queue = Objects.requireNonNull(queue, "queue");
        this.router = Objects.requireNonNull(router, "router");
        this.smartHost = smartHost;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.epochOffset = wall.millis() / 1000.0 - reactor.seconds();
    }

    /**
     * A manager sending everything to one server, as Twisted's {@code SmartHostSMTPRelayingManager}.
     *
     * @param <R> a reactor with time and threads
     * @param reactor the reactor
     * @param queue the queue
     * @param smartHost the server
     * @param name the server's name, for logs and bounces
     * @param settings the client's identity, TLS and login
     */
    public static <R extends ReactorTime & ReactorThreads> RelayManager smartHost(R reactor, RelayQueue queue,
            StreamClientEndpoint smartHost, String name, SmtpSender.Settings settings) {
        Route route = new Route(smartHost, name);
        return new RelayManager(reactor, queue, domain -> Deferred.succeed(route), true, settings,
                InstantSource.system());
    }

    /**
     * A manager sending each domain's mail to its best mail exchange.
     *
     * @param <R> a reactor with time, threads and TCP
     * @param reactor the reactor
     * @param queue the queue
     * @param resolver the resolver for MX and address records
     * @param port the SMTP port of the exchanges (25 on the Internet)
     * @param settings the client's identity, TLS and login
     */
    public static <R extends ReactorTime & ReactorThreads & ReactorTCP> RelayManager mx(R reactor, RelayQueue queue,
            Resolver resolver, int port, SmtpSender.Settings settings) {
        return new RelayManager(reactor, queue, mxRouter(reactor, new MXCalculator(resolver, reactor), resolver, port),
                false, settings, InstantSource.system());
    }

    /**
     * The router of {@link #mx}: the calculator's exchange, its first address from the resolver, the port.
     * A domain that does not exist or has neither MX nor address fails with 550 5.1.2, a null MX with 550
     * 5.1.10; an exchange that cannot be reached is marked bad.
     *
     * @param tcp the reactor connecting
     * @param calculator the MX calculator
     * @param resolver the resolver for the exchange's address
     * @param port the port
     */
    public static Router mxRouter(ReactorTCP tcp, MXCalculator calculator, Resolver resolver, int port) {
        return new Router() {
            @Override
            public Deferred<Route> route(String domain) {
                return calculator.getMX(domain).addErrbackDeferred(failure -> {
                    if (failure.value() instanceof org.twisted4j.internet.DNSLookupError e) {
                        return Deferred.fail(new SmtpRejection(550, "5.1.2", "Host or domain name not found: "
                                + String.valueOf(e.getMessage()).replaceAll("[\\r\\n]", " ")));
                    }
                    return Deferred.fail(failure);
                }).addCallbackDeferred(host -> resolver.getHostByName(host)
                        .addCallback(address -> new Route(new TCP4ClientEndpoint(tcp, address, port), host)));
            }

            @Override
            public void unreachable(Route route) {
                calculator.markBad(route.host());
            }
        };
    }

    /** Sets the retry schedule (default {@link RetrySchedule#DEFAULT}). */
    public void setRetrySchedule(RetrySchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /** Sets how many connections may run at once (default {@value #DEFAULT_MAX_CONNECTIONS}). */
    public void setMaxConnections(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one connection");
        }
        maxConnections = count;
    }

    /** Sets how many messages one connection carries (default {@value #DEFAULT_MAX_MESSAGES_PER_CONNECTION}). */
    public void setMaxMessagesPerConnection(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one message per connection");
        }
        maxMessagesPerConnection = count;
    }

    /** Sets how often, in seconds, the queue is looked at when nothing else prompts it (default 30). */
    public void setCheckInterval(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("the interval must be positive");
        }
        checkInterval = seconds;
    }

    /** Sets where bounces go (default: this relay's own queue). */
    public void setBounceSubmitter(Submitter submitter) {
        bounceSubmitter = Objects.requireNonNull(submitter, "submitter");
    }

    /**
     * Returns a Deferred firing once the queue is empty: every message delivered or given up (at once if it is
     * empty now).
     */
    public Deferred<Void> whenEmpty() {
        Deferred<Void> empty = new Deferred<>();
        if (queued.isEmpty()) {
            empty.callback(null);
        } else {
            emptyWaiters.add(empty);
        }
        return empty;
    }

    /** Returns the envelopes queued now, as this manager knows them. */
    public List<Envelope> queued() {
        return List.copyOf(queued.values());
    }

    /**
     * Starts: reads the queue (what a previous run left is delivered as due), then delivers.
     *
     * @return a Deferred of how many messages were found in the queue
     */
    public Deferred<Integer> start() {
        running = true;
        return threads.deferToThread(queue::load).addCallback(envelopes -> {
            for (Envelope envelope : envelopes) {
                queued.putIfAbsent(envelope.id(), envelope);
            }
            log.info("relay queue {dir}: {count} messages waiting", "dir", queue.directory(), "count", envelopes.size());
            tick();
            return envelopes.size();
        });
    }

    /** Stops looking at the queue; connections under way finish. */
    public void stop() {
        running = false;
        if (timer != null && timer.active()) {
            timer.cancel();
        }
        timer = null;
    }

    private void tick() {
        if (!running) {
            return;
        }
        if (timer != null && timer.active()) {
            timer.cancel();
        }
        checkState();
        double wait = checkInterval;
        long now = now();
        for (Envelope envelope : queued.values()) {
            if (!inFlight.contains(envelope.id()) && envelope.nextAttempt() > now) {
                wait = Math.min(wait, envelope.nextAttempt() - now);
            }
        }
        timer = clock.callLater(wait, this::tick);
    }

    private long now() {
        return (long) Math.floor(clock.seconds() + epochOffset);
    }

    /**
     * Queues a message durably: one entry per destination domain (one for a smarthost).
     *
     * @param from the sender
     * @param to the recipients, at least one
     * @param message the message
     * @return a Deferred firing once every entry is on disk, or failing if one could not be written
     */
    public Deferred<Void> enqueue(MailAddress from, List<MailAddress> to, byte[] message) {
        if (to.isEmpty()) {
            return Deferred.fail(new IllegalArgumentException("a message needs at least one recipient"));
        }
        Map<String, List<MailAddress>> byDestination = new LinkedHashMap<>();
        for (MailAddress recipient : to) {
            byDestination.computeIfAbsent(destination(recipient), d -> new ArrayList<>()).add(recipient);
        }
        long now = now();
        return threads.deferToThread(() -> {
            List<Envelope> added = new ArrayList<>();
            for (List<MailAddress> recipients : byDestination.values()) {
                added.add(queue.add(from, recipients, message, now));
            }
            return added;
        }).addCallback(added -> {
            for (Envelope envelope : added) {
                queued.put(envelope.id(), envelope);
            }
            if (running) {
                clock.callLater(0, this::checkState);
            }
            return null;
        });
    }

    private String destination(MailAddress recipient) {
        return smartHost ? "" : recipient.domainLowerCase();
    }

    /** Starts connections for what is due, within the limits; a call made while one runs makes it look again. */
    private void checkState() {
        if (checking) {
            recheck = true;
            return;
        }
        checking = true;
        try {
            do {
                recheck = false;
                startDue();
            } while (recheck);
        } finally {
            checking = false;
        }
    }

    private void startDue() {
        if (!running) {
            return;
        }
        long now = now();
        Map<String, List<Envelope>> due = new LinkedHashMap<>();
        queued.values().stream().filter(e -> !inFlight.contains(e.id()) && e.nextAttempt() <= now)
                .sorted(Comparator.comparingLong(Envelope::nextAttempt))
                .forEach(e -> due.computeIfAbsent(destination(e.recipients().get(0)), d -> new ArrayList<>()).add(e));
        for (Map.Entry<String, List<Envelope>> entry : due.entrySet()) {
            if (activeDestinations.size() >= maxConnections) {
                return;
            }
            if (activeDestinations.contains(entry.getKey())) {
                continue;
            }
            List<Envelope> batch = entry.getValue().stream()
                    .filter(e -> queued.containsKey(e.id()) && !inFlight.contains(e.id()))
                    .limit(maxMessagesPerConnection).toList();
            if (!batch.isEmpty()) {
                deliver(entry.getKey(), batch);
            }
        }
    }

    private void deliver(String destination, List<Envelope> batch) {
        activeDestinations.add(destination);
        for (Envelope envelope : batch) {
            inFlight.add(envelope.id());
        }
        Route[] used = new Route[1];
        threads.deferToThread(() -> {
            List<byte[]> messages = new ArrayList<>();
            for (Envelope envelope : batch) {
                messages.add(queue.read(envelope.id()));
            }
            return messages;
        }).addCallbackDeferred(messages -> router.route(destination).addCallbackDeferred(route -> {
            used[0] = route;
            List<SmtpSender.Outgoing> outgoing = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                outgoing.add(new SmtpSender.Outgoing(batch.get(i).from(), batch.get(i).recipients(), messages.get(i)));
            }
            List<Deferred<SmtpSender.Result>> results = SmtpSender.sendAll(route.endpoint(), settings, outgoing);
            List<Deferred<Void>> handled = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                Envelope envelope = batch.get(i);
                byte[] message = messages.get(i);
                Deferred<Void> done = new Deferred<>();
                results.get(i).addCallbacks(result -> outcome(envelope, message, route, result, null).chainDeferred(done),
                        failure -> outcome(envelope, message, route, null, failure).chainDeferred(done));
                handled.add(done);
            }
            return Deferred.gatherResults(handled, true).addCallback(done -> null);
        })).addErrbackDeferred(failure -> {
            // The queue could not be read or the route not found: every message of the batch shares the fate.
            List<Deferred<Void>> handled = new ArrayList<>();
            for (Envelope envelope : batch) {
                Deferred<Void> done = new Deferred<>();
                threads.deferToThread(() -> queue.read(envelope.id())).addBoth(read -> outcome(envelope,
                        read instanceof byte[] b ? b : new byte[0], used[0], null, failure).chainDeferred(done));
                handled.add(done);
            }
            return Deferred.gatherResults(handled, true).addCallback(done -> null);
        }).addBoth(ignored -> {
            activeDestinations.remove(destination);
            for (Envelope envelope : batch) {
                inFlight.remove(envelope.id());
            }
            if (ignored instanceof Failure f) {
                log.error("relay to {destination} failed: {why}", "destination", destination, "why", f.getErrorMessage());
            }
            checkState();
            return null;
        });
    }

    /** Sorts a message's recipients into done, given up and to retry, then updates or removes its entry. */
    private Deferred<Void> outcome(Envelope envelope, byte[] message, @Nullable Route route,
            SmtpSender.@Nullable Result result, @Nullable Failure failure) {
        String remote = route == null ? "" : route.host();
        List<MailAddress> retry = new ArrayList<>();
        List<Dsn.Failed> failed = new ArrayList<>();
        String lastError = "";
        List<SmtpSender.RecipientResult> replies = result != null ? result.recipients()
                : failure != null && failure.value() instanceof RecipientsRefused refused ? refused.recipients() : null;
        if (replies != null) {
            Map<MailAddress, SmtpSender.RecipientResult> byAddress = new HashMap<>();
            for (SmtpSender.RecipientResult reply : replies) {
                byAddress.put(reply.address(), reply);
            }
            for (MailAddress recipient : envelope.recipients()) {
                SmtpSender.RecipientResult reply = byAddress.get(recipient);
                int code = reply == null ? 451 : reply.code();
                String text = reply == null ? "no reply" : code + " " + reply.text();
                if (code / 100 == 5) {
                    failed.add(new Dsn.Failed(recipient, status(code, reply.text()), text, remote));
                } else if (code / 100 != 2) {
                    retry.add(recipient);
                    lastError = text;
                }
            }
        } else {
            Throwable error = failure == null ? new IllegalStateException("no outcome") : failure.value();
            String text = error instanceof SmtpRejection r ? r.code() + " " + (r.enhancedCode().isEmpty() ? ""
                    : r.enhancedCode() + " ") + r.getMessage() : String.valueOf(error.getMessage());
            if (error instanceof SmtpRejection r && r.code() / 100 == 5) {
                for (MailAddress recipient : envelope.recipients()) {
                    failed.add(new Dsn.Failed(recipient, status(r.code(), r.enhancedCode() + " " + r.getMessage()), text, remote));
                }
            } else {
                retry.addAll(envelope.recipients());
                lastError = text;
                if (route != null && error instanceof ConnectError) {
                    router.unreachable(route);
                }
            }
        }
        int accepted = envelope.recipients().size() - retry.size() - failed.size();
        if (accepted > 0) {
            log.info("relay {id} delivered to {count} recipients via {host}", "id", envelope.id(), "count", accepted,
                    "host", remote);
        }
        long now = now();
        Envelope next = null;
        if (!retry.isEmpty()) {
            if (schedule.expired(envelope.created(), now)) {
                for (MailAddress recipient : retry) {
                    failed.add(new Dsn.Failed(recipient, Dsn.EXPIRED,
                            "delivery time expired; last error: " + lastError, remote));
                }
            } else {
                next = envelope.retried(retry, now + schedule.delayAfter(envelope.attempts() + 1), lastError);
                log.info("relay {id} to {recipients}: will retry ({why})", "id", envelope.id(), "recipients",
                        retry, "why", lastError);
            }
        }
        Envelope updated = next;
        Deferred<Void> bounced = failed.isEmpty() ? Deferred.succeed(null) : bounce(envelope, message, failed, now);
        return bounced.addCallbackDeferred(ignored -> threads.deferToThread(() -> {
            if (updated == null) {
                queue.remove(envelope.id());
            } else {
                queue.update(updated);
            }
            return null;
        })).addCallback(ignored -> {
            if (updated == null) {
                queued.remove(envelope.id());
                if (queued.isEmpty() && !emptyWaiters.isEmpty()) {
                    List<Deferred<Void>> waiters = List.copyOf(emptyWaiters);
                    emptyWaiters.clear();
                    waiters.forEach(waiter -> waiter.callback(null));
                }
            } else {
                queued.put(envelope.id(), updated);
                if (running && timer != null && timer.active() && timer.getTime() > clock.seconds() + schedule.delayAfter(updated.attempts())) {
                    tick();
                }
            }
            return null;
        });
    }

    private static String status(int code, String text) {
        String first = text.strip().split(" ", 2)[0];
        if (first.matches("[245]\\.\\d{1,3}\\.\\d{1,3}") && first.charAt(0) == Character.forDigit(code / 100, 10)) {
            return first;
        }
        return (code / 100) + ".0.0";
    }

    private Deferred<Void> bounce(Envelope envelope, byte[] message, List<Dsn.Failed> failed, long now) {
        if (envelope.from().isNull()) {
            log.warn("not bouncing {id}, itself from <>: {failures} given up", "id", envelope.id(), "failures", failed);
            return Deferred.succeed(null);
        }
        byte[] dsn = Dsn.build(settings.identity(), failed, message,
                ZonedDateTime.ofInstant(Instant.ofEpochSecond(envelope.created()), ZoneOffset.UTC),
                ZonedDateTime.ofInstant(Instant.ofEpochSecond(now), ZoneOffset.UTC));
        log.info("bouncing {id} to {sender}: {count} recipients given up", "id", envelope.id(), "sender",
                envelope.from(), "count", failed.size());
        // A bounce that cannot be stored (the sender is a local user who does not exist...) is logged and
        // dropped: keeping the message would deliver its accepted recipients again on every retry.
        return bounceSubmitter.submit(MailAddress.NULL, List.of(envelope.from()), dsn).addCallbacks(ignored -> null,
                failure -> {
                    log.error("the bounce of {id} to {sender} could not be stored, dropped: {why}", "id", envelope.id(),
                            "sender", envelope.from(), "why", failure.getErrorMessage());
                    return null;
                });
    }
}
