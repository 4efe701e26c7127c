package org.twisted4j.mail.smtp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * One mail transaction of an {@link SmtpServer}: MAIL, RCPT, then DATA or BDAT chunks, and the sinks the message
 * goes to. Package-private; reactor thread only.
 */
final class Transaction {

    private static final byte[] CRLF = {'\r', '\n'};

    private final SmtpServer server;
    private @Nullable MessageDelivery delivery;
    private @Nullable MailAddress from;
    private final List<SmtpUser> recipients = new ArrayList<>();
    private final List<MessageSinkFactory> factories = new ArrayList<>();
    private @Nullable List<MessageSink> sinks;
    private long size;
    private @Nullable SmtpRejection refusal;
    private boolean previousCrlf = true;
    private long chunkLeft;
    private boolean lastChunk;

    Transaction(SmtpServer server) {
        this.server = server;
    }

    void mail(String argument) {
        if (server.helo == null) {
            server.error(503, "5.5.1", "Send HELO or EHLO first");
            return;
        }
        if (from != null) {
            server.error(503, "5.5.1", "Sender already given");
            return;
        }
        SmtpCommand.PathArgument parsed;
        try {
            parsed = SmtpCommand.pathArgument(argument, "FROM:", server.helo.extended());
        } catch (SmtpSyntaxException e) {
            server.error(e.code(), e.enhancedCode(), e.getMessage());
            return;
        }
        Map<String, String> parameters = parsed.parameters();
        if (!server.helo.extended() && !parameters.isEmpty()) {
            server.error(555, "5.5.4", "Parameters need EHLO");
            return;
        }
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (!SmtpServer.knownMailParameter(parameter)) {
                server.error(555, "5.5.4", "Unsupported parameter " + parameter.getKey());
                return;
            }
        }
        String body = parameters.get("BODY");
        if (body != null && !body.equalsIgnoreCase("7BIT") && !body.equalsIgnoreCase("8BITMIME")) {
            server.error(555, "5.5.4", "Unsupported BODY type");
            return;
        }
        if (parameters.containsKey("SMTPUTF8") && !parameters.get("SMTPUTF8").isEmpty()) {
            server.error(555, "5.5.4", "SMTPUTF8 takes no value");
            return;
        }
        String declared = parameters.get("SIZE");
        if (declared != null) {
            if (declared.isEmpty() || declared.length() > 20 || !declared.chars().allMatch(c -> c >= '0' && c <= '9')) {
                server.error(501, "5.5.4", "Bad SIZE value");
                return;
            }
            if (declared.length() > 18 || Long.parseLong(declared) > server.config.maxMessageSize()) {
                server.reply(552, "5.3.4", "Message size exceeds fixed maximum message size");
                return;
            }
        }
        Helo helo = server.helo;
        MailAddress origin = parsed.address();
        server.await(server.delivery().addCallbackDeferred(d -> {
            delivery = d;
            return d.validateFrom(helo, origin);
        }), accepted -> {
            from = accepted;
            server.reply(250, "2.1.0", "Sender " + origin.path() + " OK");
        }, error -> {
            delivery = null;
            server.failed(error, "validateFrom");
        });
    }

    void rcpt(String argument) {
        MailAddress sender = from;
        MessageDelivery d = delivery;
        if (sender == null || d == null || server.helo == null) {
            server.error(503, "5.5.1", "Need MAIL before RCPT");
            return;
        }
        SmtpCommand.PathArgument parsed;
        try {
            parsed = SmtpCommand.pathArgument(argument, "TO:", server.helo.extended());
        } catch (SmtpSyntaxException e) {
            server.error(e.code(), e.enhancedCode(), e.getMessage());
            return;
        }
        if (!parsed.parameters().isEmpty()) {
            server.error(555, "5.5.4", "Unsupported parameter " + parsed.parameters().keySet().iterator().next());
            return;
        }
        if (parsed.address().isNull()) {
            server.error(553, "5.1.3", "Null recipient");
            return;
        }
        if (recipients.size() >= server.config.maxRecipients()) {
            server.reply(452, "4.5.3", "Too many recipients");
            return;
        }
        SmtpUser user = new SmtpUser(parsed.address(), server.helo, sender, server.protocolName());
        server.await(d.validateTo(user), factory -> {
            recipients.add(user);
            factories.add(factory);
            server.reply(250, "2.1.5", "Recipient " + user.dest().path() + " OK");
        }, error -> server.failed(error, "validateTo"));
    }

    private boolean readyForData() {
        if (from == null || recipients.isEmpty()) {
            server.error(503, "5.5.1", from == null ? "Need MAIL command" : "Need RCPT command");
            return false;
        }
        return true;
    }

    void data(String argument) {
        if (!argument.isEmpty()) {
            server.error(501, "5.5.4", "Syntax: DATA");
            return;
        }
        if (sinks != null) {
            server.error(503, "5.5.1", "DATA after BDAT");
            return;
        }
        if (!readyForData()) {
            return;
        }
        openSinks();
        previousCrlf = true;
        server.mode = SmtpServer.Mode.DATA;
        server.sendRaw("354 Start mail input; end with <CRLF>.<CRLF>");
    }

    private void openSinks() {
        List<MessageSink> opened = new ArrayList<>();
        for (MessageSinkFactory factory : factories) {
            opened.add(factory.newSink());
        }
        sinks = opened;
        size = 0;
        refusal = null;
        String header = delivery == null ? null
                : delivery.receivedHeader(java.util.Objects.requireNonNull(server.helo), java.util.Objects.requireNonNull(from),
                        List.copyOf(recipients));
        if (header != null) {
            byte[] bytes = (header + "\r\n").getBytes(UTF_8);
            for (MessageSink sink : opened) {
                sink.write(bytes.clone());
            }
        }
    }

    /** A line of DATA, without its line end; {@code crlf} says whether that was CRLF or a bare LF. */
    void dataLine(byte[] line, boolean crlf) {
        if (crlf && previousCrlf && line.length == 1 && line[0] == '.') {
            server.mode = SmtpServer.Mode.COMMAND;
            endOfMessage();
            return;
        }
        previousCrlf = crlf;
        if (!crlf) {
            refuse(554, "5.6.0", "Message contains a bare LF; lines end with CRLF");
        }
        for (byte b : line) {
            if (b == 0) {
                refuse(554, "5.6.0", "Message contains NUL");
                break;
            }
        }
        int offset = line.length > 0 && line[0] == '.' ? 1 : 0;
        byte[] out = new byte[line.length - offset + 2];
        System.arraycopy(line, offset, out, 0, line.length - offset);
        System.arraycopy(CRLF, 0, out, out.length - 2, 2);
        feed(out);
    }

    private void feed(byte[] bytes) {
        size += bytes.length;
        if (size > server.config.maxMessageSize()) {
            refuse(552, "5.3.4", "Message size exceeds fixed maximum message size");
        }
        if (refusal != null || sinks == null) {
            return;
        }
        List<MessageSink> current = sinks;
        for (int i = 0; i < current.size(); i++) {
            current.get(i).write(i == current.size() - 1 ? bytes : bytes.clone());
        }
    }

    /** Refuses the message being received: its sinks are dropped, and the reply at its end is this one. */
    void refuse(int code, String enhanced, String text) {
        if (refusal == null) {
            refusal = new SmtpRejection(code, enhanced, text);
            dropSinks();
        }
    }

    void bdat(String argument) {
        String[] words = argument.split(" ", -1);
        boolean last = words.length == 2 && words[1].equalsIgnoreCase("LAST");
        if (words.length == 0 || words.length > 2 || words.length == 2 && !last || words[0].isEmpty()
                || words[0].length() > 18 || !words[0].chars().allMatch(c -> c >= '0' && c <= '9')) {
            // Without a valid size the chunk's octets cannot be skipped: the connection cannot go on.
            server.reply(501, "5.5.4", "Syntax: BDAT size [LAST]");
            server.close();
            return;
        }
        chunkLeft = Long.parseLong(words[0]);
        lastChunk = last;
        if (from == null || recipients.isEmpty()) {
            refusal = new SmtpRejection(503, "5.5.1", from == null ? "Need MAIL command" : "Need RCPT command");
        } else if (sinks == null && refusal == null) {
            openSinks();
        }
        server.mode = SmtpServer.Mode.BDAT;
        if (chunkLeft == 0) {
            endOfChunk();
        }
    }

    /** Consumes what has arrived of the current BDAT chunk. */
    void chunkBytes(InputBuffer input) {
        int n = (int) Math.min(chunkLeft, input.size());
        if (refusal != null || sinks == null || size + n > server.config.maxMessageSize()) {
            size += n;
            input.skip(n);
            if (size > server.config.maxMessageSize()) {
                refuse(552, "5.3.4", "Message size exceeds fixed maximum message size");
            }
        } else {
            feed(input.take(n));
        }
        chunkLeft -= n;
        if (chunkLeft == 0) {
            endOfChunk();
        }
    }

    private void endOfChunk() {
        server.mode = SmtpServer.Mode.COMMAND;
        if (refusal != null) {
            SmtpRejection r = refusal;
            reset();
            server.reply(r.code(), r.enhancedCode(), r.getMessage());
        } else if (lastChunk) {
            endOfMessage();
        } else {
            server.reply(250, "2.0.0", "Chunk of " + size + " octets so far received");
        }
    }

    private void endOfMessage() {
        List<MessageSink> current = sinks;
        SmtpRejection r = refusal;
        if (r != null || current == null) {
            reset();
            if (r != null) {
                server.reply(r.code(), r.enhancedCode(), r.getMessage());
            }
            return;
        }
        sinks = null;
        List<Deferred<Object>> stored = new ArrayList<>();
        for (MessageSink sink : current) {
            stored.add(Deferred.maybeDeferred(sink::eomReceived));
        }
        reset();
        server.await(Deferred.gatherResults(stored, true), ok -> server.reply(250, "2.0.0", "Message accepted for delivery"),
                error -> server.failed(error instanceof org.twisted4j.defer.FirstError first ? first.failure().value() : error,
                        "storing a message"));
    }

    /** Forgets the transaction, dropping sinks of a message not complete. */
    void reset() {
        dropSinks();
        from = null;
        delivery = null;
        recipients.clear();
        factories.clear();
        refusal = null;
        size = 0;
    }

    private void dropSinks() {
        List<MessageSink> current = sinks;
        sinks = null;
        if (current != null) {
            for (MessageSink sink : current) {
                sink.connectionLost();
            }
        }
    }

    /** The connection is gone. */
    void abandon() {
        reset();
    }
}
