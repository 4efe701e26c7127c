package org.twisted4j.words.irc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.task.LoopingCall;
import org.twisted4j.logger.Logger;
import org.twisted4j.defer.Failure;

/**
 * An IRC client protocol in the manner of Twisted's {@code IRCClient}: subclass it, override the callbacks
 * ({@link #signedOn}, {@link #joined}, {@link #privmsg}, {@link #userJoined}, {@link #modeChanged}...), and call
 * the commands ({@link #join}, {@link #msg}, {@link #say}, {@link #mode}...).
 *
 * <pre>{@code
 * class Bot extends IRCClient {
 *     Bot(ReactorTime clock) { super(clock); setNickname("bot"); }
 *     @Override protected void signedOn() { join("#twisted", null); }
 *     @Override protected void privmsg(String user, String channel, String message) {
 *         if (message.startsWith("!echo ")) say(channel, message.substring(6));
 *     }
 * }
 * }</pre>
 *
 * <h2>What it does for you</h2>
 * Registers ({@code PASS}, {@code NICK}, {@code USER}), picks another nick on {@code 433} ({@link
 * #alterCollidedNick}), answers {@code PING}, sends a heartbeat {@code PING} every {@link #heartbeatInterval()}
 * seconds once signed on, parses ISUPPORT into {@link #supported()}, answers CTCP {@code PING}, {@code VERSION},
 * {@code TIME}, {@code CLIENTINFO}, {@code USERINFO}, {@code SOURCE}, hands on {@code ACTION} and DCC offers,
 * splits long messages on UTF-8 boundaries to fit the 512-byte line, and spaces outgoing lines {@link
 * #lineRate()} seconds apart on the reactor clock when that is set.
 *
 * <h2>IRCv3</h2>
 * When {@link #requestCapabilities} names any capability, or SASL is configured ({@link #setSaslPlain},
 * {@link #setSaslExternal}), registration starts with {@code CAP LS 302}; the client requests what it wants among
 * what the server offers, runs SASL when {@code sasl} is acknowledged, and ends with {@code CAP END}. The tags of
 * the message being handled are available to callbacks through {@link #currentMessage()}, with {@link
 * #messageTime()} ({@code server-time}) and {@link #messageAccount()} ({@code account-tag}); {@code away-notify}
 * arrives as {@link #userAway}/{@link #userBack}, {@code multi-prefix} in {@link #namesReceived}, {@code batch}
 * as {@link #batchStarted}/{@link #batchEnded}, and with {@code echo-message} the client's own messages come
 * back through {@link #privmsg}.
 *
 * <h2>Threading</h2>
 * Reactor thread only, as every protocol.
 *
 * <h2>Pitfalls</h2>
 * Lines a server sends that do not parse are logged at debug level and ignored. {@link #sendLine(byte[])}
 * refuses CR, LF and NUL, so text from users cannot inject commands.
 */
public class IRCClient extends IrcLineReceiver {

    /** The longest line a server accepts, with CR LF. */
    public static final int MAX_COMMAND_LENGTH = IrcMessage.MAX_LINE_BYTES;
    /** The default seconds between heartbeat PINGs (Twisted's 120). */
    public static final double DEFAULT_HEARTBEAT_INTERVAL = 120;
    /** The nick tried when the server refuses the chosen one as erroneous before registration. */
    public static final String DEFAULT_ERRONEOUS_NICK_FALLBACK = "defaultnick";
    /** The CTCP queries answered by default, as CLIENTINFO lists them. */
    public static final List<String> CTCP_QUERIES =
            List.of("ACTION", "CLIENTINFO", "DCC", "PING", "SOURCE", "TIME", "USERINFO", "VERSION");

    /** The most MOTD lines, NAMES entries per channel, open batches and messages per batch the client keeps. */
    public static final int MAX_HELD = 10_000;
    /** The most batches open at once. */
    public static final int MAX_OPEN_BATCHES = 64;

    private static final Logger log = new Logger("irc");

