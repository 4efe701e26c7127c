package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.CramMD5Credentials;
import org.twisted4j.defer.Callback;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.logger.Logger;

/**
 * The IMAP4rev1 client protocol, as Twisted's {@code IMAP4Client}: each operation sends one command and returns a
 * Deferred of its parsed result, failing with {@link CommandFailed} on NO or BAD.
 *
 * <pre>{@code
 * IMAP4Client client = new IMAP4Client();
 * Endpoints.connectProtocol(endpoint, client);
 * client.greeting()
 *     .addCallback(caps -> client.login("bob", "secret"))
 *     .addCallback(ok -> client.select("INBOX"))
 *     .addCallback(box -> client.fetch("1:*", "(FLAGS ENVELOPE)", false));
 * }</pre>
 *
 * <h2>What it speaks</h2>
 * CAPABILITY, STARTTLS, LOGIN, AUTHENTICATE (PLAIN with SASL-IR when offered, LOGIN, CRAM-MD5), NAMESPACE,
 * SELECT/EXAMINE (with CONDSTORE), CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, LIST, LSUB, STATUS, APPEND
 * (APPENDUID read), CHECK, CLOSE, UNSELECT, EXPUNGE, SEARCH, FETCH (every item, read into {@link ImapFetched}),
 * STORE, COPY and MOVE (COPYUID read), ENABLE, IDLE, NOOP, LOGOUT, and their UID forms. Commands are sent one at
 * a time, in the order asked. Literals are sent as {@code {n+}} without waiting when the server offers LITERAL+,
 * else after its continuation request.
 *
 * <h2>Unsolicited updates</h2>
 * EXISTS, EXPUNGE and FETCH FLAGS the server sends on its own (while idling, or before a reply) go to the
 * {@link Updates} set with {@link #setUpdates}.
 *
 * <p>Threading: reactor thread only.
 */
public final class IMAP4Client extends Protocol implements ImapResponseParser.Listener {

    private static final Logger log = new Logger("imap4");
    private static final DateTimeFormatter APPEND_DATE =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A command answered NO or BAD; the response says why. */
    public static final class CommandFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ImapResponse response;

        CommandFailed(ImapResponse response) {
            super(response.status() + " " + response.text());
            this.response = response;
        }

