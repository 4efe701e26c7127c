package org.twisted4j.examples;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entry point behind {@code bin/run-example}: maps each example's name to its class and runs it with
 * the remaining arguments; with no name, or an unknown one, lists the examples.
 */
public final class RunExample {

    /** One runnable example: its one-line description and its {@code main}. */
    private record Example(String description, Main main) {
    }

    /** An example's {@code main} method. */
    @FunctionalInterface
    private interface Main {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Example> EXAMPLES = new TreeMap<>(Map.ofEntries(
            Map.entry("amp-server", new Example(
                    "[ENDPOINT] an AMP server answering Sum and Divide (ZERO_DIVISION on 0)", AmpServer::main)),
            Map.entry("amp-client", new Example(
                    "[ENDPOINT] calls Sum(13, 81) and Divide(1234, 0) on an AMP server, prints both",
                    AmpClient::main)),
            Map.entry("deferred-chain", new Example(
                    "a Deferred chain: callbacks, an inner Deferred, an error recovered by an errback",
                    DeferredChain::main)),
            Map.entry("echo-server", new Example(
                    "[ENDPOINT] sends every connection back what it sends", EchoServer::main)),
            Map.entry("echo-client", new Example(
                    "[ENDPOINT [WORDS...]] sends a line to an echo server, prints the echo",
                    EchoClient::main)),
            Map.entry("chat-server", new Example("[ENDPOINT] asks each client's name, passes each line to the others",
                    ChatServer::main)),
            Map.entry("finger-server", new Example(
                    "[ENDPOINT [USER=STATUS...]] answers a user name with that user's status",
                    FingerServer::main)),
            Map.entry("starttls-server", new Example(
                    "[ENDPOINT [CERT_PEM KEY_PEM]] echoes lines in TLS after a STARTTLS line",
                    StartTlsServer::main)),
            Map.entry("starttls-client", new Example(
                    "[ENDPOINT [CA_PEM [NAME [WORDS...]]]] STARTTLS, one line, prints the echo",
                    StartTlsClient::main)),
            Map.entry("imap-client", new Example(
                    "[ENDPOINT [USER [PASSWORD [MAILBOX]]]] lists a mailbox over IMAP, then prints what IDLE tells",
                    ImapClient::main)),
            Map.entry("pb-server", new Example(
                    "[ENDPOINT] a Perspective Broker root: echo, add, a copied pond, a cached scoreboard",
                    PBServer::main)),
            Map.entry("pb-client", new Example("[ENDPOINT] calls pb-server's root and prints the answers",
                    PBClient::main)),
            Map.entry("pb-login-server", new Example(
                    "[ENDPOINT [USER=PASSWORD...]] PB behind a password login, one avatar per user",
                    PBLoginServer::main)),
            Map.entry("pb-login-client", new Example("[ENDPOINT [USER [PASSWORD]]] logs in to a PB server, asks whoami",
                    PBLoginClient::main)),
            Map.entry("irc-bot", new Example("[ENDPOINT [CHANNEL [NICK [LOGFILE]]]] joins a channel, answers !echo and "
                    + "!time, logs the channel to a file", IrcBot::main)),
            Map.entry("udp-echo", new Example("[PORT] sends every UDP datagram back to its sender", UdpEcho::main)),
            Map.entry("process-demo", new Example(
                    "[DIRECTORY] spawns ls and prints what it read", ProcessDemo::main)),
            Map.entry("web-auth", new Example(
                    "[ENDPOINT] pages for alice and bob behind HTTP Basic and Digest authentication", WebAuth::main)),
            Map.entry("web-hello", new Example(
                    "[ENDPOINT] a web server answering every GET with Hello, World!", WebHello::main)),
            Map.entry("adbapi-guestbook", new Example("[ENDPOINT] [--db JDBC-URL [--user U] [--password P]] a guestbook"
                    + " on a database (embedded H2 in ./guestbook-db unless --db says otherwise)", AdbapiGuestbook::main)),
            Map.entry("web-counter", new Example("[ENDPOINT] a web page that counts its requests", WebCounter::main)),
            Map.entry("web-extended", new Example(
                    "[ENDPOINT [HTDOCS [CGI_BIN [DOCS]]]] files, Perl scripts, /cgi-bin/, /docs/",
                    WebExtended::main))));

    private RunExample() {
    }

    /**
     * Runs the example named by {@code args[0]} with the remaining arguments.
     *
     * @param args the example's name, then its arguments
     * @throws Exception whatever the example throws
     */
    public static void main(String[] args) throws Exception {
        Example example = args.length == 0 ? null : EXAMPLES.get(args[0]);
        if (example == null) {
            if (args.length > 0) {
                System.err.println("No example named '" + args[0] + "'.");
            }
            System.err.println("Usage: bin/run-example NAME [ARGS...], where NAME is one of:");
            EXAMPLES.forEach((name, e) -> System.err.printf("  %-16s %s%n", name, e.description()));
            System.exit(2);
            return;
        }
        example.main().run(Arrays.copyOfRange(args, 1, args.length));
    }
}