    private final ReactorTime clock;
    private java.time.Clock wallClock = java.time.Clock.systemUTC();
    private String nickname = "irc";
    private @Nullable String attemptedNick;
    private @Nullable String password;
    private @Nullable String username;
    private @Nullable String realname;
    private @Nullable String userinfo;
    private @Nullable String versionName;
    private @Nullable String versionNum;
    private @Nullable String versionEnv;
    private String sourceURL = "https://github.com/twisted4j";
    private String erroneousNickFallback = DEFAULT_ERRONEOUS_NICK_FALLBACK;
    private double lineRate;
    private double heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private boolean performLogin = true;
    private final Set<String> requested = new LinkedHashSet<>();
    private @Nullable String saslMechanism;
    private byte[] saslPayload = new byte[0];

    private final ServerSupportedFeatures supported = new ServerSupportedFeatures();
    private final CapNegotiation caps;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private @Nullable DelayedCall queueEmptying;
    private @Nullable LoopingCall heartbeat;
    private boolean registered;
    private @Nullable String serverName;
    private @Nullable String account;
    private @Nullable List<String> motd;
    private final Map<String, List<ChannelMember>> namesBuffer = new HashMap<>();
    private final Map<String, Batch> batches = new HashMap<>();
    private final Map<String, Double> pings = new HashMap<>();
    private @Nullable IrcMessage current;

    private record Batch(String type, List<String> params, List<IrcMessage> messages) {
    }

    /**
     * Creates a client whose timers (heartbeat, line rate, CTCP PING times) run on {@code clock}.
     *
     * @param clock the reactor's time, or a {@code Clock} in tests
     */
    @SuppressWarnings("this-escape")
    public IRCClient(ReactorTime clock) {
        this.clock = clock;
        this.caps = new CapNegotiation(this);
    }

    // ----------------------------------------------------------------------------------------- configuration

    /** Returns the nick in use (after registration, the one the server accepted). */
    public final String nickname() {
        return nickname;
    }

    /** Sets the nick to register with. */
    public final void setNickname(String nick) {
        this.nickname = nick;
    }

    /** Sets the server password sent as {@code PASS}, or null for none. */
    public final void setPassword(@Nullable String password) {
        this.password = password;
    }

    /** Sets the user name of {@code USER} (default: the nick). */
    public final void setUsername(@Nullable String username) {
        this.username = username;
    }

    /** Sets the real name of {@code USER} (default: the nick). */
    public final void setRealname(@Nullable String realname) {
        this.realname = realname;
    }

    /** Sets the CTCP USERINFO answer, or null for none. */
    public final void setUserinfo(@Nullable String userinfo) {
        this.userinfo = userinfo;
    }

    /** Sets the CTCP VERSION answer's parts; with a null name VERSION is not answered. */
    public final void setVersion(@Nullable String name, @Nullable String number, @Nullable String environment) {
        this.versionName = name;
        this.versionNum = number;
        this.versionEnv = environment;
    }

    /** Sets the CTCP SOURCE answer. */
    public final void setSourceURL(String url) {
        this.sourceURL = url;
    }

    /** Sets the nick tried when the chosen one is refused as erroneous before registration. */
    public final void setErroneousNickFallback(String nick) {
        this.erroneousNickFallback = nick;
    }

    /** Returns the seconds kept between outgoing lines; 0 sends at once. */
    public final double lineRate() {
        return lineRate;
    }

    /** Sets the seconds kept between outgoing lines (Twisted's {@code lineRate}); 0 (the default) sends at once. */
    public final void setLineRate(double seconds) {
        if (seconds < 0 || Double.isNaN(seconds)) {
            throw new IllegalArgumentException("lineRate must be >= 0, was " + seconds);
        }
        this.lineRate = seconds;
    }

    /** Returns the seconds between heartbeat PINGs; 0 sends none. */
    public final double heartbeatInterval() {
        return heartbeatInterval;
    }

    /** Sets the seconds between heartbeat PINGs (default 120); 0 sends none. */
    public final void setHeartbeatInterval(double seconds) {
        this.heartbeatInterval = seconds;
    }

    /** Sets whether {@link #connectionMade} registers (default true; Twisted's {@code performLogin}). */
    public final void setPerformLogin(boolean performLogin) {
        this.performLogin = performLogin;
    }

    /** Sets the wall clock used for CTCP TIME and for messages without a {@code time} tag. */
    public final void setWallClock(java.time.Clock wallClock) {
        this.wallClock = wallClock;
    }

