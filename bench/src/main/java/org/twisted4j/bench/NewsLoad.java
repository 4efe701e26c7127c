package org.twisted4j.bench;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.TCPTransport;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.protocols.basic.LineReceiver;

/**
 * A load generator for NNTP servers on 127.0.0.1, the same for every server measured:
 * <ol>
 *   <li><b>stream</b>: one transit connection enters MODE STREAM (RFC 4644) and offers {@code --articles}
 *   articles (about 700 octets each, to {@code --group}), each with CHECK and, on 238, TAKETHIS, keeping
 *   {@code --window} commands unanswered; measured from the first CHECK to the last answer. It prints
 *   {@code news-load server=NAME phase=stream articles=N taken=T refused=R seconds=S per_s=...}.</li>
 *   <li>with {@code --over-rounds} above 0: one reader connection selects the group and asks
 *   {@code OVER 1-N} that many times, N being the group's high number; each prints
 *   {@code news-load server=NAME phase=over round=I lines=L seconds=S per_s=...} (overview lines a second).</li>
 * </ol>
 * Each phase can be given its own port ({@code --transit-port}, {@code --reader-port}): INN takes articles in
 * innd and serves readers from nnrpd. The Message-IDs carry {@code --tag}, so runs do not collide.
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.NewsLoad --transit-port P [--reader-port P] --name NAME
 * [--group bench.test] [--articles 50000] [--window 64] [--over-rounds 0] [--tag T]}.
 *
 * <p>Threading: {@link #main} runs the reactor on the calling thread; everything else happens on it.
 */
public final class NewsLoad {

    private NewsLoad() {
    }

    /** The article numbered {@code i}: a usual header and eight body lines. */
    static byte[] article(String group, String tag, int i, String date) {
        StringBuilder text = new StringBuilder(768).append("Path: load.bench!not-for-mail\r\n")
                .append("From: Bench Load <load@bench.example>\r\nNewsgroups: ").append(group)
                .append("\r\nSubject: bench article ").append(i).append("\r\nDate: ").append(date)
                .append("\r\nMessage-ID: ").append(messageId(tag, i)).append("\r\nOrganization: bench\r\n\r\n");
        for (int line = 0; line < 8; line++) {
            text.append("line ").append(line).append(" of article ").append(i)
                    .append(" ........................................\r\n");
        }
        return text.append(".\r\n").toString().getBytes(ISO_8859_1);
    }

    static String messageId(String tag, int i) {
        return "<" + tag + "." + i + "@load.bench>";
    }

    /** The transit connection: MODE STREAM, then CHECK and TAKETHIS with a window of unanswered commands. */
    private static final class Streamer extends LineReceiver {
        private final String group;
        private final String tag;
        private final int articles;
        private final int window;
        private final String date = ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
        final Deferred<String> done = new Deferred<>();
        private boolean greeted;
        private boolean streaming;
        private int next;
        private int inFlight;
        private int taken;
        private int refused;
        private int answered;
        private long started;

        Streamer(String group, String tag, int articles, int window) {
            this.group = group;
            this.tag = tag;
            this.articles = articles;
            this.window = window;
            setMaxLength(65_536);
        }

        @Override
        public void connectionMade() {
            if (transport() instanceof TCPTransport tcp) {
                tcp.setTcpNoDelay(true);
            }
        }

        @Override
        protected void lineReceived(byte[] bytes) {
            String line = new String(bytes, ISO_8859_1);
            if (!greeted) {
                greeted = true;
                sendLine("MODE STREAM");
                return;
            }
            if (!streaming) {
                if (!line.startsWith("203")) {
                    fail("MODE STREAM: " + line);
                    return;
                }
                streaming = true;
                started = System.nanoTime();
                pump();
                return;
            }
            String code = line.length() >= 3 ? line.substring(0, 3) : line;
            switch (code) {
                case "238" -> {
                    int i = number(line);
                    byte[] body = article(group, tag, i, date);
                    transport().writeSequence(List.of(ByteBuffer.wrap(("TAKETHIS " + messageId(tag, i) + "\r\n")
                            .getBytes(ISO_8859_1)), ByteBuffer.wrap(body)));
                    return;
                }
                case "239" -> taken++;
                case "438", "439", "431" -> refused++;
                default -> {
                    fail("unexpected answer: " + line);
                    return;
                }
            }
            inFlight--;
            answered++;
            if (answered == articles) {
                double seconds = (System.nanoTime() - started) / 1e9;
                done.callback(String.format("phase=stream articles=%d taken=%d refused=%d seconds=%.3f per_s=%.0f",
                        articles, taken, refused, seconds, articles / seconds));
                sendLine("QUIT");
                return;
            }
            pump();
        }

        private int number(String line) {
            int at = line.indexOf("<" + tag + ".");
            int end = line.indexOf('@', at);
            return Integer.parseInt(line.substring(at + tag.length() + 2, end));
        }

