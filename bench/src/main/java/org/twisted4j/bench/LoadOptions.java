package org.twisted4j.bench;

import java.nio.file.Path;
import java.util.List;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.ClientTlsOptions;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.internet.ssl.TlsVersion;
import org.twisted4j.internet.ssl.TrustRoot;

/**
 * The settings of one {@link EchoLoad} run, parsed from {@code --name value} arguments; every setting has
 * a default and a bound, so a run always ends by itself.
 *
 * @param port the echo server's port on 127.0.0.1 (required)
 * @param scenarios which scenarios to run, in order: {@code small}, {@code pipelined}, {@code bulk}
 * @param connections connections of the small and pipelined scenarios (default 100)
 * @param messageSize bytes per message of those scenarios (default 64)
 * @param window messages in flight per connection in the pipelined scenario (default 16; small uses 1)
 * @param warmupSeconds load before measuring, per scenario (default 3)
 * @param durationSeconds measured load, per scenario (default 10)
 * @param bulkMaxBytes the bulk scenario stops sending at this many bytes even if time remains (default 64 GiB)
 * @param chunkSize bytes per write in the bulk scenario (default 64 KiB)
 * @param serverPid the server's process id, to report its CPU use; 0 if not known
 * @param tlsTrust the PEM file of the certificate to trust when the scenarios speak TLS (name checked:
 *     {@code localhost}); empty for plain TCP
 * @param tlsCipher the one TLS 1.3 cipher suite the client offers, so that every server agrees on the same
 *     (default {@value #DEFAULT_TLS_CIPHER})
 */
record LoadOptions(int port, List<String> scenarios, int connections, int messageSize, int window,
                   double warmupSeconds, double durationSeconds, long bulkMaxBytes, int chunkSize,
                   long serverPid, String tlsTrust, String tlsCipher) {

    /** The cipher suite a TLS run offers unless told otherwise: the one most TLS 1.3 clients put first. */
    static final String DEFAULT_TLS_CIPHER = "TLS_AES_128_GCM_SHA256";

    /** Seconds a scenario waits, after it stops sending, for the last echoes before it calls the run failed. */
    static final double DRAIN_SECONDS = 10;

    static final String USAGE = """
            Usage: EchoLoad --port PORT [--scenarios small,pipelined,bulk] [--connections 100] [--size 64]
                            [--window 16] [--warmup 3] [--duration 10] [--bulk-max-bytes 68719476736]
                            [--chunk 65536] [--server-pid PID] [--tls CERT_PEM]
                            [--tls-cipher TLS_AES_128_GCM_SHA256]""";

    /**
     * Parses the arguments.
     *
     * @param args {@code --name value} pairs
     * @return the options
     * @throws IllegalArgumentException if an argument is unknown, missing its value, malformed or out of bounds
     */
    static LoadOptions parse(String[] args) {
        int port = -1;
        List<String> scenarios = List.of("small", "pipelined", "bulk");
        int connections = 100;
        int size = 64;
        int window = 16;
        double warmup = 3;
        double duration = 10;
        long bulkMax = 64L << 30;
        int chunk = 1 << 16;
        long serverPid = 0;
        String tlsTrust = "";
        String tlsCipher = DEFAULT_TLS_CIPHER;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--port" -> port = bounded(args[i], Integer.parseInt(value), 1, 65_535);
                case "--scenarios" -> scenarios = List.of(value.split(","));
                case "--connections" -> connections = bounded(args[i], Integer.parseInt(value), 1, 10_000);
                case "--size" -> size = bounded(args[i], Integer.parseInt(value), 1, 65_536);
                case "--window" -> window = bounded(args[i], Integer.parseInt(value), 1, 1024);
                case "--warmup" -> warmup = bounded(args[i], Double.parseDouble(value), 0.0, 600.0);
                case "--duration" -> duration = bounded(args[i], Double.parseDouble(value), 0.1, 600.0);
                case "--bulk-max-bytes" -> bulkMax = Long.parseLong(value);
                case "--chunk" -> chunk = bounded(args[i], Integer.parseInt(value), 1, StreamPattern.MAX_SLICE);
                case "--server-pid" -> serverPid = Long.parseLong(value);
                case "--tls" -> tlsTrust = value;
                case "--tls-cipher" -> tlsCipher = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port < 0) {
            throw new IllegalArgumentException("--port is required");
        }
        for (String s : scenarios) {
            if (!List.of("small", "pipelined", "bulk").contains(s)) {
                throw new IllegalArgumentException("unknown scenario '" + s + "' (small, pipelined, bulk)");
            }
        }
        if ((long) size * window > StreamPattern.MAX_SLICE) {
            throw new IllegalArgumentException("--size times --window must be at most " + StreamPattern.MAX_SLICE);
        }
        return new LoadOptions(port, scenarios, connections, size, window, warmup, duration, bulkMax, chunk,
                serverPid, tlsTrust, tlsCipher);
    }

    private static <T extends Comparable<T>> T bounded(String name, T value, T min, T max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " " + value + " not in [" + min + ", " + max + "]");
        }
        return value;
    }

    /**
     * Returns the client options of a TLS run: TLS 1.3 only, offering only {@link #tlsCipher()}, trusting the
     * certificate in {@link #tlsTrust()} for the name {@code localhost}.
     *
     * @throws IllegalStateException if this run is not TLS
     */
    TlsOptions tlsOptions() {
        if (tlsTrust.isEmpty()) {
            throw new IllegalStateException("not a TLS run");
        }
        return ClientTlsOptions.of("localhost", CertificateOptions.builder().useClientMode(true)
                .trustRoot(TrustRoot.fromPem(Path.of(tlsTrust))).minimumVersion(TlsVersion.TLSv1_3)
                .cipherSuites(List.of(tlsCipher)).build());
    }
}
