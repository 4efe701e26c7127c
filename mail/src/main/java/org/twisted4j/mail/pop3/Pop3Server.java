package org.twisted4j.mail.pop3;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.logger.Logger;
import org.twisted4j.protocols.basic.LineReceiver;
import org.twisted4j.protocols.policies.IdleTimeout;

/**
 * One POP3 session (RFC 1939): AUTHORIZATION (USER/PASS, APOP, CAPA, STLS, QUIT), TRANSACTION (STAT, LIST, UIDL,
 * TOP, RETR, DELE, RSET, NOOP, QUIT) and UPDATE, where the deletions are committed by {@link Mailbox#sync()}.
 * Every bad command gets {@code -ERR}; the session closes after {@link Pop3ServerFactory#timeout()} idle seconds,
 * or on a line longer than {@link Pop3ServerFactory#maxLine()}. A login to a mailbox held by another session gets
 * {@code -ERR [IN-USE]} (RFC 2449 §8). While a login is checked, the lines after it wait (PIPELINING).
 */
public final class Pop3Server extends LineReceiver {

    private static final Logger log = new Logger("pop3");
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum State { AUTHORIZATION, WAITING, TRANSACTION, CLOSED }

    private final Pop3ServerFactory config;
    private final String challenge;
    private State state = State.AUTHORIZATION;
    private @Nullable String user;
    private @Nullable LoginResult login;
    private @Nullable Mailbox mailbox;
    private @Nullable IdleTimeout idle;
    private boolean tls;

    /**
     * Makes the protocol; {@link Pop3ServerFactory#buildProtocol} calls this.
     *
     * @param config the factory with the settings
     */
    public Pop3Server(Pop3ServerFactory config) {
        this.config = config;
        byte[] nonce = new byte[8];
        RANDOM.nextBytes(nonce);
        this.challenge = "<" + HexFormat.of().formatHex(nonce) + "@twisted4j>";
        setMaxLength(config.maxLine());
    }

    /** Returns the APOP challenge this session greeted with. */
    public String challenge() {
        return challenge;
    }

    @Override
    public void connectionMade() {
        if (config.timeout() > 0) {
            idle = new IdleTimeout(config.clock(), this::timedOut);
            idle.setTimeout(config.timeout());
        }
        sendLine("+OK twisted4j POP3 server ready " + challenge);
    }

    private void timedOut() {
        if (state != State.CLOSED) {
            sendLine("-ERR Idle timeout");
            close();
        }
    }

    @Override
    protected void lineLengthExceeded(byte[] line) {
        sendLine("-ERR Line too long");
        close();
    }

    @Override
    protected void lineReceived(byte[] raw) {
        if (state == State.CLOSED || state == State.WAITING) {
            return;
        }
        if (idle != null) {
            idle.resetTimeout();
        }
        int end = raw.length;
        if (end > 0 && raw[end - 1] == '\r') {
            end--;
        }
        String line = new String(raw, 0, end, ISO_8859_1);
        int space = line.indexOf(' ');
        String command = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String arg = space < 0 ? "" : line.substring(space + 1);
        try {
            if (state == State.AUTHORIZATION) {
                authorization(command, arg);
            } else {
                transaction(command, arg);
            }
        } catch (IOException | RuntimeException e) {
            log.failure("POP3 command failed", new Failure(e));
            sendLine("-ERR Server error");
        }
    }

    private void authorization(String command, String arg) {
        switch (command) {
            case "CAPA" -> capa();
            case "QUIT" -> {
                sendLine("+OK Bye");
                close();
            }
            case "NOOP" -> sendLine("+OK");
            case "STLS" -> stls(arg);
            case "USER" -> {
                if (arg.isEmpty()) {
                    sendLine("-ERR Syntax: USER name");
                } else {
                    user = arg;
                    sendLine("+OK USER accepted, send PASS");
                }
            }
            case "PASS" -> {
                String name = user;
                user = null;
                if (name == null) {
                    sendLine("-ERR USER required before PASS");
                } else {
                    login(UsernamePassword.of(name, arg));
                }
            }
            case "APOP" -> {
                String[] parts = arg.split(" ", -1);
                if (parts.length != 2 || parts[0].isEmpty() || !parts[1].matches("[0-9a-fA-F]{32}")) {
                    sendLine("-ERR Syntax: APOP name digest");
                } else {
                    login(new ApopCredentials(parts[0], challenge, parts[1]));
                }
            }
            default -> sendLine("-ERR Unknown command in AUTHORIZATION state");
        }
    }

    private void capa() {
        sendLine("+OK Capability list follows");
        sendLine("TOP");
        sendLine("USER");
        sendLine("UIDL");
        sendLine("RESP-CODES");
        sendLine("PIPELINING");
        sendLine("EXPIRE NEVER");
        sendLine("IMPLEMENTATION twisted4j");
        if (state == State.AUTHORIZATION && canStartTls()) {
            sendLine("STLS");
        }
        sendLine(".");
    }

    private boolean canStartTls() {
        return config.tlsOptions() != null && !tls && transport() instanceof TlsUpgradable;
    }

    private void stls(String arg) {
        if (!canStartTls()) {
            sendLine("-ERR STLS not available");
        } else if (!arg.isEmpty()) {
            sendLine("-ERR Syntax: STLS");
        } else if (bufferedBytes() > 0) {
            // RFC 2595 §4: nothing may be pipelined after STLS; such octets would be read as if under TLS.
            sendLine("-ERR Command pipelined after STLS");
            close();
        } else {
            sendLine("+OK Begin TLS negotiation");
            ((TlsUpgradable) transport()).startTLS(Objects.requireNonNull(config.tlsOptions()), false);
            tls = true;
            user = null;
        }
    }