        private void pump() {
            StringBuilder checks = new StringBuilder();
            while (inFlight < window && next < articles) {
                checks.append("CHECK ").append(messageId(tag, ++next)).append("\r\n");
                inFlight++;
            }
            if (!checks.isEmpty()) {
                transport().write(checks.toString().getBytes(ISO_8859_1));
            }
        }

        private void fail(String why) {
            if (!done.isCalled()) {
                done.errback(new IllegalStateException(why));
            }
            transport().loseConnection();
        }
    }

    /** The reader connection: GROUP, then OVER of the whole group {@code rounds} times. */
    private static final class Reader extends LineReceiver {
        private final String group;
        private final int rounds;
        private final StringBuilder report = new StringBuilder();
        final Deferred<String> done = new Deferred<>();
        private int state;
        private long high;
        private int round;
        private long lines;
        private long started;

        Reader(String group, int rounds) {
            this.group = group;
            this.rounds = rounds;
            setMaxLength(65_536);
        }

        @Override
        protected void lineReceived(byte[] bytes) {
            switch (state) {
                case 0 -> {
                    state = 1;
                    sendLine("MODE READER");
                }
                case 1 -> {
                    state = 2;
                    sendLine("GROUP " + group);
                }
                case 2 -> {
                    String[] parts = new String(bytes, ISO_8859_1).split(" ");
                    if (!parts[0].equals("211")) {
                        done.errback(new IllegalStateException("GROUP: " + String.join(" ", parts)));
                        transport().loseConnection();
                        return;
                    }
                    high = Long.parseLong(parts[3]);
                    state = 3;
                    over();
                }
                case 3 -> {
                    if (bytes.length < 3 || bytes[0] != '2') {
                        done.errback(new IllegalStateException("OVER: " + new String(bytes, ISO_8859_1)));
                        transport().loseConnection();
                        return;
                    }
                    state = 4;
                }
                default -> {
                    if (bytes.length == 1 && bytes[0] == '.') {
                        double seconds = (System.nanoTime() - started) / 1e9;
                        report.append(String.format("phase=over repeat=%d lines=%d seconds=%.3f per_s=%.0f%n", round,
                                lines, seconds, lines / seconds));
                        if (round == rounds) {
                            done.callback(report.toString());
                            sendLine("QUIT");
                        } else {
                            over();
                        }
                    } else {
                        lines++;
                    }
                }
            }
        }

        private void over() {
            round++;
            lines = 0;
            state = 3;
            started = System.nanoTime();
            sendLine("OVER 1-" + high);
        }
    }

    /**
     * Runs the load and prints its lines.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        int transitPort = 0;
        int readerPort = 0;
        String name = "server";
        String group = "bench.test";
        int articles = 50_000;
        int window = 64;
        int overRounds = 0;
        String tag = Long.toString(System.currentTimeMillis(), 36);
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--transit-port" -> transitPort = Integer.parseInt(value);
                case "--reader-port" -> readerPort = Integer.parseInt(value);
                case "--name" -> name = value;
                case "--group" -> group = value;
                case "--articles" -> articles = Integer.parseInt(value);
                case "--window" -> window = Integer.parseInt(value);
                case "--over-rounds" -> overRounds = Integer.parseInt(value);
                case "--tag" -> tag = value;
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        NioReactor reactor = new NioReactor();
        String label = "news-load server=" + name + " ";
        int readers = readerPort == 0 ? transitPort : readerPort;
        int rounds = overRounds;
        int count = articles;
        int transit = transitPort;
        String groupName = group;
        Streamer streamer = new Streamer(group, tag + "." + name, articles, window);
        int[] status = {1};
        reactor.callWhenRunning(() -> {
            Deferred<?> all = count == 0 ? Deferred.succeed(null)
                    : connect(reactor, transit, streamer).addCallbackDeferred(ignored -> streamer.done)
                            .addCallback(line -> {
                                System.out.println(label + line);
                                return null;
                            });
            if (rounds > 0) {
                Reader reader = new Reader(groupName, rounds);
                all = all.addCallbackDeferred(ignored -> connect(reactor, readers, reader))
                        .addCallbackDeferred(ignored -> reader.done)
                        .addCallback(text -> {
                            text.lines().forEach(line -> System.out.println(label + line));
                            return null;
                        });
            }
            all.addCallbacks(ignored -> {
                status[0] = 0;
                reactor.stop();
                return null;
            }, failure -> {
                System.err.println("news-load failed: " + failure.getErrorMessage());
                reactor.stop();
                return null;
            });
        });
        reactor.run();
        System.exit(status[0]);
    }

    private static Deferred<?> connect(NioReactor reactor, int port, LineReceiver protocol) {
        return Endpoints.connectProtocol(Endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=" + port
                + ":timeout=10"), protocol);
    }
}
