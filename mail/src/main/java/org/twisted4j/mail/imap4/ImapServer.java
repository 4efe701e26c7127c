package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.CramMD5Credentials;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.logger.Logger;
import org.twisted4j.protocols.policies.IdleTimeout;

/**
 * The IMAP4rev1 server protocol (RFC 3501), as Twisted's {@code IMAP4Server}: one connection's states (not
 * authenticated, authenticated, selected, logout) and commands, over the {@link ImapAccount} a login through the
 * factory's portal gives.
 *
 * <h2>What it offers</h2>
 * {@value #CAPABILITIES}. Commands: CAPABILITY, NOOP, LOGOUT, LOGIN, AUTHENTICATE (PLAIN, LOGIN, CRAM-MD5, with
 * an initial response), SELECT, EXAMINE, CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, LIST, LSUB, STATUS, APPEND,
 * CHECK, CLOSE, UNSELECT, EXPUNGE, SEARCH, FETCH, STORE, COPY, MOVE, UID (FETCH, SEARCH, STORE, COPY, MOVE,
 * EXPUNGE), IDLE, ID, NAMESPACE, ENABLE.
 *
 * <h2>Other sessions</h2>
 * A change to the selected mailbox by anyone (another session, a delivery) is told to the client as untagged
 * EXISTS, EXPUNGE and FETCH FLAGS before the next tagged reply (EXPUNGE not during FETCH, STORE, SEARCH), and at
 * once while it IDLEs.
 *
 * <h2>Bad input</h2>
 * A syntax error is {@code BAD} with no effect, and the connection goes on; a literal over the factory's limit is
 * refused before its octets. After {@value #MAX_ERRORS} errors the server says BYE and closes.
 *
 * <p>Threading: reactor thread only.
 */
public final class ImapServer extends Protocol implements ImapCommandParser.Listener {

    /** The capabilities announced whatever the connection's state. */
    public static final String BASE_CAPABILITIES = "IMAP4rev1 LITERAL+ SASL-IR IDLE UIDPLUS MOVE ID CHILDREN "
            + "NAMESPACE ENABLE UNSELECT CONDSTORE SPECIAL-USE CREATE-SPECIAL-USE";
    /** The login mechanisms announced when logging in is allowed. */
    public static final String AUTH_CAPABILITIES = "AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5";
    /** The capabilities announced by a server with no STARTTLS. */
    public static final String CAPABILITIES = BASE_CAPABILITIES + " " + AUTH_CAPABILITIES;
    /** Syntax errors tolerated on one connection. */
    public static final int MAX_ERRORS = 20;

