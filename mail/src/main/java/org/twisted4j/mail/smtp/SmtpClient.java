package org.twisted4j.mail.smtp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.CramMD5Credentials;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.TlsUpgradable;

/**
 * The ESMTP client protocol, as Twisted's {@code ESMTPSender}: it sends one message, or several one after the
 * other on the same connection (as a relay does for one destination), to their recipients and fires each
 * message's Deferred ({@link #result()}, {@link #results()}) with each recipient's answer.
 * {@link SmtpSender#sendmail} and {@link SmtpSender#sendAll} are the usual ways in.
 *
 * <p>It says EHLO (HELO if refused); starts TLS when offered and it has {@linkplain SmtpSender.Settings#tls TLS
 * options} (failing if {@linkplain SmtpSender.Settings#requireTls required} and not offered), says EHLO again,
 * logs in when it has credentials with the best mechanism offered (CRAM-MD5, then LOGIN, then PLAIN; PLAIN and
 * LOGIN only under TLS unless allowed), declares SIZE when offered, asks for 8BITMIME or SMTPUTF8 when the
 * message or addresses need them, and pipelines MAIL, RCPT and DATA when PIPELINING is offered. The message's
 * lines are sent with CRLF whatever ended them, dot-stuffed.
 *
 * <p>With several messages, a message the server refuses (MAIL, every RCPT, or the DATA reply) fails only its
 * own Deferred; the client says RSET and goes on with the next. A failure of the connection itself (greeting,
 * EHLO, TLS, AUTH, a lost connection) fails every message not yet sent.
 *
 * <p>Threading: reactor thread only.
 */
public final class SmtpClient extends Protocol {

    private enum Step { GREETING, EHLO, HELO, STARTTLS, AUTH, MAIL, RCPT, DATA, BODY, RSET, QUIT, DONE }

    /** One message to send and what became of it. */
    private static final class Outgoing {
        final MailAddress from;
        final List<MailAddress> to;
        /** The message as it goes out after DATA: CRLF line ends, dot-stuffed, with the final ".". */
        final byte[] message;
        final Deferred<SmtpSender.Result> result = new Deferred<>();
        final List<SmtpSender.RecipientResult> recipients = new ArrayList<>();
        boolean mailFailed;

        Outgoing(SmtpSender.Outgoing outgoing) {
            this.from = outgoing.from();
            this.to = outgoing.to();
            this.message = stuffed(outgoing.message());
        }
    }

    private final SmtpSender.Settings settings;
    private final List<Outgoing> messages = new ArrayList<>();
    private int currentIndex;
    private Outgoing current;
    private MailAddress from;
    private List<MailAddress> to;
    private byte[] message;
    private List<SmtpSender.RecipientResult> recipients;
    private final ByteArrayOutputStream lineBuffer = new ByteArrayOutputStream();
    private final List<String> replyLines = new ArrayList<>();
    private final Deque<Object> expected = new ArrayDeque<>();
    private final Set<String> extensions = new HashSet<>();
    private String authMechanisms = "";
    private boolean tls;
    private boolean authenticated;
    private @Nullable String authMechanism;
    private int authStep;
    private boolean mailFailed;
    private boolean finished;

    /**
     * Makes the protocol for one message.
     *
     * @param settings the identity, TLS and credentials
     * @param from the sender
     * @param to the recipients, at least one
     * @param message the message; lines may end in LF or CRLF
     * @throws IllegalArgumentException if there is no recipient
     */
    public SmtpClient(SmtpSender.Settings settings, MailAddress from, List<MailAddress> to, byte[] message) {
        this(settings, List.of(new SmtpSender.Outgoing(from, to, message)));
    }

