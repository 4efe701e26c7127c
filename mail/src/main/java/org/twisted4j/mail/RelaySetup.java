package org.twisted4j.mail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.AbstractService;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.UsageError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ReactorUDP;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.mail.relay.MXCalculator;
import org.twisted4j.mail.relay.RelayManager;
import org.twisted4j.mail.relay.RelayQueue;
import org.twisted4j.mail.relay.RelayingDelivery;
import org.twisted4j.mail.relay.RetrySchedule;
import org.twisted4j.mail.smtp.MessageDelivery;
import org.twisted4j.mail.smtp.SmtpSender;
import org.twisted4j.names.DnsClient;
import org.twisted4j.names.Resolver;
import org.twisted4j.names.Resolvers;

/**
 * The relaying part of {@code twist mail}: its options ({@code -R/--relay} and those that tune it) and the
 * {@link RelayingDelivery} and {@link RelayManager} they make.
 */
final class RelaySetup {

    /** The networks allowed to relay without logging in when none is given: loopback, as Twisted's DomainQueuer. */
    static final List<String> DEFAULT_RELAY_FROM = List.of("127.0.0.0/8", "::1");

    private RelaySetup() {
    }

    static Options addTo(Options options) {
        return options
                .add(Option.value("relay").shortName('R').metavar("DIR")
                        .help("Relay mail for other domains through a queue in DIR, to each domain's mail exchange "
                                + "(or --smarthost); only for clients that logged in or come from --relay-from."))
                .add(Option.repeatable("relay-from").metavar("NETWORK")
                        .help("A network (ADDRESS/BITS) whose clients may relay without logging in; may be repeated "
                                + "(default 127.0.0.0/8 and ::1, as Twisted's; 'none' for nobody)."))
                .add(Option.value("smarthost").metavar("ENDPOINT")
                        .help("Relay everything to this server (a client endpoint, such as tcp:host=mx:port=25) "
                                + "instead of looking up MX records."))
                .add(Option.repeatable("nameserver").metavar("HOST:PORT")
                        .help("A DNS server to ask for MX records; may be repeated (default: /etc/resolv.conf's)."))
                .add(Option.integer("mx-port").metavar("PORT").defaultValue("25")
                        .help("The port mail exchanges are reached on (default 25)."))
                .add(Option.value("retry").metavar("SCHEDULE").defaultValue("5m,15m,30m,1h,2h,4h/5d")
                        .help("The waits between attempts and, after '/', when to give up and bounce "
                                + "(default 5m,15m,30m,1h,2h,4h/5d)."));
    }

    /** The relay of {@code twist mail}: its delivery, and the service that runs its queue. */
    record Relay(RelayingDelivery delivery, AbstractService service) {
    }