        /** Returns the tagged response. */
        public ImapResponse response() {
            return response;
        }
    }

    /** Told of what the server says on its own about the selected mailbox. */
    public interface Updates {
        /** The mailbox now has this many messages. */
        default void exists(long count) {
        }

        /** The message of this sequence number was expunged. */
        default void expunged(long seq) {
        }

        /** A message's flags changed. */
        default void flagsChanged(long seq, Set<String> flags) {
        }
    }

    /** What SELECT or EXAMINE said of the mailbox. */
    public record MailboxInfo(long exists, long recent, Set<String> flags, Set<String> permanentFlags,
            long uidValidity, long uidNext, long unseen, long highestModseq, boolean readWrite) {
    }

    /** One LIST or LSUB answer. */
    public record ListEntry(Set<String> attributes, @Nullable String delimiter, String name) {
    }

    /** A namespace: prefix and hierarchy delimiter. */
    public record Namespace(String prefix, @Nullable String delimiter) {
    }

    /** The personal, other users' and shared namespaces. */
    public record Namespaces(List<Namespace> personal, List<Namespace> other, List<Namespace> shared) {
    }

    /** APPENDUID or COPYUID (RFC 4315): the target's UIDVALIDITY and the UIDs (sets as sent). */
    public record UidPlus(long uidValidity, String sourceUids, String uids) {
    }

    /** The whole answer to one command. */
    public record Result(List<ImapResponse> untagged, ImapResponse tagged) {
    }

    /** A command waiting for or being answered. */
    private static final class Pending {
        final String tag;
        final List<byte[]> pieces;
        final Deferred<Result> done = new Deferred<>();
        final List<ImapResponse> untagged = new ArrayList<>();
        int next;
        @Nullable Function<ImapResponse, byte @Nullable []> continuation;

        Pending(String tag, List<byte[]> pieces) {
            this.tag = tag;
            this.pieces = pieces;
        }
    }

    private final ImapResponseParser parser = new ImapResponseParser(this);
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final Deferred<Set<String>> greeting = new Deferred<>();
    private @Nullable Pending current;
    private @Nullable Set<String> capabilities;
    private Updates updates = new Updates() { };
    private int tags;
    private boolean greeted;

    /** Makes a client; connect it with an endpoint. */
    public IMAP4Client() {
    }

    /** Sets who is told of unsolicited updates. */
    public void setUpdates(Updates updates) {
        this.updates = updates;
    }

    /** Returns a Deferred of the greeting's capabilities (empty if it named none); fails if the server said BYE. */
    public Deferred<Set<String>> greeting() {
        return greeting;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        parser.feed(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        List<Pending> all = new ArrayList<>(queue);
        queue.clear();
        if (current != null) {
            all.add(0, current);
            current = null;
        }
        for (Pending p : all) {
            p.done.errback(reason);
        }
        if (!greeting.isCalled()) {
            greeting.errback(reason);
        }
    }

    @Override
    public void error(ImapSyntaxException error) {
        log.warn("unreadable IMAP response: {error}", "error", error.getMessage());
    }

    @Override
    public void response(ImapResponse response) {
        if (!greeted) {
            greeted = true;
            if ("BYE".equals(response.status())) {
                greeting.errback(new CommandFailed(response));
                return;
            }
            capabilities = "CAPABILITY".equals(response.codeName()) ? words(response.code().subList(1,
                    response.code().size())) : null;
            greeting.callback(capabilities == null ? Set.of() : capabilities);
            sendNext();
            return;
        }
        Pending p = current;
        if (response.isContinuation()) {
            if (p != null) {
                continued(p, response);
            }
            return;
        }
        if (response.isUntagged()) {
            untagged(p, response);
            return;
        }
        if (p == null || !p.tag.equals(response.tag())) {
            log.warn("IMAP response for no command: {tag}", "tag", response.tag());
            return;
        }
        current = null;
        if ("CAPABILITY".equals(response.codeName())) {
            capabilities = words(response.code().subList(1, response.code().size()));
        }
        if ("OK".equals(response.status())) {
            p.done.callback(new Result(List.copyOf(p.untagged), response));
        } else {
            p.done.errback(new CommandFailed(response));
        }
        sendNext();
    }

    private void untagged(@Nullable Pending p, ImapResponse response) {
        if (p != null) {
            p.untagged.add(response);
        }
        String name = response.dataName();
        if ("CAPABILITY".equals(name)) {
            capabilities = words(response.data().subList(1, response.data().size()));
        } else if ("CAPABILITY".equals(response.codeName())) {
            capabilities = words(response.code().subList(1, response.code().size()));
        }
        boolean fetching = p != null && p.pieces.size() > 0 && startsWithAny(p.pieces.get(0), "FETCH", "STORE");
        if ("EXISTS".equals(name)) {
            updates.exists(response.number());
        } else if ("EXPUNGE".equals(name)) {
            updates.expunged(response.number());
        } else if ("FETCH".equals(name) && !fetching && response.data().size() > 2
                && response.data().get(2) instanceof ImapArg.Paren items) {
            Set<String> flags = fetched(response.number(), items).flags();
            if (flags != null) {
                updates.flagsChanged(response.number(), flags);
            }
        }
    }

    private static boolean startsWithAny(byte[] piece, String... names) {
        String text = new String(piece, 0, Math.min(piece.length, 64), UTF_8).toUpperCase(Locale.ROOT);
        int space = text.indexOf(' ');
        String command = space < 0 ? text : text.substring(space + 1);
        if (command.startsWith("UID ")) {
            command = command.substring(4);
        }
        for (String name : names) {
            if (command.startsWith(name)) {
                return true;
            }
        }
        return false;
    }

    private void continued(Pending p, ImapResponse response) {
        if (p.continuation != null) {
            byte[] answer = p.continuation.apply(response);
            if (answer != null) {
                transport().write(ByteBuffer.wrap(answer));
            }
            return;
        }
        if (p.next < p.pieces.size()) {
            writeFrom(p);
        }
    }

    /** Writes pieces from {@code p.next}: a literal and the text after it, up to the next literal to wait for. */
    private void writeFrom(Pending p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (p.next < p.pieces.size()) {
            byte[] piece = p.pieces.get(p.next++);
            out.writeBytes(piece);
            if (p.next % 2 == 1 && p.next < p.pieces.size() && !literalPlus()) {
                break;
            }
        }
        transport().write(ByteBuffer.wrap(out.toByteArray()));
    }

    private boolean literalPlus() {
        return capabilities != null && capabilities.contains("LITERAL+");
    }

    private static Set<String> words(List<ImapArg> args) {
        Set<String> out = new LinkedHashSet<>();
        for (ImapArg a : args) {
            if (a instanceof ImapArg.Atom atom) {
                out.add(atom.upper());
            }
        }
        return out;
    }

    // Sending commands.

    /**
     * Sends a command: its text, and literals between text pieces ({@code parts} alternate text and literal
     * octets: text, literal, text, ...). Returns the Deferred of its whole answer.
     */
    Deferred<Result> send(List<Object> parts, @Nullable Function<ImapResponse, byte @Nullable []> continuation) {
        String tag = "A" + (++tags);
        List<byte[]> pieces = new ArrayList<>();
        StringBuilder text = new StringBuilder(tag).append(' ');
        for (int i = 0; i < parts.size(); i++) {
            Object part = parts.get(i);
            if (part instanceof byte[] literal) {
                text.append('{').append(literal.length).append(literalPlus() ? "+" : "").append("}\r\n");
                pieces.add(text.toString().getBytes(UTF_8));
                pieces.add(literal);
                text.setLength(0);
            } else {
                text.append(part);
            }
        }
        text.append("\r\n");
        if (pieces.isEmpty()) {
            pieces.add(text.toString().getBytes(UTF_8));
        } else {
            // The last literal is followed by the rest of the line.
            byte[] last = pieces.remove(pieces.size() - 1);
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            joined.writeBytes(last);
            joined.writeBytes(text.toString().getBytes(UTF_8));
            pieces.add(joined.toByteArray());
        }
        Pending p = new Pending(tag, pieces);
        p.continuation = continuation;
        queue.add(p);
        sendNext();
        return p.done;
    }

    private Deferred<Result> send(String command) {
        return send(List.of(command), null);
    }

    private void sendNext() {
        if (current != null || queue.isEmpty() || !greeted) {
            return;
        }
        Pending p = queue.poll();
        current = p;
        writeFrom(p);
    }

    /** Writes a string argument as an atom, quoted, or as a literal when it has line breaks, 8-bit text or length. */
    static Object string(String value) {
        byte[] bytes = value.getBytes(UTF_8);
        return ImapWire.quotable(bytes) ? ImapWire.astring(value) : bytes;
    }

    private static <T extends @Nullable Object> Callback<Result, T> ignore() {
        return r -> null;
    }

    // The operations.

    /** Returns the capabilities, asking for them unless known. */
    public Deferred<Set<String>> getCapabilities() {
        if (capabilities != null) {
            return Deferred.succeed(capabilities);
        }
        return send("CAPABILITY").addCallback(r -> capabilities == null ? Set.<String>of() : capabilities);
    }

    /** NOOP: lets the server send its updates. */
    public Deferred<@Nullable Void> noop() {
        return send("NOOP").addCallback(ignore());
    }

    /** LOGIN. */
    public Deferred<@Nullable Void> login(String user, String password) {
        return send(List.of("LOGIN ", string(user), " ", string(password)), null).addCallback(r -> {
            if (!"CAPABILITY".equals(r.tagged().codeName())) {
                capabilities = null;
            }
            return null;
        });
    }

    /**
     * AUTHENTICATE with PLAIN (an initial response when the server offers SASL-IR), LOGIN or CRAM-MD5.
     *
     * @throws IllegalArgumentException for another mechanism
     */
    public Deferred<@Nullable Void> authenticate(String mechanism, String user, String password) {
        String m = mechanism.toUpperCase(Locale.ROOT);
        Base64.Encoder b64 = Base64.getEncoder();
        return switch (m) {
            case "PLAIN" -> {
                String ir = b64.encodeToString(("\0" + user + "\0" + password).getBytes(UTF_8));
                boolean saslIr = capabilities != null && capabilities.contains("SASL-IR");
                yield send(List.of("AUTHENTICATE PLAIN" + (saslIr ? " " + ir : "")),
                        c -> (ir + "\r\n").getBytes(UTF_8)).addCallback(afterLogin());
            }
            case "LOGIN" -> {
                int[] step = {0};
                yield send(List.of("AUTHENTICATE LOGIN"), c -> (b64.encodeToString(
                        (step[0]++ == 0 ? user : password).getBytes(UTF_8)) + "\r\n").getBytes(UTF_8))
                        .addCallback(afterLogin());
            }
            case "CRAM-MD5" -> send(List.of("AUTHENTICATE CRAM-MD5"), c -> {
                String challenge = new String(Base64.getDecoder().decode(c.text().trim()), UTF_8);
                String answer = user + " " + CramMD5Credentials.respond(challenge, password);
                return (b64.encodeToString(answer.getBytes(UTF_8)) + "\r\n").getBytes(UTF_8);
            }).addCallback(afterLogin());
            default -> throw new IllegalArgumentException("Unsupported mechanism " + mechanism);
        };
    }

    private Callback<Result, @Nullable Void> afterLogin() {
        return r -> {
            if (!"CAPABILITY".equals(r.tagged().codeName())) {
                capabilities = null;
            }
            return null;
        };
    }

    /** STARTTLS, then TLS with these options; the capabilities are asked again afterwards. */
    public Deferred<Set<String>> startTLS(TlsOptions options) {
        return send("STARTTLS").addCallback(r -> {
            ((TlsUpgradable) transport()).startTLS(options, true);
            capabilities = null;
            return null;
        }).addCallbackDeferred(none -> getCapabilities());
    }

    /** ENABLE of extensions such as CONDSTORE; returns those enabled. */
    public Deferred<Set<String>> enable(String... extensions) {
        return send("ENABLE " + String.join(" ", extensions)).addCallback(r -> {
            Set<String> out = new LinkedHashSet<>();
            for (ImapResponse u : r.untagged()) {
                if ("ENABLED".equals(u.dataName())) {
                    out.addAll(words(u.data().subList(1, u.data().size())));
                }
            }
            return out;
        });
    }

    /** NAMESPACE. */
    public Deferred<Namespaces> namespace() {
        return send("NAMESPACE").addCallback(r -> {
            for (ImapResponse u : r.untagged()) {
                if ("NAMESPACE".equals(u.dataName()) && u.data().size() == 4) {
                    return new Namespaces(namespaces(u.data().get(1)), namespaces(u.data().get(2)),
                            namespaces(u.data().get(3)));
                }
            }
            return new Namespaces(List.of(), List.of(), List.of());
        });
    }

    private static List<Namespace> namespaces(ImapArg arg) {
        List<Namespace> out = new ArrayList<>();
        if (arg instanceof ImapArg.Paren list) {
            for (ImapArg item : list.items()) {
                if (item instanceof ImapArg.Paren n && n.items().size() >= 2) {
                    out.add(new Namespace(text(n.items().get(0)), nstring(n.items().get(1))));
                }
            }
        }
        return out;
    }

    /** SELECT. */
    public Deferred<MailboxInfo> select(String mailbox) {
        return selectOrExamine("SELECT ", mailbox, false);
    }

    /** SELECT with CONDSTORE (RFC 7162), so HIGHESTMODSEQ is told. */
    public Deferred<MailboxInfo> selectCondstore(String mailbox) {
        return selectOrExamine("SELECT ", mailbox, true);
    }

    /** EXAMINE. */
    public Deferred<MailboxInfo> examine(String mailbox) {
        return selectOrExamine("EXAMINE ", mailbox, false);
    }

    private Deferred<MailboxInfo> selectOrExamine(String command, String mailbox, boolean condstore) {
        List<Object> parts = new ArrayList<>(List.of(command, string(mailbox)));
        if (condstore) {
            parts.add(" (CONDSTORE)");
        }
        return send(parts, null).addCallback(r -> {
            long exists = 0;
            long recent = 0;
            long validity = 0;
            long next = 0;
            long unseen = 0;
            long modseq = 0;
            Set<String> flags = Set.of();
            Set<String> permanent = Set.of();
            for (ImapResponse u : r.untagged()) {
                String name = u.dataName();
                if ("EXISTS".equals(name)) {
                    exists = u.number();
                } else if ("RECENT".equals(name)) {
                    recent = u.number();
                } else if ("FLAGS".equals(name) && u.data().size() > 1 && u.data().get(1) instanceof ImapArg.Paren p) {
                    flags = ImapFetched.strings(p);
                }
                String code = u.codeName();
                if (code != null && u.code().size() > 1) {
                    ImapArg value = u.code().get(1);
                    switch (code) {
                        case "UIDVALIDITY" -> validity = number(value);
                        case "UIDNEXT" -> next = number(value);
                        case "UNSEEN" -> unseen = number(value);
                        case "HIGHESTMODSEQ" -> modseq = number(value);
                        case "PERMANENTFLAGS" -> permanent = value instanceof ImapArg.Paren p
                                ? ImapFetched.strings(p) : Set.of();
                        default -> { }
                    }
                }
            }
            boolean readWrite = !"READ-ONLY".equals(r.tagged().codeName());
            return new MailboxInfo(exists, recent, flags, permanent, validity, next, unseen, modseq, readWrite);
        });
    }

    /** CREATE. */
    public Deferred<@Nullable Void> create(String mailbox) {
        return send(List.of("CREATE ", string(mailbox)), null).addCallback(ignore());
    }

    /** DELETE. */
    public Deferred<@Nullable Void> delete(String mailbox) {
        return send(List.of("DELETE ", string(mailbox)), null).addCallback(ignore());
    }

    /** RENAME. */
    public Deferred<@Nullable Void> rename(String from, String to) {
        return send(List.of("RENAME ", string(from), " ", string(to)), null).addCallback(ignore());
    }

    /** SUBSCRIBE. */
    public Deferred<@Nullable Void> subscribe(String mailbox) {
        return send(List.of("SUBSCRIBE ", string(mailbox)), null).addCallback(ignore());
    }

    /** UNSUBSCRIBE. */
    public Deferred<@Nullable Void> unsubscribe(String mailbox) {
        return send(List.of("UNSUBSCRIBE ", string(mailbox)), null).addCallback(ignore());
    }

    /** LIST. */
    public Deferred<List<ListEntry>> list(String reference, String pattern) {
        return listing("LIST", reference, pattern);
    }

    /** LSUB. */
    public Deferred<List<ListEntry>> lsub(String reference, String pattern) {
        return listing("LSUB", reference, pattern);
    }

    private Deferred<List<ListEntry>> listing(String command, String reference, String pattern) {
        return send(List.of(command + " ", string(reference), " ", string(pattern)), null).addCallback(r -> {
            List<ListEntry> out = new ArrayList<>();
            for (ImapResponse u : r.untagged()) {
                if (command.equals(u.dataName()) && u.data().size() == 4 && u.data().get(1) instanceof ImapArg.Paren a) {
                    out.add(new ListEntry(ImapFetched.strings(a), nstring(u.data().get(2)), text(u.data().get(3))));
                }
            }
            return out;
        });
    }

    /** STATUS of these items ({@code MESSAGES}, {@code UIDNEXT}, ...); returns their values by name. */
    public Deferred<Map<String, Long>> status(String mailbox, String... items) {
        return send(List.of("STATUS ", string(mailbox), " (" + String.join(" ", items) + ")"), null).addCallback(r -> {
            Map<String, Long> out = new LinkedHashMap<>();
            for (ImapResponse u : r.untagged()) {
                if ("STATUS".equals(u.dataName()) && u.data().size() == 3 && u.data().get(2) instanceof ImapArg.Paren p) {
                    for (int i = 0; i + 1 < p.items().size(); i += 2) {
                        out.put(text(p.items().get(i)).toUpperCase(Locale.ROOT), number(p.items().get(i + 1)));
                    }
                }
            }
            return out;
        });
    }

    /** APPEND; returns APPENDUID if the server gave it, else null. */
    public Deferred<@Nullable UidPlus> append(String mailbox, byte[] message, Collection<String> flags,
            @Nullable Instant date) {
        List<Object> parts = new ArrayList<>(List.of("APPEND ", string(mailbox), " (" + String.join(" ", flags) + ") "));
        if (date != null) {
            parts.add("\"" + APPEND_DATE.format(date) + "\" ");
        }
        parts.add(message);
        return send(parts, null).addCallback(r -> uidPlus(r.tagged(), "APPENDUID"));
    }

    private static @Nullable UidPlus uidPlus(ImapResponse response, String code) {
        List<ImapArg> c = response.code();
        if (!code.equals(response.codeName())) {
            return null;
        }
        if (code.equals("APPENDUID") && c.size() == 3) {
            return new UidPlus(number(c.get(1)), "", text(c.get(2)));
        }
        if (code.equals("COPYUID") && c.size() == 4) {
            return new UidPlus(number(c.get(1)), text(c.get(2)), text(c.get(3)));
        }
        return null;
    }

    /** CHECK. */
    public Deferred<@Nullable Void> check() {
        return send("CHECK").addCallback(ignore());
    }

    /** CLOSE. */
    public Deferred<@Nullable Void> close() {
        return send("CLOSE").addCallback(ignore());
    }

    /** UNSELECT (RFC 3691). */
    public Deferred<@Nullable Void> unselect() {
        return send("UNSELECT").addCallback(ignore());
    }

    /** EXPUNGE; returns the sequence numbers expunged, in the order told. */
    public Deferred<List<Long>> expunge() {
        return send("EXPUNGE").addCallback(r -> r.untagged().stream().filter(u -> "EXPUNGE".equals(u.dataName()))
                .map(ImapResponse::number).toList());
    }

    /** SEARCH (or UID SEARCH) with these criteria as IMAP text ({@code UNSEEN FROM "bob"}). */
    public Deferred<List<Long>> search(String criteria, boolean uid) {
        return send((uid ? "UID " : "") + "SEARCH " + criteria).addCallback(r -> {
            List<Long> out = new ArrayList<>();
            for (ImapResponse u : r.untagged()) {
                if ("SEARCH".equals(u.dataName())) {
                    for (ImapArg a : u.data().subList(1, u.data().size())) {
                        if (a instanceof ImapArg.Atom) {
                            out.add(number(a));
                        }
                    }
                }
            }
            return out;
        });
    }

    /**
     * FETCH (or UID FETCH) of a message set and items as IMAP text ({@code (FLAGS ENVELOPE BODY.PEEK[])}); returns
     * the messages by sequence number in the order told (several responses for one message are merged).
     */
    public Deferred<Map<Long, ImapFetched>> fetch(String messages, String items, boolean uid) {
        return send((uid ? "UID " : "") + "FETCH " + messages + " " + items).addCallback(IMAP4Client::fetchResults);
    }

    private static Map<Long, ImapFetched> fetchResults(Result r) {
        Map<Long, ImapFetched> out = new LinkedHashMap<>();
        for (ImapResponse u : r.untagged()) {
            if ("FETCH".equals(u.dataName()) && u.data().size() == 3 && u.data().get(2) instanceof ImapArg.Paren p) {
                ImapFetched one = fetched(u.number(), p);
                ImapFetched before = out.get(one.seq());
                if (before != null) {
                    Map<String, ImapArg> merged = new LinkedHashMap<>(before.items());
                    merged.putAll(one.items());
                    one = new ImapFetched(one.seq(), merged);
                }
                out.put(one.seq(), one);
            }
        }
        return out;
    }

    static ImapFetched fetched(long seq, ImapArg.Paren list) {
        Map<String, ImapArg> items = new LinkedHashMap<>();
        List<ImapArg> all = list.items();
        for (int i = 0; i + 1 < all.size(); i += 2) {
            String name = text(all.get(i)).toUpperCase(Locale.ROOT);
            // BODY[]<0> is answered BODY[]<0>; the partial's origin is kept in the name as sent.
            items.put(name, all.get(i + 1));
        }
        return new ImapFetched(seq, Map.copyOf(items));
    }

    /**
     * STORE (or UID STORE): {@code how} is {@code FLAGS}, {@code +FLAGS} or {@code -FLAGS} (with {@code .SILENT}
     * if wanted); returns the flags told back, by sequence number.
     */
    public Deferred<Map<Long, Set<String>>> store(String messages, String how, Collection<String> flags, boolean uid) {
        return send((uid ? "UID " : "") + "STORE " + messages + " " + how + " (" + String.join(" ", flags) + ")")
                .addCallback(r -> {
                    Map<Long, Set<String>> out = new LinkedHashMap<>();
                    fetchResults(r).forEach((seq, f) -> {
                        Set<String> told = f.flags();
                        if (told != null) {
                            out.put(seq, told);
                        }
                    });
                    return out;
                });
    }

    /** COPY (or UID COPY); returns COPYUID if given, else null. */
    public Deferred<@Nullable UidPlus> copy(String messages, String mailbox, boolean uid) {
        return send(List.of((uid ? "UID " : "") + "COPY " + messages + " ", string(mailbox)), null)
                .addCallback(r -> uidPlus(r.tagged(), "COPYUID"));
    }

    /** MOVE (or UID MOVE, RFC 6851); returns COPYUID if given, else null. */
    public Deferred<@Nullable UidPlus> move(String messages, String mailbox, boolean uid) {
        return send(List.of((uid ? "UID " : "") + "MOVE " + messages + " ", string(mailbox)), null).addCallback(r -> {
            for (ImapResponse u : r.untagged()) {
                UidPlus found = uidPlus(u, "COPYUID");
                if (found != null) {
                    return found;
                }
            }
            return uidPlus(r.tagged(), "COPYUID");
        });
    }

    /** An IDLE under way (RFC 2177). */
    public final class Idle {
        private final Deferred<@Nullable Void> started = new Deferred<>();
        private final Deferred<@Nullable Void> ended = new Deferred<>();
        private final Deferred<Result> finished;
        private boolean done;

        private Idle() {
            finished = send(List.of("IDLE"), c -> {
                if (!started.isCalled()) {
                    started.callback(null);
                }
                return null;
            });
            finished.addErrback(f -> {
                if (!started.isCalled()) {
                    started.errback(f);
                }
                throw f.value() instanceof Exception e ? e : new IllegalStateException(f.value());
            });
            finished.addBoth(outcome -> {
                if (!ended.isCalled()) {
                    ended.callback(null);
                }
                return outcome;
            });
        }

        /** Fires once the server accepted IDLE; updates then arrive as they happen. */
        public Deferred<@Nullable Void> started() {
            return started;
        }

        /** Fires when the IDLE has ended, by {@link #done}, by the server, or with the connection. */
        public Deferred<@Nullable Void> ended() {
            return ended;
        }

        /** Ends the IDLE (DONE); fires when the server confirms. */
        public Deferred<@Nullable Void> done() {
            if (!done) {
                done = true;
                started.addCallback(v -> {
                    transport().write(ByteBuffer.wrap("DONE\r\n".getBytes(UTF_8)));
                    return null;
                });
            }
            return finished.addCallback(ignore());
        }
    }

    /** IDLE: returns the handle to end it with; updates meanwhile go to {@link Updates}. */
    public Idle idle() {
        return new Idle();
    }

    /** LOGOUT. */
    public Deferred<@Nullable Void> logout() {
        return send("LOGOUT").addCallback(r -> {
            transport().loseConnection();
            return null;
        });
    }

    private static String text(ImapArg arg) {
        return switch (arg) {
            case ImapArg.Atom a -> a.value();
            case ImapArg.Str s -> new String(s.bytes(), UTF_8);
            case ImapArg.Paren p -> "";
        };
    }

    private static @Nullable String nstring(ImapArg arg) {
        return arg instanceof ImapArg.Atom a && a.is("NIL") ? null : text(arg);
    }

    private static long number(ImapArg arg) {
        try {
            return Long.parseLong(text(arg));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
