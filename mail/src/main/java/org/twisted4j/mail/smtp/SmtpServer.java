package org.twisted4j.mail.smtp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.Anonymous;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.logger.Logger;
import org.twisted4j.protocols.policies.IdleTimeout;

/**
 * The ESMTP server protocol (RFC 5321), as Twisted's {@code ESMTP}: one connection's commands, answered in order,
 * with mail handed to a {@link MessageDelivery}. Made by an {@link SmtpServerFactory}, which holds its settings.
 *
 * <h2>What it offers</h2>
 * After EHLO: PIPELINING, 8BITMIME, SMTPUTF8, ENHANCEDSTATUSCODES, SIZE, CHUNKING (BDAT), HELP, STARTTLS when
 * the factory has TLS options (and TLS has not started), AUTH PLAIN LOGIN CRAM-MD5 when it has a portal (PLAIN and
 * LOGIN only under TLS unless allowed). Commands: HELO, EHLO, MAIL, RCPT, DATA, BDAT, RSET, NOOP, QUIT, VRFY (252),
 * HELP, STARTTLS, AUTH. Enhanced status codes are in the replies after EHLO.
 *
 * <h2>Order</h2>
 * Replies go out strictly in the order of the commands, also when the delivery answers later: while a Deferred
 * of the delivery or the portal is pending, the input after the command waits, and is read once it fires.
 *
 * <h2>Bad input</h2>
 * A syntax error is a 5xx reply and the connection goes on; after {@value #MAX_ERRORS} of them the server says
 * 421 and closes. A line over {@link SmtpServerFactory#MAX_LINE_LENGTH} octets is discarded as it comes (never
 * buffered whole) and answered 500 5.5.2 (in DATA: the message is refused with it at the end). Commands may end in
 * a bare LF; in DATA only CRLF ends a line, so {@code LF.LF} or {@code LF.CRLF} never ends the data, and a bare LF
 * or a NUL in the data makes the message refused (554 5.6.0) once its end comes, to shut out SMTP smuggling.
 * Octets after STARTTLS in the same packet are a protocol error: 554 5.5.1 and the connection is closed.
 *
 * <p>Threading: reactor thread only.
 */
public final class SmtpServer extends Protocol {

    /** Syntax and sequence errors tolerated on one connection before 421. */
    public static final int MAX_ERRORS = 20;
    /** How much input may wait while a delivery Deferred is pending before reading pauses. */
    static final int MAX_WAITING_INPUT = 64 * 1024;

    private static final Logger log = new Logger("smtp");

    enum Mode { COMMAND, DATA, BDAT, AUTH, CLOSED }

    final SmtpServerFactory config;
    private final InputBuffer input = new InputBuffer();
    private @Nullable IdleTimeout idle;
    Mode mode = Mode.COMMAND;
    private boolean busy;
    private boolean processing;
    private boolean discarding;
    private boolean paused;
    private int errors;

    @Nullable Helo helo;
    boolean tls;
    @Nullable MessageDelivery delivery;
    @Nullable LoginResult login;
    final ServerAuth auth = new ServerAuth(this);
    private final Transaction transaction = new Transaction(this);

    /**
     * Makes the protocol; {@link SmtpServerFactory#buildProtocol} calls this.
     *
     * @param config the factory with the settings
     */
    public SmtpServer(SmtpServerFactory config) {
        this.config = config;
        this.delivery = config.delivery();
    }

    @Override
    public void connectionMade() {
        if (config.timeout() > 0) {
            idle = new IdleTimeout(config.clock(), this::timedOut);
            idle.setTimeout(config.timeout());
        }
        sendRaw("220 " + config.hostName() + " ESMTP twisted4j ready");
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (mode == Mode.CLOSED) {
            return;
        }
        if (idle != null) {
            idle.resetTimeout();
        }
        input.append(data);
        if (busy && input.size() > MAX_WAITING_INPUT && !paused) {
            paused = true;
            transport().pauseProducing();
        }
        process();
    }

    @Override
    public void connectionLost(Failure reason) {
        mode = Mode.CLOSED;
        if (idle != null) {
            idle.cancel();
        }
        transaction.abandon();
        logout();
    }

