package org.twisted4j.words.service;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Realm;
import org.twisted4j.defer.Deferred;
import org.twisted4j.words.irc.CaseMapping;

/**
 * The chat service behind {@code twist words} (Twisted's {@code InMemoryWordsRealm}): the users connected, the
 * groups (channels), the message of the day and the limits every connection keeps, and the cred {@link Realm}
 * that makes a {@link ChatAccount} for a user who logged in.
 *
 * <pre>{@code
 * ChatService service = new ChatService("irc.example.org");
 * service.createGroup("twisted");                  // #twisted exists from the start, even when empty
 * Portal portal = new Portal(service, new InMemoryUsernamePasswordDatabaseDontUse(Map.of("alice", "pw")));
 * reactor.listenTCP(6667, new IrcServerFactory(service, reactor, portal), 50, "127.0.0.1");
 * }</pre>
 *
 * <h2>Groups</h2>
 * As in Twisted, groups made with {@link #createGroup} always exist; whether {@code JOIN} may make others
 * (removed again when their last member leaves) is {@link #setCreateGroupOnRequest}, off by default as in Twisted.
 *
 * <h2>Limits</h2>
 * Flood control: each connection may send {@link #DEFAULT_FLOOD_BURST} lines at once and {@link
 * #DEFAULT_FLOOD_RATE} a second after that; a connection past it is closed with {@code ERROR :Excess Flood}
 * (rate 0 turns this off). Ping: a connection silent for {@link #DEFAULT_PING_INTERVAL} seconds is sent a
 * {@code PING} and closed after {@link #DEFAULT_PING_TIMEOUT} more seconds of silence.
 *
 * <h2>Threading</h2>
 * Reactor thread only; configure it before serving.
 */
public final class ChatService implements Realm {

    /** Lines a connection may send at once. */
    public static final int DEFAULT_FLOOD_BURST = 30;
    /** Lines per second a connection may send after its burst. */
    public static final double DEFAULT_FLOOD_RATE = 10;
    /** Seconds of silence before the server sends a PING. */
    public static final double DEFAULT_PING_INTERVAL = 120;
    /** Seconds after the PING before a silent connection is closed. */
    public static final double DEFAULT_PING_TIMEOUT = 60;
    /** The longest nick. */
    public static final int DEFAULT_NICK_LENGTH = 30;
    /** The most channels a user may be in. */
    public static final int DEFAULT_MAX_CHANNELS = 50;
    /** The server's version string. */
    public static final String VERSION = "twisted4j-words-0.1";

    final CaseMapping caseMapping = CaseMapping.RFC1459;
    final Map<String, IrcServerSession> users = new HashMap<>();
    final Map<String, Channel> channels = new HashMap<>();
    private final String name;
    private final String created;
    private final long createdEpoch;
    private List<String> motd = List.of("Welcome to twisted4j words.");
    private final Set<String> operators = new LinkedHashSet<>();
    private boolean createGroupOnRequest;
    private int floodBurst = DEFAULT_FLOOD_BURST;
    private double floodRate = DEFAULT_FLOOD_RATE;
    private double pingInterval = DEFAULT_PING_INTERVAL;
    private double pingTimeout = DEFAULT_PING_TIMEOUT;
    private int nickLength = DEFAULT_NICK_LENGTH;
    private int maxChannels = DEFAULT_MAX_CHANNELS;

    /**
     * Creates the service.
     *
     * @param name the server's name, as it prefixes its replies (Twisted's {@code --hostname})
     */
    public ChatService(String name) {
        this.name = name;
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        this.created = DateTimeFormatter.RFC_1123_DATE_TIME.format(now);
        this.createdEpoch = now.toEpochSecond();
    }

    /** Returns the server's name. */
    public String name() {
        return name;
    }

    String createdText() {
        return created;
    }

    long createdEpoch() {
        return createdEpoch;
    }

