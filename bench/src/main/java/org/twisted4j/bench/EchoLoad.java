package org.twisted4j.bench;

import java.io.IOException;

/**
 * A load generator for TCP echo servers on 127.0.0.1: runs each chosen scenario against the server and
 * prints one machine-readable line per scenario ({@code echo-load scenario=NAME rate=... unit=...
 * verified=true ...}, see {@link ScenarioResult}). bench/echo-vs-netty.sh runs it against twisted4j's and
 * Netty's echo servers in turn.
 *
 * <p>Scenarios:
 * <ul>
 *   <li>{@code small}: {@code --connections} connections, each sending a {@code --size}-byte message and
 *       waiting for its echo before the next (request/response); messages per second, round-trip
 *       percentiles. See {@link MessageLoad}.
 *   <li>{@code pipelined}: the same with {@code --window} messages in flight per connection.
 *   <li>{@code bulk}: one connection streaming and reading back at once; bytes per second, byte count and
 *       CRC32C checked. See {@link BulkLoad}.
 * </ul>
 * Each scenario warms up for {@code --warmup} seconds, measures for {@code --duration} seconds, then waits
 * at most {@link LoadOptions#DRAIN_SECONDS} for the last echoes. Each line reports the CPU share of the
 * load generator and of every other process over the measured span ({@code load_cpu}, {@code others_cpu})
 * and, with {@code --server-pid}, the server's ({@code server_cpu}) and the work it did per CPU second
 * ({@code per_server_cpu_second}); see {@link MeasurementWindow}.
 *
 * <p>With {@code --tls CERT_PEM}, every connection is TLS 1.3 through the JDK's {@code SSLEngine}
 * ({@link EchoLink}), offering the one cipher suite {@code --tls-cipher}; the line says what was agreed
 * ({@code tls=}) and the figures count plaintext.
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.EchoLoad --port 9000 --scenarios small,bulk}.
 */
public final class EchoLoad {

    private EchoLoad() {
    }

    /**
     * Runs the scenarios; exits with status 1 if any echo was not verified, 2 on bad arguments.
     *
     * @param args options, see {@link LoadOptions#USAGE}
     * @throws IOException if a connection cannot be made or fails during a run
     */
    public static void main(String[] args) throws IOException {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        boolean allVerified = true;
        for (String scenario : options.scenarios()) {
            ScenarioResult result = switch (scenario) {
                case "small" -> new MessageLoad("small", options, 1).run();
                case "pipelined" -> new MessageLoad("pipelined", options, options.window()).run();
                default -> new BulkLoad(options).run();
            };
            System.out.println(result);
            allVerified &= result.verified();
        }
        if (!allVerified) {
            System.err.println("Some echoes did not come back exactly as sent: see verified= above.");
            System.exit(1);
        }
    }
}