    /**
     * Asks for IRCv3 capabilities (such as {@code server-time}, {@code multi-prefix}, {@code away-notify},
     * {@code account-tag}, {@code echo-message}, {@code batch}, {@code message-tags}) when the server offers them.
     */
    public final void requestCapabilities(String... capabilities) {
        requested.addAll(List.of(capabilities));
    }

    /** Logs in with SASL PLAIN during registration, when the server offers {@code sasl}. */
    public final void setSaslPlain(String user, String password) {
        this.saslMechanism = "PLAIN";
        this.saslPayload = CapNegotiation.plainPayload("", user, password);
    }

    /** Logs in with SASL EXTERNAL (the TLS client certificate) during registration, optionally as {@code authzid}. */
    public final void setSaslExternal(String authzid) {
        this.saslMechanism = "EXTERNAL";
        this.saslPayload = authzid.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Returns the capabilities the server acknowledged. */
    public final Set<String> enabledCapabilities() {
        return Set.copyOf(caps.enabled());
    }

    /** Returns the capabilities the server offered in {@code CAP LS}, with their values. */
    public final Map<String, String> availableCapabilities() {
        return Map.copyOf(caps.available());
    }

    /** Returns what the server announced in ISUPPORT. */
    public final ServerSupportedFeatures supported() {
        return supported;
    }

    /** Returns whether the server has welcomed the client ({@code 001}). */
    public final boolean isRegistered() {
        return registered;
    }

    /** Returns the server's name, from the prefix of its welcome, or null before it. */
    public final @Nullable String serverName() {
        return serverName;
    }

    final Set<String> requestedCapabilities() {
        return requested;
    }

    final @Nullable String saslMechanism() {
        return saslMechanism;
    }

    final byte[] saslPayload() {
        return saslPayload.clone();
    }

    // ------------------------------------------------------------------------------------------- connection

    @Override
    public void connectionMade() {
        if (performLogin) {
            register(nickname);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        stopHeartbeat();
        if (queueEmptying != null && queueEmptying.active()) {
            queueEmptying.cancel();
        }
        queueEmptying = null;
        queue.clear();
    }

    /** Registers: {@code CAP LS 302} when capabilities or SASL are wanted, then {@code PASS}, {@code NICK}, {@code USER}. */
    public void register(String nick) {
        if (!requested.isEmpty() || saslMechanism != null) {
            caps.start();
        }
        if (password != null) {
            sendLine("PASS " + password);
        }
        setNick(nick);
        String user = username != null ? username : nick;
        sendMessage(IrcMessage.of("USER", user, "0", "*", realname != null ? realname : nick));
    }

    @Override
    protected void messageReceived(IrcMessage message) {
        handleMessage(message);
    }

    @Override
    protected void lineRefused(IrcParseException error) {
        log.debug("ignoring a line from the server: {reason}", "reason", error.getMessage());
    }

    /** Handles one parsed message: the dispatcher every received line goes through. */
    protected void handleMessage(IrcMessage message) {
        current = message;
        try {
            String batch = message.tag("batch");
            Batch open = batch == null ? null : batches.get(batch);
            if (open != null && open.messages().size() < MAX_HELD) {
                open.messages().add(message);
            }
            IrcDispatch.dispatch(this, message);
        } finally {
            current = null;
        }
    }

    /** Returns the message whose callback is running, with its tags, or null outside callbacks. */
    protected final @Nullable IrcMessage currentMessage() {
        return current;
    }

    /** Returns when the current message was sent: its {@code server-time} tag, else now on the wall clock. */
    protected final Instant messageTime() {
        String time = current == null ? null : current.tag("time");
        if (time != null) {
            try {
                return Instant.parse(time);
            } catch (DateTimeParseException e) {
                log.debug("ignoring a time tag that does not parse: {time}", "time", time);
            }
        }
        return wallClock.instant();
    }

    /** Returns the account of the current message's sender ({@code account-tag}), or null. */
    protected final @Nullable String messageAccount() {
        return current == null ? null : current.tag("account");
    }

    /** Returns the account the server says this connection is logged in to ({@code 900}), or null. */
    public final @Nullable String account() {
        return account;
    }

    // ------------------------------------------------------------------------------------- state (dispatch)

    final CapNegotiation caps() {
        return caps;
    }

    final void accountChanged(String mask, @Nullable String name) {
        account = name;
        if (name == null) {
            loggedOut(mask);
        } else {
            loggedIn(mask, name);
        }
    }

    final void welcomed(IrcMessage m) {
        registered = true;
        serverName = m.prefix();
        if (attemptedNick != null) {
            nickname = attemptedNick;
        }
        if (!m.param(0).isEmpty()) {
            nickname = m.param(0);
        }
        signedOn();
        startHeartbeat();
    }

    final void nickInUse() {
        if (!registered) {
            attemptedNick = alterCollidedNick(attemptedNick != null ? attemptedNick : nickname);
            setNick(attemptedNick);
        }
    }

    final void erroneousNick() {
        if (!registered) {
            setNick(erroneousNickFallback);
        }
    }

    final void selfRenamed(String newNick) {
        nickname = newNick;
        nickChanged(newNick);
    }

    final void motdLine(String line, boolean start) {
        if (start || motd == null) {
            motd = new ArrayList<>();
        }
        if (motd.size() < MAX_HELD) {
            motd.add(line);
        }
    }

    final void motdEnd() {
        List<String> lines = motd == null ? List.of() : motd;
        motd = null;
        receivedMOTD(lines);
    }

    final void namesLine(String channel, String entries) {
        String key = supported.caseMapping().lower(channel);
        if (!namesBuffer.containsKey(key) && namesBuffer.size() >= MAX_OPEN_BATCHES) {
            return;
        }
        List<ChannelMember> members = namesBuffer.computeIfAbsent(key, c -> new ArrayList<>());
        for (String entry : entries.split(" ")) {
            if (!entry.isEmpty() && members.size() < MAX_HELD) {
                members.add(ChannelMember.parse(entry, supported.prefixes()));
            }
        }
    }

    final void namesEnd(String channel) {
        List<ChannelMember> members = namesBuffer.remove(supported.caseMapping().lower(channel));
        namesReceived(channel, members == null ? List.of() : List.copyOf(members));
    }

    final void batchMessage(IrcMessage m) {
        String ref = m.param(0);
        if (ref.startsWith("+") && ref.length() > 1 && batches.size() < MAX_OPEN_BATCHES) {
            List<String> params = m.params().subList(Math.min(2, m.params().size()), m.params().size());
            batches.put(ref.substring(1), new Batch(m.param(1), List.copyOf(params), new ArrayList<>()));
            batchStarted(ref.substring(1), m.param(1), params);
        } else if (ref.startsWith("-")) {
            Batch done = batches.remove(ref.substring(1));
            if (done != null) {
                batchEnded(ref.substring(1), done.type(), List.copyOf(done.messages()));
            }
        }
    }

    final void ctcpPingReply(String user, String data) {
        Double sent = pings.remove(UserMask.parse(user).nick() + " " + data);
        if (sent != null) {
            pong(user, clock.seconds() - sent);
        }
    }

    final void answerCtcp(String user, String channel, Ctcp.CtcpMessage query) {
        String nick = UserMask.parse(user).nick();
        String data = query.data();
        switch (query.tag()) {
            case "ACTION" -> action(user, channel, data == null ? "" : data);
            case "PING" -> ctcpMakeReply(nick, "PING", data);
            case "VERSION" -> {
                if (versionName != null) {
                    ctcpMakeReply(nick, "VERSION", versionName + ":" + (versionNum == null ? "" : versionNum) + ":"
                            + (versionEnv == null ? "" : versionEnv));
                }
            }
            case "TIME" -> ctcpMakeReply(nick, "TIME", ":" + DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(wallClock.instant().atZone(ZoneOffset.UTC)));
            case "CLIENTINFO" -> ctcpMakeReply(nick, "CLIENTINFO", String.join(" ", CTCP_QUERIES));
            case "SOURCE" -> ctcpMakeReply(nick, "SOURCE", sourceURL);
            case "USERINFO" -> {
                if (userinfo != null) {
                    ctcpMakeReply(nick, "USERINFO", ":" + userinfo);
                }
            }
            case "DCC" -> DccOffer.parse(data == null ? "" : data).ifPresentOrElse(
                    offer -> dccOffered(user, channel, offer),
                    () -> ctcpMakeReply(nick, "ERRMSG", "DCC " + data + " :malformed DCC request"));
            default -> ctcpUnknownQuery(user, channel, query.tag(), data);
        }
    }

    // ------------------------------------------------------------------------------------------- commands

    /** Sends {@code NICK}; the nick becomes {@link #nickname()} once the server confirms or welcomes. */
    public void setNick(String nick) {
        attemptedNick = nick;
        sendMessage(IrcMessage.of("NICK", nick));
    }

    /** Joins a channel, with its key or null. */
    public void join(String channel, @Nullable String key) {
        channel = withChannelPrefix(channel);
        sendMessage(key == null ? IrcMessage.of("JOIN", channel) : IrcMessage.of("JOIN", channel, key));
    }

    /** Leaves a channel, with a reason or null. */
    public void leave(String channel, @Nullable String reason) {
        channel = withChannelPrefix(channel);
        sendMessage(reason == null ? IrcMessage.of("PART", channel) : IrcMessage.of("PART", channel, reason));
    }

    /** Kicks a user from a channel. */
    public void kick(String channel, String user, @Nullable String reason) {
        channel = withChannelPrefix(channel);
        sendMessage(reason == null ? IrcMessage.of("KICK", channel, user) : IrcMessage.of("KICK", channel, user, reason));
    }

    /** Invites a user to a channel. */
    public void invite(String user, String channel) {
        sendMessage(IrcMessage.of("INVITE", user, withChannelPrefix(channel)));
    }

    /** Sets a channel's topic, or asks for it when {@code topic} is null. */
    public void topic(String channel, @Nullable String topic) {
        channel = withChannelPrefix(channel);
        sendMessage(topic == null ? IrcMessage.of("TOPIC", channel) : IrcMessage.of("TOPIC", channel, topic));
    }

    /** Changes modes: {@code mode("#c", true, "ov", "alice", "bob")} sends {@code MODE #c +ov alice bob}. */
    public void mode(String target, boolean set, String modes, String... args) {
        List<String> params = new ArrayList<>();
        params.add(target);
        params.add((set ? "+" : "-") + modes);
        params.addAll(List.of(args));
        sendMessage(new IrcMessage(Map.of(), null, "MODE", params));
    }

    /** Says something in a channel (a {@code #} is added to a name without a channel prefix). */
    public void say(String channel, String message) {
        msg(withChannelPrefix(channel), message);
    }

    /** Sends a message to a user or channel, split into as many PRIVMSGs as needed to fit the line. */
    public void msg(String target, String message) {
        msg(target, message, safeMaximumLength("PRIVMSG " + target + " :"));
    }

    /** Sends a message split into pieces of at most {@code length} bytes. */
    public void msg(String target, String message, int length) {
        for (String piece : IrcText.split(message, length)) {
            sendMessage(IrcMessage.of("PRIVMSG", target, piece));
        }
    }

    /** Sends a NOTICE, split to fit the line. */
    public void notice(String target, String message) {
        for (String piece : IrcText.split(message, safeMaximumLength("NOTICE " + target + " :"))) {
            sendMessage(IrcMessage.of("NOTICE", target, piece));
        }
    }

    /** Sends a CTCP ACTION ({@code /me}). */
    public void describe(String target, String action) {
        ctcpMakeQuery(target, List.of(new Ctcp.CtcpMessage("ACTION", action)));
    }

    /** Marks the client away with a message. */
    public void away(String message) {
        sendMessage(IrcMessage.of("AWAY", message));
    }

    /** Marks the client back. */
    public void back() {
        sendLine("AWAY");
    }

    /** Asks for WHOIS of a nick. */
    public void whois(String nick) {
        sendMessage(IrcMessage.of("WHOIS", nick));
    }

    /** Asks for the NAMES of channels. */
    public void names(String... channels) {
        sendMessage(IrcMessage.of("NAMES", String.join(",", channels)));
    }

    /** Quits with a message. */
    public void quit(String message) {
        sendMessage(IrcMessage.of("QUIT", message));
    }

    /** Sends a CTCP PING to a user; {@link #pong} reports the round trip. */
    public void ping(String user, @Nullable String text) {
        String key = text != null ? text : Long.toString(System.nanoTime() & 0xFFFFFFFFL);
        pings.put(user + " " + key, clock.seconds());
        ctcpMakeQuery(user, List.of(new Ctcp.CtcpMessage("PING", key)));
    }

    /** Sends CTCP queries in a PRIVMSG. */
    public void ctcpMakeQuery(String target, List<Ctcp.CtcpMessage> messages) {
        sendMessage(IrcMessage.of("PRIVMSG", target, Ctcp.stringify(messages)));
    }

    /** Sends a CTCP reply in a NOTICE. */
    public void ctcpMakeReply(String target, String tag, @Nullable String data) {
        sendMessage(IrcMessage.of("NOTICE", target, Ctcp.stringify(tag, data)));
    }

    /**
     * Sends a line, after the lines queued before it when {@link #lineRate()} is set.
     *
     * @throws IllegalArgumentException if the line holds CR, LF or NUL
     */
    @Override
    public void sendLine(byte[] line) {
        byte[] framed = frame(line);
        if (lineRate <= 0) {
            transport().write(java.nio.ByteBuffer.wrap(framed));
            return;
        }
        queue.add(framed);
        if (queueEmptying == null) {
            sendQueued();
        }
    }

    private void sendQueued() {
        byte[] next = queue.poll();
        if (next == null) {
            queueEmptying = null;
            return;
        }
        transport().write(java.nio.ByteBuffer.wrap(next));
        queueEmptying = clock.callLater(lineRate, this::sendQueued);
    }

    private int safeMaximumLength(String command) {
        int hostmask = (":" + nickname + "!" + "u".repeat(10) + "@" + "h".repeat(63) + " ").length();
        return Math.max(4, MAX_COMMAND_LENGTH - 2 - hostmask - IrcText.utf8Length(command));
    }

    private String withChannelPrefix(String channel) {
        return !channel.isEmpty() && supported.channelTypes().indexOf(channel.charAt(0)) >= 0 ? channel : "#" + channel;
    }

    private void startHeartbeat() {
        stopHeartbeat();
        if (heartbeatInterval > 0) {
            LoopingCall call = new LoopingCall(clock, this::sendHeartbeat);
            heartbeat = call;
            call.start(heartbeatInterval, false);
        }
    }

    private void stopHeartbeat() {
        if (heartbeat != null && heartbeat.running()) {
            try {
                heartbeat.stop();
            } catch (org.twisted4j.internet.AlreadyCancelledException e) {
                log.debug("the heartbeat was already cancelled (the reactor is stopping)");
            }
        }
        heartbeat = null;
    }

    /** Sends the heartbeat PING. */
    protected void sendHeartbeat() {
        sendMessage(IrcMessage.of("PING", serverName != null ? serverName : "heartbeat"));
    }

    /** Returns the nick to try after {@code nick} was taken; Twisted's default appends an underscore. */
    protected String alterCollidedNick(String nick) {
        return nick + "_";
    }

    // ------------------------------------------------------------------------------------------ callbacks

    /** Called when the server has welcomed the client ({@code 001}). */
    protected void signedOn() {
    }

    /** Called with the server's {@code 002} text. */
    protected void yourHost(String info) {
    }

    /** Called with the server's {@code 003} text. */
    protected void created(String when) {
    }

    /** Called with the server's {@code 004} parameters: name, version, user modes, channel modes. */
    protected void myInfo(List<String> info) {
    }

    /** Called with each ISUPPORT line's tokens, after {@link #supported()} has taken them. */
    protected void isupport(List<String> tokens) {
    }

    /** Called with the MOTD lines (at most {@link #MAX_HELD}). */
    protected void receivedMOTD(List<String> motd) {
    }

    /** Called when the client joined a channel. */
    protected void joined(String channel) {
    }

    /** Called when the client left a channel. */
    protected void left(String channel) {
    }

    /** Called when the client was kicked from a channel. */
    protected void kickedFrom(String channel, String kicker, String message) {
    }

    /** Called when the server confirmed the client's new nick. */
    protected void nickChanged(String nick) {
    }

    /** Called with a PRIVMSG's text (CTCP removed): {@code user} is the full prefix, {@code channel} the target. */
    protected void privmsg(String user, String channel, String message) {
    }

    /** Called with a NOTICE's text (CTCP removed). */
    protected void noticed(String user, String channel, String message) {
    }

    /** Called with a CTCP ACTION ({@code /me}). */
    protected void action(String user, String channel, String data) {
    }

    /**
     * Called for each run of mode changes: {@code set} says {@code +} or {@code -}, {@code args} holds one entry per
     * mode letter, null for a mode without argument.
     */
    protected void modeChanged(String user, String channel, boolean set, String modes, List<@Nullable String> args) {
    }

    /** Called when another user joined a channel the client is in. */
    protected void userJoined(String nick, String channel) {
    }

    /** Called when another user left a channel. */
    protected void userLeft(String nick, String channel) {
    }

    /** Called when another user quit. */
    protected void userQuit(String nick, String quitMessage) {
    }

    /** Called when another user was kicked. */
    protected void userKicked(String kickee, String channel, String kicker, String message) {
    }

    /** Called when another user changed nick. */
    protected void userRenamed(String oldName, String newName) {
    }

    /** Called when a channel's topic is known or changed ({@code 332} or {@code TOPIC}). */
    protected void topicUpdated(String user, String channel, String newTopic) {
    }

    /** Called with the members of a channel when its NAMES reply ends (at most {@link #MAX_HELD}). */
    protected void namesReceived(String channel, List<ChannelMember> members) {
    }

    /** Called when a user goes away ({@code away-notify}, or {@code 301} in reply to a message). */
    protected void userAway(String nick, String message) {
    }

    /** Called when a user comes back ({@code away-notify}). */
    protected void userBack(String nick) {
    }

    /** Called with the round trip, in seconds, of a CTCP PING this client sent. */
    protected void pong(String user, double seconds) {
    }

    /** Called with a DCC offer. */
    protected void dccOffered(String user, String channel, DccOffer offer) {
    }

    /** Called with a CTCP query this client does not know; the default answers ERRMSG, as Twisted's. */
    protected void ctcpUnknownQuery(String user, String channel, String tag, @Nullable String data) {
        ctcpMakeReply(UserMask.parse(user).nick(), "ERRMSG", tag + (data == null ? "" : " " + data)
                + " :Unknown query '" + tag + "'");
    }

    /** Called with a CTCP reply other than PING. */
    protected void ctcpReply(String user, String channel, Ctcp.CtcpMessage reply) {
    }

    /** Called when the server acknowledged capabilities; the set is all enabled so far. */
    protected void capabilitiesAcknowledged(Set<String> enabled) {
    }

    /** Called when SASL succeeded ({@code 903}). */
    protected void saslSucceeded() {
    }

    /**
     * Called when SASL failed ({@code 902} nick locked, {@code 904} failed, {@code 905} too long, {@code 906}
     * aborted, {@code 907} already logged in); registration goes on without it. A {@code 908} (the mechanisms the
     * server offers) goes to {@link #saslMechanismsOffered} and the failure that follows it here.
     */
    protected void saslFailed(String reason) {
    }

    /** Called with the mechanisms the server says it offers ({@code 908 RPL_SASLMECHS}). */
    protected void saslMechanismsOffered(List<String> mechanisms) {
    }

    /**
     * Called when the server says this connection is logged in to an account ({@code 900 RPL_LOGGEDIN}), during
     * SASL or later (services logins); {@link #account()} returns it from then on.
     *
     * @param mask the connection's {@code nick!user@host} as the server gives it
     * @param account the account name
     */
    protected void loggedIn(String mask, String account) {
    }

    /** Called when the server says this connection is logged out of its account ({@code 901 RPL_LOGGEDOUT}). */
    protected void loggedOut(String mask) {
    }

    /** Called when a batch opens. */
    protected void batchStarted(String reference, String type, List<String> params) {
    }

    /**
     * Called when a batch closes, with the messages that carried its tag (each was also handled as usual; at most
     * {@link #MAX_HELD} are kept, and at most {@link #MAX_OPEN_BATCHES} batches are followed at once).
     */
    protected void batchEnded(String reference, String type, List<IrcMessage> messages) {
    }

    /** Called when the server refused the password ({@code 464}); the default closes the connection. */
    protected void passwordMismatch() {
        transport().loseConnection();
    }

    /** Called with a message no handler took. */
    protected void unknownMessage(IrcMessage message) {
    }
}