    private void login(Credentials credentials) {
        state = State.WAITING;
        pauseProducing();
        config.portal().login(credentials, null, Mailbox.class).addCallbacks(result -> {
            if (state != State.WAITING) {
                result.logout().run();
                return null;
            }
            login = result;
            mailbox = result.avatar(Mailbox.class);
            state = State.TRANSACTION;
            sendLine("+OK Authentication succeeded");
            resumeProducing();
            return null;
        }, failure -> {
            if (state == State.WAITING) {
                state = State.AUTHORIZATION;
                sendLine(failure.value() instanceof MaildirRealm.MailboxInUse
                        ? "-ERR [IN-USE] Mailbox in use" : "-ERR [AUTH] Authentication failed");
                resumeProducing();
            }
            return null;
        });
    }

    private void transaction(String command, String arg) throws IOException {
        Mailbox box = Objects.requireNonNull(mailbox);
        List<Long> sizes = box.listMessages();
        switch (command) {
            case "CAPA" -> capa();
            case "NOOP" -> sendLine("+OK");
            case "STAT" -> {
                long total = 0;
                int count = 0;
                for (long size : sizes) {
                    if (size > 0) {
                        count++;
                        total += size;
                    }
                }
                sendLine("+OK " + count + " " + total);
            }
            case "LIST", "UIDL" -> {
                boolean uidl = command.equals("UIDL");
                if (arg.isEmpty()) {
                    sendLine("+OK " + (uidl ? "" : sizes.size() + " messages"));
                    for (int i = 0; i < sizes.size(); i++) {
                        if (sizes.get(i) > 0) {
                            sendLine((i + 1) + " " + (uidl ? box.getUidl(i) : sizes.get(i)));
                        }
                    }
                    sendLine(".");
                } else {
                    int i = index(arg, sizes);
                    if (i >= 0) {
                        sendLine("+OK " + (i + 1) + " " + (uidl ? box.getUidl(i) : sizes.get(i)));
                    }
                }
            }
            case "RETR" -> {
                int i = index(arg, sizes);
                if (i >= 0) {
                    byte[] message = box.getMessage(i);
                    sendLine("+OK " + sizes.get(i) + " octets");
                    transport().write(java.nio.ByteBuffer.wrap(stuff(message, -1)));
                }
            }
            case "TOP" -> {
                String[] parts = arg.split(" ", -1);
                if (parts.length != 2 || !parts[1].matches("[0-9]{1,9}")) {
                    sendLine("-ERR Syntax: TOP msg n");
                } else {
                    int i = index(parts[0], sizes);
                    if (i >= 0) {
                        byte[] message = box.getMessage(i);
                        sendLine("+OK Top of message follows");
                        transport().write(java.nio.ByteBuffer.wrap(stuff(message, Integer.parseInt(parts[1]))));
                    }
                }
            }
            case "DELE" -> {
                int i = index(arg, sizes);
                if (i >= 0) {
                    box.deleteMessage(i);
                    sendLine("+OK Message " + (i + 1) + " deleted");
                }
            }
            case "RSET" -> {
                box.undeleteMessages();
                sendLine("+OK");
            }
            case "QUIT" -> {
                box.sync();
                sendLine("+OK Bye");
                close();
            }
            default -> sendLine("-ERR Unknown command in TRANSACTION state");
        }
    }

    /** Returns the 0-based index of a live message named by its 1-based number, or -1 after saying why not. */
    private int index(String arg, List<Long> sizes) {
        if (!arg.matches("[0-9]{1,9}")) {
            sendLine("-ERR Bad message number");
            return -1;
        }
        int i = Integer.parseInt(arg) - 1;
        if (i < 0 || i >= sizes.size() || sizes.get(i) == 0) {
            sendLine("-ERR No such message");
            return -1;
        }
        return i;
    }

    /**
     * Returns a message as a POP3 multi-line answer: lines ended with CRLF, a leading dot doubled, the final dot
     * line added.
     *
     * @param message the message
     * @param bodyLines how many body lines after the headers to keep (TOP), or -1 for all
     * @return the bytes to send
     */
    static byte[] stuff(byte[] message, int bodyLines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64);
        int start = 0;
        boolean inBody = false;
        int body = 0;
        while (start < message.length) {
            if (inBody && bodyLines >= 0 && body >= bodyLines) {
                break;
            }
            int nl = start;
            while (nl < message.length && message[nl] != '\n') {
                nl++;
            }
            int end = nl > start && nl <= message.length && message[nl - 1] == '\r' ? nl - 1 : nl;
            if (end > start && message[start] == '.') {
                out.write('.');
            }
            out.write(message, start, end - start);
            out.write('\r');
            out.write('\n');
            if (inBody) {
                body++;
            } else if (end == start) {
                inBody = true;
            }
            start = nl + 1;
        }
        out.writeBytes(".\r\n".getBytes(ISO_8859_1));
        return out.toByteArray();
    }

    private void close() {
        state = State.CLOSED;
        transport().loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
        state = State.CLOSED;
        if (idle != null) {
            idle.cancel();
        }
        LoginResult current = login;
        login = null;
        mailbox = null;
        if (current != null) {
            current.logout().run();
        }
    }
}