    /**
     * Makes the protocol for several messages, sent in order on one connection.
     *
     * @param settings the identity, TLS and credentials
     * @param messages the messages, at least one
     * @throws IllegalArgumentException if there is no message
     */
    public SmtpClient(SmtpSender.Settings settings, List<SmtpSender.Outgoing> messages) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("there must be at least one message to send");
        }
        this.settings = settings;
        for (SmtpSender.Outgoing outgoing : messages) {
            this.messages.add(new Outgoing(outgoing));
        }
        this.current = this.messages.get(0);
        this.from = current.from;
        this.to = current.to;
        this.message = current.message;
        this.recipients = current.recipients;
        expected.add(Step.GREETING);
    }

    /**
     * Returns the Deferred of the (first) message's outcome: every recipient's reply, or a failure with an
     * {@link SmtpRejection}.
     */
    public Deferred<SmtpSender.Result> result() {
        return messages.get(0).result;
    }

    /** Returns the Deferreds of every message's outcome, in the order given. */
    public List<Deferred<SmtpSender.Result>> results() {
        return messages.stream().map(m -> m.result).toList();
    }

    /** Moves to the next message: returns false if there is none. */
    private boolean next() {
        if (currentIndex + 1 >= messages.size()) {
            return false;
        }
        currentIndex++;
        current = messages.get(currentIndex);
        from = current.from;
        to = current.to;
        message = current.message;
        recipients = current.recipients;
        mailFailed = false;
        return true;
    }

    /** Fails the current message only, then goes on with the next after RSET, or says QUIT. */
    private void failCurrent(SmtpRejection error) {
        if (!current.result.isCalled()) {
            current.result.errback(error);
        }
        expected.clear();
        if (next()) {
            send("RSET", Step.RSET);
        } else {
            quit();
        }
    }

    private void quit() {
        finished = true;
        expected.clear();
        send("QUIT", Step.QUIT);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        while (data.hasRemaining() && !finished) {
            byte b = data.get();
            if (b != '\n') {
                if (lineBuffer.size() < 4096) {
                    lineBuffer.write(b);
                }
                continue;
            }
            String line = lineBuffer.toString(UTF_8);
            lineBuffer.reset();
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            replyLines.add(line);
            if (line.length() < 3 || line.length() > 3 && line.charAt(3) == '-') {
                if (replyLines.size() > 100) {
                    fail(new SmtpRejection(421, "4.5.0", "Reply too long"));
                }
                continue;
            }
            int code;
            try {
                code = Integer.parseInt(line.substring(0, 3));
            } catch (NumberFormatException e) {
                fail(new SmtpRejection(421, "4.5.0", "Malformed reply: " + line.replaceAll("[\\r\\n]", "")));
                return;
            }
            List<String> lines = List.copyOf(replyLines);
            replyLines.clear();
            reply(code, lines);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        SmtpRejection lost = new SmtpRejection(421, "4.4.2", "Connection lost: " + reason.getErrorMessage()
                .replaceAll("[\\r\\n]", " "));
        for (Outgoing outgoing : messages) {
            if (!outgoing.result.isCalled()) {
                outgoing.result.errback(lost);
            }
        }
    }

    private static String text(List<String> lines) {
        String last = lines.get(lines.size() - 1);
        return last.length() > 4 ? last.substring(4) : "";
    }

    private void reply(int code, List<String> lines) {
        Object step = expected.pollFirst();
        if (step == null) {
            return;
        }
        if (step instanceof MailAddress rcpt) {
            recipients.add(new SmtpSender.RecipientResult(rcpt, code, text(lines)));
            return;
        }
        switch ((Step) step) {
            case GREETING -> {
                if (code != 220) {
                    fail(code, lines);
                    return;
                }
                ehlo();
            }
            case EHLO -> {
                if (code / 100 != 2) {
                    send("HELO " + settings.identity(), Step.HELO);
                    return;
                }
                extensions.clear();
                for (String line : lines.subList(1, lines.size())) {
                    String keyword = line.length() > 4 ? line.substring(4).toUpperCase(Locale.ROOT) : "";
                    extensions.add(keyword.split(" ", 2)[0]);
                    if (keyword.startsWith("AUTH ")) {
                        authMechanisms = keyword.substring(5);
                    }
                }
                afterEhlo();
            }
            case HELO -> {
                if (code / 100 != 2) {
                    fail(code, lines);
                    return;
                }
                afterEhlo();
            }
            case STARTTLS -> {
                if (code != 220) {
                    fail(code, lines);
                    return;
                }
                ((TlsUpgradable) transport()).startTLS(java.util.Objects.requireNonNull(settings.tls()), true);
                tls = true;
                ehlo();
            }
            case AUTH -> auth(code, lines);
            case MAIL -> {
                if (code / 100 != 2) {
                    mailFailed = true;
                    if (!extensions.contains("PIPELINING")) {
                        failCurrent(rejection(code, lines));
                    } else {
                        recipients.add(new SmtpSender.RecipientResult(MailAddress.NULL, code, text(lines)));
                    }
                } else if (!extensions.contains("PIPELINING")) {
                    sendRecipients();
                }
            }
            case DATA -> data(code, lines);
            case BODY -> {
                if (code / 100 != 2) {
                    failCurrent(rejection(code, lines));
                    return;
                }
                Outgoing done = current;
                if (next()) {
                    mail();
                } else {
                    quit();
                }
                long accepted = done.recipients.stream().filter(r -> r.code() / 100 == 2).count();
                done.result.callback(new SmtpSender.Result((int) accepted, List.copyOf(done.recipients)));
            }
            case RSET -> {
                if (code / 100 != 2) {
                    fail(code, lines);
                    return;
                }
                mail();
            }
            case QUIT, DONE, RCPT -> transport().loseConnection();
        }
    }

    private void ehlo() {
        send("EHLO " + settings.identity(), Step.EHLO);
    }

    private void afterEhlo() {
        if (!tls && settings.tls() != null && extensions.contains("STARTTLS") && transport() instanceof TlsUpgradable) {
            send("STARTTLS", Step.STARTTLS);
            return;
        }
        if (!tls && settings.requireTls()) {
            fail(new SmtpRejection(530, "5.7.0", "The server does not offer STARTTLS and TLS is required"));
            return;
        }
        if (settings.username() != null && !authenticated) {
            startAuth();
            return;
        }
        mail();
    }

    private void startAuth() {
        List<String> offered = List.of(authMechanisms.split(" "));
        boolean clearOk = tls || settings.allowClearTextAuth();
        if (offered.contains("CRAM-MD5")) {
            authMechanism = "CRAM-MD5";
            send("AUTH CRAM-MD5", Step.AUTH);
        } else if (clearOk && offered.contains("LOGIN")) {
            authMechanism = "LOGIN";
            send("AUTH LOGIN", Step.AUTH);
        } else if (clearOk && offered.contains("PLAIN")) {
            authMechanism = "PLAIN";
            send("AUTH PLAIN " + b64("\0" + settings.username() + "\0" + settings.password()), Step.AUTH);
        } else {
            fail(new SmtpRejection(530, "5.7.0", "No authentication mechanism offered that can be used: " + authMechanisms));
            return;
        }
        authStep = 0;
    }

    private void auth(int code, List<String> lines) {
        if (code == 235) {
            authenticated = true;
            mail();
            return;
        }
        if (code != 334) {
            fail(code, lines);
            return;
        }
        String challenge = new String(Base64.getDecoder().decode(text(lines).strip()), UTF_8);
        authStep++;
        String answer = switch (String.valueOf(authMechanism)) {
            case "CRAM-MD5" -> settings.username() + " " + CramMD5Credentials.respond(challenge, String.valueOf(settings.password()));
            case "LOGIN" -> authStep == 1 ? String.valueOf(settings.username()) : String.valueOf(settings.password());
            default -> "\0" + settings.username() + "\0" + settings.password();
        };
        send(b64(answer), Step.AUTH);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
    }

    private void mail() {
        StringBuilder command = new StringBuilder("MAIL FROM:").append(from.path());
        if (extensions.contains("SIZE")) {
            // The size of the message as sent (CRLF line ends, dots doubled), without the final ".".
            command.append(" SIZE=").append(message.length - 3);
        }
        if (extensions.contains("8BITMIME") && has8Bit()) {
            command.append(" BODY=8BITMIME");
        }
        boolean utf8 = from.isInternationalized() || to.stream().anyMatch(MailAddress::isInternationalized);
        if (utf8) {
            if (!extensions.contains("SMTPUTF8")) {
                failCurrent(new SmtpRejection(553, "5.6.7", "The server does not offer SMTPUTF8, which the addresses need"));
                return;
            }
            command.append(" SMTPUTF8");
        }
        send(command.toString(), Step.MAIL);
        if (extensions.contains("PIPELINING")) {
            sendRecipients();
        }
    }

    private boolean has8Bit() {
        for (byte b : message) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    private void sendRecipients() {
        for (MailAddress rcpt : to) {
            send("RCPT TO:" + rcpt.path(), rcpt);
        }
        send("DATA", Step.DATA);
    }

    private void data(int code, List<String> lines) {
        if (mailFailed) {
            SmtpSender.RecipientResult mailReply = recipients.get(0);
            failCurrent(new SmtpRejection(clamp(mailReply.code()), "", "MAIL refused: " + mailReply.text()));
            return;
        }
        if (code != 354) {
            if (recipients.stream().noneMatch(r -> r.code() / 100 == 2)) {
                failCurrent(new RecipientsRefused(recipients));
            } else {
                failCurrent(rejection(code, lines));
            }
            return;
        }
        expected.add(Step.BODY);
        transport().write(ByteBuffer.wrap(message));
    }

    /** Returns the message with CRLF line ends, lines starting with '.' doubled, and the final {@code .}. */
    static byte[] stuffed(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64);
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == '\r' && i + 1 < message.length && message[i + 1] == '\n') {
                continue;
            }
            if (lineStart && b == '.') {
                out.write('.');
            }
            if (b == '\n') {
                out.write('\r');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.writeBytes(".\r\n".getBytes(UTF_8));
        return out.toByteArray();
    }

    private void send(String line, Object expectation) {
        expected.add(expectation);
        transport().write(ByteBuffer.wrap((line + "\r\n").getBytes(UTF_8)));
    }

    private static int clamp(int code) {
        return code >= 400 && code <= 599 ? code : 554;
    }

    private static SmtpRejection rejection(int code, List<String> lines) {
        return new SmtpRejection(clamp(code), "", text(lines).replaceAll("[\\r\\n]", " "));
    }

    private void fail(int code, List<String> lines) {
        fail(rejection(code, lines));
    }

    private void fail(SmtpRejection error) {
        finished = true;
        for (Outgoing outgoing : messages) {
            if (!outgoing.result.isCalled()) {
                outgoing.result.errback(error);
            }
        }
        expected.clear();
        expected.add(Step.DONE);
        transport().write(ByteBuffer.wrap("QUIT\r\n".getBytes(UTF_8)));
        transport().loseConnection();
    }
}