    /** Reads what has arrived, as far as no Deferred is pending. */
    private void process() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            while (!busy && mode != Mode.CLOSED && input.size() > 0) {
                if (mode == Mode.BDAT) {
                    transaction.chunkBytes(input);
                    continue;
                }
                int lf = input.indexOfLf();
                if (lf < 0) {
                    if (input.size() >= SmtpServerFactory.MAX_LINE_LENGTH) {
                        input.clear();
                        discarding = true;
                    }
                    break;
                }
                byte[] raw = input.take(lf + 1);
                if (discarding || raw.length > SmtpServerFactory.MAX_LINE_LENGTH) {
                    discarding = false;
                    lineTooLong();
                    continue;
                }
                boolean crlf = raw.length >= 2 && raw[raw.length - 2] == '\r';
                byte[] line = java.util.Arrays.copyOf(raw, raw.length - (crlf ? 2 : 1));
                switch (mode) {
                    case DATA -> transaction.dataLine(line, crlf);
                    case AUTH -> auth.response(line);
                    default -> command(line);
                }
            }
            if (paused && !busy && mode != Mode.CLOSED) {
                paused = false;
                transport().resumeProducing();
            }
        } finally {
            processing = false;
        }
    }

    private void lineTooLong() {
        if (mode == Mode.DATA) {
            transaction.refuse(500, "5.5.2", "Line too long");
        } else {
            if (mode == Mode.AUTH) {
                mode = Mode.COMMAND;
            }
            error(500, "5.5.2", "Line too long");
        }
    }

    /** Waits for {@code deferred} before reading on; {@code then} runs when it fires, with its result. */
    <T> void await(Deferred<T> deferred, java.util.function.Consumer<T> onResult,
            java.util.function.Consumer<Throwable> onError) {
        busy = true;
        deferred.addCallbacks(result -> {
            busy = false;
            if (mode != Mode.CLOSED) {
                onResult.accept(result);
                process();
            }
            return null;
        }, failure -> {
            busy = false;
            if (mode != Mode.CLOSED) {
                onError.accept(failure.value());
                process();
            }
            return null;
        });
    }

    private void command(byte[] line) {
        SmtpCommand command;
        try {
            command = SmtpCommand.parse(line);
        } catch (SmtpSyntaxException e) {
            error(e.code(), e.enhancedCode(), e.getMessage());
            return;
        }
        String arg = command.argument();
        switch (command.verb()) {
            case "HELO" -> greet(arg, false);
            case "EHLO" -> greet(arg, true);
            case "MAIL" -> transaction.mail(arg);
            case "RCPT" -> transaction.rcpt(arg);
            case "DATA" -> transaction.data(arg);
            case "BDAT" -> transaction.bdat(arg);
            case "RSET" -> {
                transaction.reset();
                reply(250, "2.0.0", "OK");
            }
            case "NOOP" -> reply(250, "2.0.0", "OK");
            case "QUIT" -> {
                reply(221, "2.0.0", config.hostName() + " closing connection");
                mode = Mode.CLOSED;
                transaction.abandon();
                transport().loseConnection();
            }
            case "VRFY" -> reply(252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery");
            case "HELP" -> reply(214, "2.0.0", "Commands: HELO EHLO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP"
                    + (canStartTls() ? " STARTTLS" : "") + (config.portal() != null ? " AUTH" : ""));
            case "STARTTLS" -> startTls(arg);
            case "AUTH" -> auth.start(arg);
            default -> error(500, "5.5.1", "Command not recognized");
        }
    }

    private void greet(String name, boolean extended) {
        if (name.isBlank()) {
            error(501, "5.5.4", "Syntax: " + (extended ? "EHLO" : "HELO") + " hostname");
            return;
        }
        transaction.reset();
        helo = new Helo(name.strip(), peerHost(), extended, config.hostName());
        String hello = config.hostName() + " Hello " + name.strip() + ", nice to meet you";
        if (!extended) {
            sendRaw("250 " + hello);
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(hello);
        lines.add("PIPELINING");
        lines.add("8BITMIME");
        lines.add("SMTPUTF8");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("SIZE " + config.maxMessageSize());
        lines.add("CHUNKING");
        if (canStartTls()) {
            lines.add("STARTTLS");
        }
        String mechanisms = auth.mechanisms();
        if (!mechanisms.isEmpty() && !auth.authenticated()) {
            lines.add("AUTH " + mechanisms);
        }
        lines.add("HELP");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append("250").append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i)).append("\r\n");
        }
        write(out.toString());
    }

    private boolean canStartTls() {
        return config.tlsOptions() != null && !tls && transport() instanceof TlsUpgradable;
    }

    private void startTls(String arg) {
        if (tls) {
            error(503, "5.5.1", "TLS already active");
        } else if (!canStartTls()) {
            reply(454, "4.7.0", "TLS not available");
        } else if (!arg.isEmpty()) {
            error(501, "5.5.4", "Syntax: STARTTLS");
        } else if (input.size() > 0) {
            // RFC 3207 §4.2: nothing may follow STARTTLS before the handshake; octets here would be read as if
            // they came under TLS (the STARTTLS command injection of CVE-2011-0411).
            reply(554, "5.5.1", "Command pipelined after STARTTLS");
            close();
        } else {
            reply(220, "2.0.0", "Ready to start TLS");
            ((TlsUpgradable) transport()).startTLS(java.util.Objects.requireNonNull(config.tlsOptions()), false);
            tls = true;
            helo = null;
            transaction.reset();
            logout();
            delivery = config.delivery();
        }
    }

    /** Ends the login, if any: the avatar's logout runs and the anonymous delivery is back. */
    void logout() {
        LoginResult current = login;
        login = null;
        if (current != null) {
            current.logout().run();
        }
    }

    /** Returns the delivery for a transaction: logged in, the factory's, or the portal's anonymous avatar. */
    Deferred<MessageDelivery> delivery() {
        if (delivery != null) {
            return Deferred.succeed(delivery);
        }
        Portal portal = config.portal();
        if (portal == null) {
            return Deferred.fail(new SmtpRejection(451, "4.3.0", "No delivery configured"));
        }
        return portal.login(Anonymous.INSTANCE, null, MessageDelivery.class).addCallbacks(result -> {
            login = result;
            delivery = result.avatar(MessageDelivery.class);
            return delivery;
        }, failure -> {
            throw new SmtpRejection(530, "5.7.0", "Authentication required");
        });
    }

    String protocolName() {
        boolean esmtp = helo != null && helo.extended();
        return (esmtp ? "ESMTP" : "SMTP") + (tls && esmtp ? "S" : "") + (login != null && esmtp && auth.authenticated() ? "A" : "");
    }

    private String peerHost() {
        Address peer = transport().getPeer();
        return switch (peer) {
            case IPv4Address a -> a.host();
            case IPv6Address a -> "IPv6:" + a.host();
            case UNIXAddress a -> "unix";
        };
    }

    private void timedOut() {
        if (mode == Mode.CLOSED) {
            return;
        }
        sendRaw("421 4.4.2 " + config.hostName() + " Timeout exceeded, closing connection");
        close();
    }

    /** Closes the connection, dropping the transaction. */
    void close() {
        mode = Mode.CLOSED;
        transaction.abandon();
        input.clear();
        transport().loseConnection();
    }

    /** Answers a syntax or sequence error, closing after too many of them. */
    void error(int code, String enhanced, String text) {
        reply(code, enhanced, text);
        if (++errors >= MAX_ERRORS) {
            log.info("closing the connection of {peer} after {count} errors", "peer", peerHost(), "count", errors);
            sendRaw("421 4.7.0 " + config.hostName() + " Too many errors, closing connection");
            close();
        }
    }

    /** Answers a delivery's failure: its rejection, or 451 and a log line. */
    void failed(Throwable error, String what) {
        if (error instanceof SmtpRejection rejection) {
            reply(rejection.code(), rejection.enhancedCode(), rejection.getMessage());
        } else {
            log.warn("{what} failed: {error}", "what", what, "error", String.valueOf(error));
            reply(451, "4.3.0", "Requested action aborted: local error in processing");
        }
    }

    /** Sends a one-line reply, with the enhanced code after EHLO. */
    void reply(int code, String enhanced, String text) {
        boolean enhancedCodes = helo != null && helo.extended() && !enhanced.isEmpty();
        sendRaw(code + " " + (enhancedCodes ? enhanced + " " : "") + text);
    }

    void sendRaw(String line) {
        write(line + "\r\n");
    }

    private void write(String text) {
        if (mode != Mode.CLOSED) {
            transport().write(ByteBuffer.wrap(text.getBytes(UTF_8)));
        }
    }

    /** The parameters of MAIL this server knows. */
    static boolean knownMailParameter(Map.Entry<String, String> parameter) {
        return switch (parameter.getKey()) {
            case "SIZE", "BODY", "SMTPUTF8", "AUTH" -> true;
            default -> false;
        };
    }
}
