package org.twisted4j.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.protocols.basic.LineReceiver;

/**
 * A load generator for IRC servers on 127.0.0.1: {@code --clients} clients (200) register and join
 * {@code --channels} channels ({@code #bench0}...; 10), client {@code i} in channel {@code i % channels}; then,
 * for the warm-up and the measured time, the clients together send {@code --rate} PRIVMSGs a second to their
 * channels (round robin over the clients, from a timer every 10 ms), each carrying its send time. The server
 * broadcasts each to the channel's other members. Prints one line:
 * {@code irc-load server=NAME offered=... sent_per_s=... delivered_per_s=... p50_ms=... p99_ms=... lost=...},
 * where delivered counts the PRIVMSGs the clients received during the measured time, the latencies are from
 * send to receipt, and lost is what had not arrived two seconds after sending stopped (sent times members - 1,
 * less what was received).
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.IrcLoad --port P --name NAME [--clients 200] [--channels 10]
 * [--rate 4000] [--warmup 2] [--duration 5]}.
 *
 * <p>Threading: {@link #main} runs the reactor on the calling thread; everything else happens on it.
 */
public final class IrcLoad {

    private static final int BATCH = 25;

    private final NioReactor reactor;
    private final int clients;
    private final int channels;
    private final double rate;
    private final double warmup;
    private final double duration;
    private final List<Client> connected = new ArrayList<>();
    private final LatencyHistogram latency = new LatencyHistogram();
    private long measureStart;
    private long measureEnd;
    private long sentMeasured;
    private long sentTotal;
    private long delivered;
    private long deliveredTotal;
    private boolean sending;
    private int next;
    private double owed;

    private IrcLoad(NioReactor reactor, int clients, int channels, double rate, double warmup, double duration) {
        this.reactor = reactor;
        this.clients = clients;
        this.channels = channels;
        this.rate = rate;
        this.warmup = warmup;
        this.duration = duration;
    }

    /** One IRC connection: registers, joins its channel, counts the PRIVMSGs it receives. */
    private final class Client extends LineReceiver {
        private final String nick;
        private final String channel;
        private final Deferred<Void> ready = new Deferred<>();

        Client(String nick, String channel) {
            this.nick = nick;
            this.channel = channel;
            setDelimiter(new byte[] {'\n'});
        }

        @Override
        public void connectionMade() {
            sendLine("NICK " + nick + "\r");
            sendLine("USER " + nick + " 0 * :bench\r");
        }

        @Override
        protected void lineReceived(byte[] line) {
            String text = new String(line, StandardCharsets.UTF_8);
            int space = text.indexOf(' ');
            String rest = space < 0 ? "" : text.substring(space + 1);
            if (text.startsWith("PING")) {
                sendLine("PONG " + text.substring(5).strip() + "\r");
            } else if (rest.startsWith("PRIVMSG ")) {
                int t = text.lastIndexOf(' ');
                long now = System.nanoTime();
                long sentAt = Long.parseLong(text.substring(t + 1).strip());
                deliveredTotal++;
                if (now >= measureStart && now < measureEnd) {
                    delivered++;
                    latency.record(now - sentAt);
                }
            } else if (rest.startsWith("001 ")) {
                sendLine("JOIN " + channel + "\r");
            } else if (rest.startsWith("366 ") && !ready.isCalled()) {
                ready.callback(null);
            } else if (rest.startsWith("433 ") || rest.startsWith("403 ") || text.startsWith("ERROR")) {
                System.err.println(nick + ": " + text);
            }
        }

        @Override
        public void connectionLost(org.twisted4j.defer.Failure reason) {
            if (!ready.isCalled()) {
                ready.errback(reason);
            } else if (sending) {
                System.err.println(nick + ": connection lost while sending: " + reason.getErrorMessage());
            }
        }

        void say() {
            sendLine("PRIVMSG " + channel + " :" + nick + " " + System.nanoTime() + "\r");
        }
    }

    /** Connects the clients 25 at a time (each batch registered and joined before the next), so no listen backlog overflows. */
    private Deferred<List<Void>> start(int port, int from) {
        List<Deferred<Void>> ready = new ArrayList<>();
        for (int i = from; i < Math.min(clients, from + BATCH); i++) {
            Client client = new Client("b" + i, "#bench" + (i % channels));
            connected.add(client);
            ready.add(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=" + port + ":timeout=10"), client)
                    .addCallbackDeferred(c -> client.ready));
        }
        Deferred<List<Void>> batch = Deferred.gatherResults(ready);
        return from + BATCH >= clients ? batch : batch.addCallbackDeferred(done -> start(port, from + BATCH));
    }

    private void tick() {
        if (!sending) {
            return;
        }
        owed += rate * 0.01;
        while (owed >= 1) {
            owed -= 1;
            connected.get(next).say();
            next = (next + 1) % connected.size();
            sentTotal++;
            long now = System.nanoTime();
            if (now >= measureStart && now < measureEnd) {
                sentMeasured++;
            }
        }
        reactor.callLater(0.01, this::tick);
    }

    /**
     * Runs the load once.
     *
     * @param args the options, as the class comment says
     */
    public static void main(String[] args) {
        int port = 0;
        String name = "server";
        int clients = 200;
        int channels = 10;
        double rate = 4000;
        double warmup = 2;
        double duration = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--name" -> name = args[i + 1];
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--channels" -> channels = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--warmup" -> warmup = Double.parseDouble(args[i + 1]);
                case "--duration" -> duration = Double.parseDouble(args[i + 1]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        NioReactor reactor = new NioReactor();
        IrcLoad load = new IrcLoad(reactor, clients, channels, rate, warmup, duration);
        String label = name;
        int target = port;
        reactor.callWhenRunning(() -> load.start(target, 0).addCallbacks(ignored -> {
            long now = System.nanoTime();
            load.measureStart = now + (long) (load.warmup * 1e9);
            load.measureEnd = load.measureStart + (long) (load.duration * 1e9);
            load.sending = true;
            load.tick();
            reactor.callLater(load.warmup + load.duration, () -> {
                load.sending = false;
                reactor.callLater(2, () -> {
                    long expected = load.sentTotal * (load.clients / load.channels - 1);
                    System.out.printf("irc-load server=%s clients=%d channels=%d offered=%.0f sent_per_s=%.0f "
                                    + "delivered_per_s=%.0f p50_ms=%.3f p99_ms=%.3f lost=%d%n",
                            label, load.clients, load.channels, load.rate, load.sentMeasured / load.duration,
                            load.delivered / load.duration, load.latency.percentileMicros(0.5) / 1000.0,
                            load.latency.percentileMicros(0.99) / 1000.0, expected - load.deliveredTotal);
                    reactor.stop();
                });
            });
            return null;
        }, failure -> {
            System.err.println("irc-load could not connect all clients: " + failure.getErrorMessage());
            reactor.stop();
            return null;
        }));
        reactor.run();
    }
}