    /** Returns null without {@code --relay}; else the relay around {@code local}. */
    static @Nullable Relay make(ReactorCore reactor, ParsedOptions options, MessageDelivery local,
            List<String> localDomains, String hostName) {
        String directory = options.string("relay");
        if (directory == null) {
            for (String option : List.of("relay-from", "smarthost", "nameserver")) {
                if (options.isGiven(option)) {
                    throw new UsageError("--" + option + " needs --relay");
                }
            }
            return null;
        }
        if (!(reactor instanceof ReactorTCP tcp) || !(reactor instanceof ReactorUDP udp)
                || !(reactor instanceof ReactorTime time) || !(reactor instanceof ReactorThreads)) {
            throw new UsageError("--relay needs a reactor with TCP, UDP, timers and threads");
        }
        RelayQueue queue;
        try {
            queue = RelayQueue.open(Path.of(directory));
        } catch (IOException e) {
            throw new UsageError("--relay " + directory + ": " + e.getMessage());
        }
        SmtpSender.Settings settings = SmtpSender.Settings.of(hostName);
        RelayManager manager = manager(reactor, tcp, udp, time, options, queue, settings);
        try {
            manager.setRetrySchedule(RetrySchedule.parse(String.valueOf(options.string("retry"))));
        } catch (IllegalArgumentException e) {
            throw new UsageError("--retry: " + e.getMessage());
        }
        List<String> networks = options.strings("relay-from");
        Predicate<String> relayFrom;
        try {
            relayFrom = networks.isEmpty() ? RelayingDelivery.networks(DEFAULT_RELAY_FROM.toArray(String[]::new))
                    : networks.equals(List.of("none")) ? host -> false
                    : RelayingDelivery.networks(networks.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new UsageError("--relay-from: " + e.getMessage());
        }
        RelayingDelivery delivery = new RelayingDelivery(local, new HashSet<>(localDomains), manager, relayFrom, false);
        manager.setBounceSubmitter(delivery);
        AbstractService service = new AbstractService() {
            @Override
            public void startService() {
                super.startService();
                manager.start();
            }

            @Override
            public Deferred<@Nullable Void> stopService() {
                manager.stop();
                return super.stopService();
            }
        };
        return new Relay(delivery, service);
    }

    private static RelayManager manager(ReactorCore reactor, ReactorTCP tcp, ReactorUDP udp, ReactorTime time,
            ParsedOptions options, RelayQueue queue, SmtpSender.Settings settings) {
        ReactorThreads threads = (ReactorThreads) reactor;
        String smartHost = options.string("smarthost");
        Both both = new Both(time, threads);
        if (smartHost != null) {
            StreamClientEndpoint endpoint;
            try {
                endpoint = Endpoints.clientFromString(reactor, smartHost);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--smarthost " + smartHost + ": " + e.getMessage());
            }
            return RelayManager.smartHost(both, queue, endpoint, smartHost, settings);
        }
        Resolver resolver;
        List<String> servers = options.strings("nameserver");
        if (servers.isEmpty()) {
            resolver = Resolvers.createResolver(udp, tcp, time, List.of(), null, null);
        } else {
            List<Address> addresses = new ArrayList<>();
            for (String server : servers) {
                int colon = server.lastIndexOf(':');
                try {
                    addresses.add(colon < 0 ? DnsClient.address(server, DnsClient.PORT)
                            : DnsClient.address(server.substring(0, colon).replaceAll("^\\[|]$", ""),
                                    Integer.parseInt(server.substring(colon + 1))));
                } catch (IllegalArgumentException e) {
                    throw new UsageError("--nameserver " + server + ": expected an address and a port, such as "
                            + "127.0.0.1:5353");
                }
            }
            resolver = new DnsClient(udp, tcp, time, addresses, DnsClient.DEFAULT_TIMEOUTS);
        }
        int port = options.integer("mx-port");
        if (port < 1 || port > 65535) {
            throw new UsageError("--mx-port must be 1 to 65535");
        }
        return new RelayManager(both, queue, RelayManager.mxRouter(tcp, new MXCalculator(resolver, time), resolver,
                port), false, settings, java.time.InstantSource.system());
    }

    /** The reactor's time and threads as one object, for the manager's constructor. */
    private record Both(ReactorTime time, ReactorThreads threads) implements ReactorTime, ReactorThreads {
        @Override
        public org.twisted4j.internet.DelayedCall callLater(double delaySeconds, Runnable call) {
            return time.callLater(delaySeconds, call);
        }

        @Override
        public double seconds() {
            return time.seconds();
        }

        @Override
        public List<org.twisted4j.internet.DelayedCall> getDelayedCalls() {
            return time.getDelayedCalls();
        }

        @Override
        public void callFromThread(Runnable call) {
            threads.callFromThread(call);
        }

        @Override
        public void callInThread(Runnable call) {
            threads.callInThread(call);
        }

        @Override
        public <T extends @Nullable Object> Deferred<T> deferToThread(java.util.concurrent.Callable<? extends T> work) {
            return threads.deferToThread(work);
        }

        @Override
        public <T extends @Nullable Object> Deferred<T> deferToThreadPool(java.util.concurrent.Executor pool,
                java.util.concurrent.Callable<? extends T> work) {
            return threads.deferToThreadPool(pool, work);
        }
    }
}