    /** Makes a group that always exists; {@code name} may be given with or without its {@code #}. */
    public void createGroup(String group) {
        String channel = group.startsWith("#") || group.startsWith("&") ? group : "#" + group;
        if (!IrcServerSession.validChannel(channel)) {
            throw new IllegalArgumentException("not a valid channel name: " + group);
        }
        channels.putIfAbsent(caseMapping.lower(channel), new Channel(channel, true, createdEpoch));
    }

    /** Returns the channel names, sorted. */
    public List<String> groupNames() {
        List<String> names = new ArrayList<>();
        for (Channel c : channels.values()) {
            names.add(c.name);
        }
        names.sort(null);
        return names;
    }

    /** Returns the nicks of the users connected and registered. */
    public List<String> userNames() {
        List<String> names = new ArrayList<>();
        for (IrcServerSession s : users.values()) {
            if (s.registered()) {
                names.add(s.nick());
            }
        }
        return names;
    }

    /** Sets whether {@code JOIN} may make a channel that does not exist (default false, as Twisted's). */
    public void setCreateGroupOnRequest(boolean create) {
        this.createGroupOnRequest = create;
    }

    boolean createGroupOnRequest() {
        return createGroupOnRequest;
    }

    /** Sets the message of the day, one entry a line; empty for none ({@code 422}). */
    public void setMotd(List<String> lines) {
        this.motd = List.copyOf(lines);
    }

    List<String> motd() {
        return motd;
    }

    /** Lets these accounts become IRC operators with {@code OPER name password} (checked through cred). */
    public void addOperators(Collection<String> accounts) {
        operators.addAll(accounts);
    }

    boolean mayOper(String account) {
        return operators.contains(account);
    }

    /**
     * Sets the flood limits.
     *
     * @param burst lines a connection may send at once (at least 1)
     * @param perSecond lines a second after the burst; 0 turns flood control off
     * @throws IllegalArgumentException if burst is below 1 or the rate negative
     */
    public void setFloodLimits(int burst, double perSecond) {
        if (burst < 1 || perSecond < 0) {
            throw new IllegalArgumentException("flood burst must be >= 1 and rate >= 0");
        }
        this.floodBurst = burst;
        this.floodRate = perSecond;
    }

    int floodBurst() {
        return floodBurst;
    }

    double floodRate() {
        return floodRate;
    }

    /**
     * Sets the ping timing.
     *
     * @param interval seconds of silence before a PING (also the registration deadline)
     * @param timeout seconds after the PING before the connection is closed
     * @throws IllegalArgumentException if either is not positive
     */
    public void setPingTimes(double interval, double timeout) {
        if (!(interval > 0) || !(timeout > 0)) {
            throw new IllegalArgumentException("ping interval and timeout must be positive");
        }
        this.pingInterval = interval;
        this.pingTimeout = timeout;
    }

    double pingInterval() {
        return pingInterval;
    }

    double pingTimeout() {
        return pingTimeout;
    }

    /** Sets the longest nick accepted (default 30). */
    public void setNickLength(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("nick length must be >= 1");
        }
        this.nickLength = length;
    }

    int nickLength() {
        return nickLength;
    }

    /** Sets the most channels one user may be in (default 50). */
    public void setMaxChannels(int max) {
        this.maxChannels = max;
    }

    int maxChannels() {
        return maxChannels;
    }

    @Nullable IrcServerSession user(String nick) {
        return users.get(caseMapping.lower(nick));
    }

    @Nullable Channel channel(String channel) {
        return channels.get(caseMapping.lower(channel));
    }

    @Override
    public Deferred<LoginResult> requestAvatar(String avatarId, @Nullable Object mind, Class<?>... interfaces) {
        for (Class<?> wanted : interfaces) {
            if (wanted == ChatAccount.class) {
                return Deferred.succeed(new LoginResult(ChatAccount.class, new ChatAccount(avatarId), LoginResult.NO_LOGOUT));
            }
        }
        return Deferred.fail(new UnsupportedOperationException("the chat service makes ChatAccount avatars only"));
    }
}
