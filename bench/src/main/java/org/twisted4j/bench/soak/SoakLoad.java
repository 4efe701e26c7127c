package org.twisted4j.bench.soak;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The loopback clients of {@code bench/soak.sh}: runs one phase against the server for a given time and prints
 * one line of counts. Every loop is bounded in time and count, every read has a timeout, and the program exits
 * by itself at most {@link Phase#GRACE_NANOS} after the phase's time (a loop still running then is counted as
 * stuck).
 *
 * <table>
 *   <caption>Phases</caption>
 *   <tr><th>phase</th><th>what it does</th></tr>
 *   <tr><td>{@code h1}</td><td>{@link H1Load}: HTTP/1.1 keep-alive and pipelined requests, byte ranges, CGI</td></tr>
 *   <tr><td>{@code upload}</td><td>{@link UploadLoad}: 50 MiB uploads to the CGI script, checked by MD5</td></tr>
 *   <tr><td>{@code abuse}</td><td>{@link AbuseLoad}: slow-loris clients and clients vanishing mid-request and
 *       mid-response</td></tr>
 *   <tr><td>{@code vanish}</td><td>the same without the slow-loris clients (whose every wave lasts as long as
 *       the server's head timeout)</td></tr>
 *   <tr><td>{@code ws}</td><td>{@link WsLoad}: WebSocket echo, with and without permessage-deflate</td></tr>
 * </table>
 *
 * <p>Prints {@code soak-load phase=NAME seconds=S problems=N kind=count...}: {@code problems} is the number of
 * 5xx responses and unexpected errors ({@code status_5xx} and the {@code error_*} kinds); then, on standard
 * error, a few examples of each. Exits 0 whatever the counts (the caller judges them), 2 for a bad command line.
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.soak.SoakLoad PHASE SECONDS TCP_PORT TLS_PORT CERT WWW [SEED]}.
 */
public final class SoakLoad {

    private static final String USAGE =
            "Usage: SoakLoad h1|upload|abuse|vanish|ws SECONDS TCP_PORT TLS_PORT CERT.pem WWW_DIR [SEED]";

    private SoakLoad() {
    }

    /**
     * Runs one phase.
     *
     * @param args the phase, its seconds, the plain and TLS ports on 127.0.0.1, the server's certificate, the
     *     served directory, and optionally the random seed
     * @throws Exception if the certificate or the files cannot be read
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 6 || args.length > 7) {
            System.err.println(USAGE);
            System.exit(2);
        }
        String name = args[0];
        double seconds = Double.parseDouble(args[1]);
        Target target = Target.of(Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]),
                Path.of(args[5]));
        long seed = args.length > 6 ? Long.parseLong(args[6]) : System.nanoTime();
        Tally tally = new Tally();
        Phase phase = switch (name) {
            case "h1" -> new H1Load(target, tally, seconds);
            case "upload" -> new UploadLoad(target, tally, seconds);
            case "abuse" -> new AbuseLoad(target, tally, seconds, true);
            case "vanish" -> new AbuseLoad(target, tally, seconds, false);
            case "ws" -> new WsLoad(target, tally, seconds);
            default -> {
                System.err.println("Unknown phase " + name + ". " + USAGE);
                System.exit(2);
                throw new IllegalStateException();
            }
        };
        long start = System.nanoTime();
        phase.run(seed);
        double took = (System.nanoTime() - start) / 1e9;
        System.out.println(String.format(Locale.ROOT, "soak-load phase=%s seconds=%.1f problems=%d %s", name, took,
                tally.problems(), tally.fields()));
        System.out.flush();
        String examples = tally.examples();
        if (!examples.isEmpty()) {
            System.err.print(examples.lines().map(line -> "  " + name + " " + line + "\n")
                    .reduce("", String::concat));
        }
        System.exit(0);
    }
}