    private static final Logger log = new Logger("imap4");
    private static final DateTimeFormatter APPEND_DATE =
            DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);

    enum State { NOT_AUTHENTICATED, AUTHENTICATED, SELECTED, LOGOUT }

    private final ImapServerFactory config;
    private final ImapCommandParser parser = new ImapCommandParser(this);
    private @Nullable IdleTimeout idle;
    State state = State.NOT_AUTHENTICATED;
    private @Nullable ImapAccount account;
    private @Nullable LoginResult login;
    private @Nullable Selection selected;
    private int errors;
    private @Nullable String idleTag;
    private @Nullable Sasl sasl;
    private java.io.@Nullable ByteArrayOutputStream batch;
    private boolean tls;
    private boolean condstore;

    /** An AUTHENTICATE exchange under way. */
    private record Sasl(String tag, String mechanism, List<String> answers, @Nullable CramMD5Credentials cram) {
    }

    /**
     * Makes the protocol; {@link ImapServerFactory#buildProtocol} calls this.
     *
     * @param config the factory with the settings
     */
    public ImapServer(ImapServerFactory config) {
        this.config = config;
        parser.setMaxLiteralSize(config.maxLiteralSize());
    }

    @Override
    public void connectionMade() {
        if (config.timeout() > 0) {
            idle = new IdleTimeout(config.clock(), this::timedOut);
            idle.setTimeout(config.timeout());
        }
        send("* OK [CAPABILITY " + capabilities() + "] twisted4j IMAP4rev1 server ready");
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (state == State.LOGOUT) {
            return;
        }
        if (idle != null) {
            idle.resetTimeout();
        }
        parser.feed(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        state = State.LOGOUT;
        if (idle != null) {
            idle.cancel();
        }
        deselect();
        if (login != null) {
            login.logout().run();
            login = null;
        }
    }

    private void timedOut() {
        send("* BYE Autologout; connection idle too long");
        state = State.LOGOUT;
        close();
    }

    void send(String line) {
        sendBytes((line + "\r\n").getBytes(UTF_8));
    }

    /** Writes octets; while a command is answered they are gathered and go out in one write at its end. */
    void sendBytes(byte[] bytes) {
        java.io.ByteArrayOutputStream gathering = batch;
        if (gathering != null) {
            gathering.writeBytes(bytes);
        } else {
            transport().write(ByteBuffer.wrap(bytes));
        }
    }

    private void flushBatch() {
        java.io.ByteArrayOutputStream gathering = batch;
        batch = null;
        if (gathering != null && gathering.size() > 0) {
            transport().write(ByteBuffer.wrap(gathering.toByteArray()));
        }
    }

    private void close() {
        flushBatch();
        transport().loseConnection();
    }

    @Override
    public void continuation() {
        send("+ Ready for literal");
    }

    @Override
    public void error(@Nullable String tag, ImapSyntaxException error) {
        bad(tag == null ? "*" : tag, error.getMessage());
    }

    private void bad(String tag, String message) {
        send(tag + " BAD " + message);
        if (++errors >= MAX_ERRORS) {
            send("* BYE Too many errors");
            state = State.LOGOUT;
            close();
        }
    }

    @Override
    public void line(String line) {
        if (idleTag != null) {
            String tag = idleTag;
            idleTag = null;
            parser.setRawLines(false);
            if (line.equalsIgnoreCase("DONE")) {
                send(tag + " OK IDLE terminated");
            } else {
                bad(tag, "Expected DONE");
            }
            return;
        }
        Sasl exchange = sasl;
        if (exchange != null) {
            saslAnswer(exchange, line);
        }
    }

    @Override
    public void command(ImapCommand command) {
        if (state == State.LOGOUT) {
            return;
        }
        String tag = command.tag();
        batch = new java.io.ByteArrayOutputStream();
        try {
            dispatch(command);
        } catch (ImapSyntaxException e) {
            bad(tag, e.getMessage());
        } catch (RuntimeException e) {
            log.failure("IMAP command {command} failed", new Failure(e), "command", command.name());
            send(tag + " NO [SERVERBUG] Internal error");
        } finally {
            flushBatch();
        }
    }

    private static void count(ImapCommand c, int min, int max) throws ImapSyntaxException {
        if (c.args().size() < min || c.args().size() > max) {
            throw new ImapSyntaxException("Wrong number of arguments");
        }
    }

    private static String text(ImapCommand c, int i) throws ImapSyntaxException {
        return c.args().get(i).text();
    }

    private void dispatch(ImapCommand c) throws ImapSyntaxException {
        String tag = c.tag();
        String name = c.name();
        switch (name) {
            case "CAPABILITY" -> {
                count(c, 0, 0);
                send("* CAPABILITY " + capabilities());
                ok(tag, "CAPABILITY completed");
                return;
            }
            case "NOOP" -> {
                count(c, 0, 0);
                ok(tag, "NOOP completed");
                return;
            }
            case "LOGOUT" -> {
                count(c, 0, 0);
                send("* BYE twisted4j IMAP4rev1 server logging out");
                send(tag + " OK LOGOUT completed");
                state = State.LOGOUT;
                close();
                return;
            }
            case "ID" -> {
                count(c, 1, 1);
                send("* ID (\"name\" \"twisted4j\")");
                ok(tag, "ID completed");
                return;
            }
            default -> { }
        }
        if (state == State.NOT_AUTHENTICATED) {
            if (loginDisabled() && (name.equals("LOGIN") || name.equals("AUTHENTICATE"))) {
                send(tag + " NO [PRIVACYREQUIRED] Use STARTTLS first");
                return;
            }
            switch (name) {
                case "STARTTLS" -> {
                    count(c, 0, 0);
                    startTls(tag);
                }
                case "LOGIN" -> {
                    count(c, 2, 2);
                    login(tag, UsernamePassword.of(text(c, 0), text(c, 1)));
                }
                case "AUTHENTICATE" -> {
                    count(c, 1, 2);
                    authenticate(tag, text(c, 0).toUpperCase(Locale.ROOT), c.args().size() > 1 ? text(c, 1) : null);
                }
                default -> bad(tag, known(name) ? "Command not valid in this state" : "Unknown command");
            }
            return;
        }
        ImapAccount acct = java.util.Objects.requireNonNull(account);
        switch (name) {
            case "SELECT", "EXAMINE" -> select(c, name.equals("EXAMINE"));
            case "CREATE" -> create(c, acct);
            case "DELETE" -> {
                count(c, 1, 1);
                answer(tag, acct.delete(text(c, 0)), "DELETE");
            }
            case "RENAME" -> {
                count(c, 2, 2);
                answer(tag, acct.rename(text(c, 0), text(c, 1)), "RENAME");
            }
            case "SUBSCRIBE" -> {
                count(c, 1, 1);
                acct.subscribe(text(c, 0));
                ok(tag, "SUBSCRIBE completed");
            }
            case "UNSUBSCRIBE" -> {
                count(c, 1, 1);
                acct.unsubscribe(text(c, 0));
                ok(tag, "UNSUBSCRIBE completed");
            }
            case "LIST", "LSUB" -> list(c, name.equals("LSUB"));
            case "STATUS" -> status(c);
            case "APPEND" -> append(c);
            case "NAMESPACE" -> {
                count(c, 0, 0);
                send("* NAMESPACE ((\"\" \"/\")) NIL NIL");
                ok(tag, "NAMESPACE completed");
            }
            case "ENABLE" -> {
                count(c, 1, 64);
                StringBuilder enabled = new StringBuilder("* ENABLED");
                for (ImapArg arg : c.args()) {
                    if (arg instanceof ImapArg.Atom a && a.is("CONDSTORE") && enabled.indexOf(" CONDSTORE") < 0) {
                        enableCondstore();
                        enabled.append(" CONDSTORE");
                    }
                }
                send(enabled.toString());
                ok(tag, "ENABLE completed");
            }
            case "IDLE" -> {
                count(c, 0, 0);
                flushUpdates(true);
                idleTag = tag;
                parser.setRawLines(true);
                send("+ idling");
            }
            default -> {
                if (state != State.SELECTED) {
                    bad(tag, known(name) ? "Command not valid in this state" : "Unknown command");
                } else {
                    new Selected(this, java.util.Objects.requireNonNull(selected), acct).dispatch(c);
                }
            }
        }
    }

    /** Returns the capabilities for the connection's state now. */
    String capabilities() {
        StringBuilder out = new StringBuilder(BASE_CAPABILITIES);
        if (state == State.NOT_AUTHENTICATED && canStartTls()) {
            out.append(" STARTTLS");
        }
        out.append(loginDisabled() ? " LOGINDISABLED" : " " + AUTH_CAPABILITIES);
        return out.toString();
    }

    private boolean canStartTls() {
        return config.tlsOptions() != null && !tls && transport() instanceof TlsUpgradable;
    }

    private boolean loginDisabled() {
        return config.requireTls() && !tls;
    }

    private void startTls(String tag) {
        if (!canStartTls()) {
            send(tag + " NO STARTTLS not available");
        } else if (parser.held() > 0) {
            // RFC 3501 §6.2.1: octets pipelined after STARTTLS would be read as if they came under TLS.
            bad(tag, "Command pipelined after STARTTLS");
            state = State.LOGOUT;
            close();
        } else {
            send(tag + " OK Begin TLS negotiation now");
            flushBatch();
            ((TlsUpgradable) transport()).startTLS(java.util.Objects.requireNonNull(config.tlsOptions()), false);
            tls = true;
        }
    }

    private static boolean known(String name) {
        return Set.of("LOGIN", "AUTHENTICATE", "SELECT", "EXAMINE", "CREATE", "DELETE", "RENAME", "SUBSCRIBE",
                "UNSUBSCRIBE", "LIST", "LSUB", "STATUS", "APPEND", "CHECK", "CLOSE", "UNSELECT", "EXPUNGE", "SEARCH",
                "FETCH", "STORE", "COPY", "MOVE", "UID", "IDLE", "NAMESPACE", "ENABLE", "STARTTLS").contains(name);
    }

    void ok(String tag, String text) {
        flushUpdates(true);
        send(tag + " OK " + text);
    }

    private void answer(String tag, boolean done, String name) {
        if (done) {
            ok(tag, name + " completed");
        } else {
            send(tag + " NO " + name + " failed");
        }
    }

    /** Sends what changed in the selected mailbox. */
    void flushUpdates(boolean expunges) {
        Selection s = selected;
        if (s != null) {
            for (String line : s.sync(expunges)) {
                send(line);
            }
        }
    }

    private void mailboxChanged() {
        if (idleTag != null) {
            flushUpdates(true);
        }
    }

    /** Turns CONDSTORE on for the rest of the session (RFC 7162 §3.1: a CONDSTORE-enabling command was used). */
    void enableCondstore() {
        if (!condstore) {
            condstore = true;
            Selection s = selected;
            if (s != null) {
                s.condstore = true;
                send("* OK [HIGHESTMODSEQ " + s.mailbox.highestModseq() + "] Highest");
            }
        }
    }

    private void create(ImapCommand c, ImapAccount acct) throws ImapSyntaxException {
        count(c, 1, 2);
        String name = text(c, 0);
        Set<String> uses = new LinkedHashSet<>();
        if (c.args().size() == 2) {
            // RFC 6154 §3: CREATE name (USE (\Sent ...))
            if (!(c.args().get(1) instanceof ImapArg.Paren p) || p.items().size() != 2
                    || !(p.items().get(0) instanceof ImapArg.Atom a) || !a.is("USE")
                    || !(p.items().get(1) instanceof ImapArg.Paren list)) {
                throw new ImapSyntaxException("Expected (USE (attributes))");
            }
            for (ImapArg use : list.items()) {
                String attribute = SpecialUse.canonical(use.text());
                if (attribute == null) {
                    send(c.tag() + " NO [USEATTR] Unsupported special-use attribute");
                    return;
                }
                uses.add(attribute);
            }
        }
        if (name.equalsIgnoreCase("INBOX")) {
            send(c.tag() + " NO [ALREADYEXISTS] INBOX exists");
            return;
        }
        answer(c.tag(), uses.isEmpty() ? acct.create(name) : acct.create(name, uses), "CREATE");
    }

    private void deselect() {
        if (selected != null) {
            selected.close();
            selected = null;
        }
        if (state == State.SELECTED) {
            state = State.AUTHENTICATED;
        }
    }

    void closeSelection() {
        deselect();
    }

    private void select(ImapCommand c, boolean examine) throws ImapSyntaxException {
        count(c, 1, 2);
        String name = text(c, 0);
        if (c.args().size() == 2) {
            if (c.args().get(1) instanceof ImapArg.Paren params && params.items().size() == 1
                    && params.items().get(0) instanceof ImapArg.Atom a && a.is("CONDSTORE")) {
                condstore = true;
            } else {
                throw new ImapSyntaxException("Unknown SELECT parameter");
            }
        }
        deselect();
        ImapMailbox box = java.util.Objects.requireNonNull(account).mailbox(name);
        if (box == null) {
            send(c.tag() + " NO [NONEXISTENT] No such mailbox");
            return;
        }
        Selection s = new Selection(name, box, examine, this::mailboxChanged);
        s.condstore = condstore;
        selected = s;
        state = State.SELECTED;
        send("* FLAGS " + Fetch.flags(box.flags()));
        send("* OK [PERMANENTFLAGS " + (examine ? "()" : Fetch.flags(plus(box.flags(), "\\*"))) + "] Flags permitted");
        send("* " + s.view.size() + " EXISTS");
        send("* 0 RECENT");
        for (int i = 0; i < s.view.size(); i++) {
            if (!s.view.get(i).flags().contains("\\Seen")) {
                send("* OK [UNSEEN " + (i + 1) + "] First unseen");
                break;
            }
        }
        send("* OK [UIDVALIDITY " + box.uidValidity() + "] UIDs valid");
        send("* OK [UIDNEXT " + box.uidNext() + "] Predicted next UID");
        send(box.highestModseq() > 0 ? "* OK [HIGHESTMODSEQ " + box.highestModseq() + "] Highest"
                : "* OK [NOMODSEQ] No permanent modsequences");
        send(c.tag() + " OK [" + (examine ? "READ-ONLY" : "READ-WRITE") + "] " + c.name() + " completed");
    }

    private static Set<String> plus(Set<String> flags, String extra) {
        Set<String> out = new LinkedHashSet<>(flags);
        out.add(extra);
        return out;
    }

    private void list(ImapCommand c, boolean lsub) throws ImapSyntaxException {
        List<ImapArg> args = c.args();
        boolean onlySpecial = false;
        if (!lsub && !args.isEmpty() && args.get(0) instanceof ImapArg.Paren selection) {
            // RFC 5258/6154: LIST (SPECIAL-USE) ref pattern
            for (ImapArg option : selection.items()) {
                if (option instanceof ImapArg.Atom a && a.is("SPECIAL-USE")) {
                    onlySpecial = true;
                } else {
                    throw new ImapSyntaxException("Unsupported LIST selection option");
                }
            }
            args = args.subList(1, args.size());
        }
        if (!lsub && args.size() == 4 && args.get(2) instanceof ImapArg.Atom r && r.is("RETURN")
                && args.get(3) instanceof ImapArg.Paren returns) {
            // RETURN (SPECIAL-USE): the attributes are always sent, so the option changes nothing.
            for (ImapArg option : returns.items()) {
                if (!(option instanceof ImapArg.Atom a && (a.is("SPECIAL-USE") || a.is("CHILDREN")))) {
                    throw new ImapSyntaxException("Unsupported LIST return option");
                }
            }
            args = args.subList(0, 2);
        }
        if (args.size() != 2) {
            throw new ImapSyntaxException("Wrong number of arguments");
        }
        String reference = args.get(0).text();
        String pattern = args.get(1).text();
        ImapAccount acct = java.util.Objects.requireNonNull(account);
        String name = lsub ? "LSUB" : "LIST";
        if (pattern.isEmpty() && !lsub) {
            send("* LIST (\\Noselect) \"/\" \"\"");
            ok(c.tag(), "LIST completed");
            return;
        }
        Pattern regex = wildcard(reference + pattern);
        List<String> all = acct.mailboxes();
        for (String box : lsub ? acct.subscriptions() : all) {
            if (regex.matcher(box).matches()) {
                boolean children = all.stream().anyMatch(n -> n.startsWith(box + ImapAccount.DELIMITER));
                Set<String> uses = acct.specialUse(box);
                if (onlySpecial && uses.isEmpty()) {
                    continue;
                }
                String attrs = children ? "\\HasChildren" : "\\HasNoChildren";
                if (!uses.isEmpty()) {
                    attrs += " " + String.join(" ", uses);
                }
                send("* " + name + " (" + attrs + ") \"/\" " + ImapWire.astring(box));
            }
        }
        ok(c.tag(), name + " completed");
    }

    static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            switch (ch) {
                case '*' -> regex.append(".*");
                case '%' -> regex.append("[^/]*");
                default -> regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        boolean inbox = pattern.equalsIgnoreCase("INBOX");
        return Pattern.compile(regex.toString(), inbox ? Pattern.CASE_INSENSITIVE : 0);
    }

    private void status(ImapCommand c) throws ImapSyntaxException {
        count(c, 2, 2);
        String name = text(c, 0);
        if (!(c.args().get(1) instanceof ImapArg.Paren items)) {
            throw new ImapSyntaxException("Expected a list of status items");
        }
        ImapMailbox box = java.util.Objects.requireNonNull(account).mailbox(name);
        if (box == null) {
            send(c.tag() + " NO [NONEXISTENT] No such mailbox");
            return;
        }
        List<String> out = new ArrayList<>();
        for (ImapArg item : items.items()) {
            String key = item.text().toUpperCase(Locale.ROOT);
            List<ImapMessage> messages = box.messages();
            long value = switch (key) {
                case "MESSAGES" -> messages.size();
                case "RECENT" -> 0;
                case "UIDNEXT" -> box.uidNext();
                case "UIDVALIDITY" -> box.uidValidity();
                case "UNSEEN" -> messages.stream().filter(m -> !m.flags().contains("\\Seen")).count();
                case "HIGHESTMODSEQ" -> {
                    enableCondstore();
                    yield box.highestModseq();
                }
                default -> throw new ImapSyntaxException("Unknown status item " + key);
            };
            out.add(key + " " + value);
        }
        send("* STATUS " + ImapWire.astring(name) + " " + ImapWire.list(out));
        ok(c.tag(), "STATUS completed");
    }

    private void append(ImapCommand c) throws ImapSyntaxException {
        count(c, 2, 4);
        List<ImapArg> args = c.args();
        String name = text(c, 0);
        Set<String> flags = new LinkedHashSet<>();
        Instant date = Instant.ofEpochMilli(config.clock().seconds() > 0 ? (long) (config.clock().seconds() * 1000)
                : System.currentTimeMillis());
        int i = 1;
        if (args.get(i) instanceof ImapArg.Paren list) {
            for (ImapArg flag : list.items()) {
                flags.add(flag(flag.text()));
            }
            i++;
        }
        if (i < args.size() - 1) {
            try {
                date = ZonedDateTime.parse(args.get(i).text().trim(), APPEND_DATE).toInstant();
            } catch (DateTimeParseException e) {
                throw new ImapSyntaxException("Invalid date-time");
            }
            i++;
        }
        if (i != args.size() - 1 || !(args.get(i) instanceof ImapArg.Str message)) {
            throw new ImapSyntaxException("Expected the message as a literal");
        }
        ImapMailbox box = java.util.Objects.requireNonNull(account).mailbox(name);
        if (box == null) {
            send(c.tag() + " NO [TRYCREATE] No such mailbox");
            return;
        }
        long uid = box.append(message.bytes(), flags, date);
        ok(c.tag(), "[APPENDUID " + box.uidValidity() + " " + uid + "] APPEND completed");
    }

    /** Checks a flag's spelling and gives system flags their canonical case. */
    static String flag(String text) throws ImapSyntaxException {
        if (text.startsWith("\\")) {
            for (String system : List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft")) {
                if (system.equalsIgnoreCase(text)) {
                    return system;
                }
            }
            throw new ImapSyntaxException("Invalid flag " + text);
        }
        if (text.isEmpty() || !text.chars().allMatch(ch -> ch > ' ' && ch < 0x7f && "(){%*\"\\]".indexOf(ch) < 0)) {
            throw new ImapSyntaxException("Invalid flag");
        }
        return text;
    }

    private void login(String tag, Credentials credentials) {
        parser.pause();
        config.portal().login(credentials, null, ImapAccount.class).addCallbacks(result -> {
            if (state == State.LOGOUT) {
                result.logout().run();
                return null;
            }
            login = result;
            account = result.avatar(ImapAccount.class);
            state = State.AUTHENTICATED;
            send(tag + " OK [CAPABILITY " + capabilities() + "] Logged in");
            parser.resume();
            return null;
        }, failure -> {
            if (state != State.LOGOUT) {
                send(tag + " NO [AUTHENTICATIONFAILED] Authentication failed");
                parser.resume();
            }
            return null;
        });
    }

    private void authenticate(String tag, String mechanism, @Nullable String initial) {
        switch (mechanism) {
            case "PLAIN", "LOGIN" -> { }
            case "CRAM-MD5" -> {
                if (initial != null) {
                    bad(tag, "CRAM-MD5 takes no initial response");
                    return;
                }
            }
            default -> {
                send(tag + " NO Unsupported authentication mechanism");
                return;
            }
        }
        CramMD5Credentials cram = mechanism.equals("CRAM-MD5") ? new CramMD5Credentials("twisted4j") : null;
        Sasl exchange = new Sasl(tag, mechanism, new ArrayList<>(), cram);
        sasl = exchange;
        parser.setRawLines(true);
        if (initial != null) {
            saslAnswer(exchange, initial);
        } else {
            challenge(exchange);
        }
    }

    private void challenge(Sasl exchange) {
        String text = switch (exchange.mechanism()) {
            case "LOGIN" -> exchange.answers().isEmpty() ? "Username:" : "Password:";
            case "CRAM-MD5" -> java.util.Objects.requireNonNull(exchange.cram()).getChallenge();
            default -> "";
        };
        send("+ " + Base64.getEncoder().encodeToString(text.getBytes(UTF_8)));
    }

    private void saslAnswer(Sasl exchange, String line) {
        if (line.equals("*")) {
            endSasl();
            bad(exchange.tag(), "AUTHENTICATE cancelled");
            return;
        }
        String decoded;
        try {
            decoded = line.equals("=") ? "" : new String(Base64.getDecoder().decode(line.trim()), UTF_8);
        } catch (IllegalArgumentException e) {
            endSasl();
            bad(exchange.tag(), "Invalid base64");
            return;
        }
        exchange.answers().add(decoded);
        switch (exchange.mechanism()) {
            case "PLAIN" -> {
                endSasl();
                String[] parts = decoded.split("\0", -1);
                if (parts.length != 3) {
                    send(exchange.tag() + " NO [AUTHENTICATIONFAILED] Authentication failed");
                    return;
                }
                login(exchange.tag(), UsernamePassword.of(parts[1], parts[2]));
            }
            case "LOGIN" -> {
                if (exchange.answers().size() < 2) {
                    challenge(exchange);
                    return;
                }
                endSasl();
                login(exchange.tag(), UsernamePassword.of(exchange.answers().get(0), exchange.answers().get(1)));
            }
            default -> {
                endSasl();
                CramMD5Credentials cram = java.util.Objects.requireNonNull(exchange.cram());
                cram.setResponse(decoded);
                login(exchange.tag(), cram);
            }
        }
    }

    private void endSasl() {
        sasl = null;
        parser.setRawLines(false);
    }

    /** Returns the search predicate of a SEARCH command's keys after an optional CHARSET. */
    static @Nullable Predicate<Search.Candidate> searchKeys(List<ImapArg> args, String tag, ImapServer server)
            throws ImapSyntaxException {
        List<ImapArg> keys = args;
        if (!keys.isEmpty() && keys.get(0) instanceof ImapArg.Atom a && a.is("CHARSET")) {
            if (keys.size() < 2) {
                throw new ImapSyntaxException("Missing charset");
            }
            String charset = keys.get(1).text();
            if (!charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("US-ASCII")) {
                server.send(tag + " NO [BADCHARSET (US-ASCII UTF-8)] Unsupported charset");
                return null;
            }
            keys = keys.subList(2, keys.size());
        }
        return Search.parse(keys);
    }
}
