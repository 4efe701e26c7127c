package org.twisted4j.words.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.logger.Logger;
import org.twisted4j.words.irc.IrcLineReceiver;
import org.twisted4j.words.irc.IrcMessage;
import org.twisted4j.words.irc.IrcParseException;

/**
 * One client connection of the IRC server (Twisted's {@code IRCUser}): registration, CAP and SASL, flood control,
 * ping timeouts, and the dispatch of commands to {@link ServerCommands}.
 *
 * <p>Reactor thread only.
 */
final class IrcServerSession extends IrcLineReceiver {

    static final String NICKSERV = "NickServ!NickServ@services";
    static final Set<String> CAPABILITIES = Set.of("multi-prefix", "server-time", "away-notify", "echo-message",
            "account-tag", "message-tags", "cap-notify");
    /** Commands whose last parameter is text, written with a colon always. */
    static final Set<String> TEXT_COMMANDS = Set.of("PRIVMSG", "NOTICE", "PART", "QUIT", "KICK", "TOPIC", "AWAY", "ERROR");
    static boolean colonFor(String command, int paramCount) {
        return switch (command) {
            case "QUIT", "AWAY", "ERROR" -> paramCount >= 1;
            default -> paramCount >= 2 && TEXT_COMMANDS.contains(command);
        };
    }

    /** Numerics whose last parameter is not text. */
    private static final Set<String> BARE_NUMERICS = Set.of("004", "221", "324", "329", "333", "341", "367");
    private static final Set<String> BEFORE_REGISTRATION =
            Set.of("PASS", "NICK", "USER", "CAP", "AUTHENTICATE", "PING", "PONG", "QUIT", "PRIVMSG");
    private static final Logger log = new Logger("words.irc");

    final ChatService service;
    final ReactorTime clock;
    final @Nullable Portal portal;
    private final ServerCommands commands;
    final Set<Channel> channels = new LinkedHashSet<>();
    final Set<String> caps = new LinkedHashSet<>();
    final Set<Character> userModes = new LinkedHashSet<>();

    private @Nullable String nick;
    private @Nullable String user;
    String realname = "";
    String host = "unknown";
    private @Nullable String password;
    @Nullable String account;
    @Nullable String away;
    private boolean registered;
    private boolean loggingIn;
    private boolean capNegotiating;
    private boolean saslPlain;
    private final StringBuilder saslBuffer = new StringBuilder();
    private boolean connected;
    private double tokens;
    private double lastTokenTime;
    private double lastReceived;
    double lastSpoke;
    private boolean pinged;
    private @Nullable DelayedCall pingTimer;

    IrcServerSession(ChatService service, ReactorTime clock, @Nullable Portal portal) {
        this.service = service;
        this.clock = clock;
        this.portal = portal;
        this.commands = new ServerCommands(this);
    }

    String nick() {
        return nick == null ? "*" : nick;
    }

    boolean registered() {
        return registered;
    }

    String mask() {
        return nick() + "!" + (user == null ? "unknown" : user) + "@" + host;
    }

    String server() {
        return service.name();
    }

    @Override
    public void connectionMade() {
        connected = true;
        host = switch (transport().getPeer()) {
            case IPv4Address a -> a.host();
            case IPv6Address a -> a.host().indexOf(':') == 0 ? "0" + a.host() : a.host();
            default -> "localhost";
        };
        tokens = service.floodBurst();
        lastTokenTime = clock.seconds();
        lastReceived = clock.seconds();
        lastSpoke = lastReceived;
        schedulePing(service.pingInterval());
    }

    @Override
    public void connectionLost(Failure reason) {
        connected = false;
        if (pingTimer != null && pingTimer.active()) {
            pingTimer.cancel();
        }
        if (nick != null) {
            commands.quit("Connection closed");
        }
    }

    // ---------------------------------------------------------------------------------------------- input

    @Override
    protected void messageReceived(IrcMessage message) {
        if (!connected || transport().isDisconnecting()) {
            return;
        }
        lastReceived = clock.seconds();
        pinged = false;
        if (!takeToken()) {
            return;
        }
        String command = message.command();
        if (!registered && !BEFORE_REGISTRATION.contains(command)) {
            numeric("451", "You have not registered");
            return;
        }
        List<String> p = message.params();
        switch (command) {
            case "PASS" -> pass(p);
            case "NICK" -> nick(p);
            case "USER" -> user(p);
            case "CAP" -> cap(p);
            case "AUTHENTICATE" -> authenticate(p);
            case "PING" -> {
                if (p.isEmpty()) {
                    numeric("409", "No origin specified");
                } else {
                    sendFrom(server(), "PONG", server(), p.get(0));
                }
            }
            case "PONG" -> { }
            case "QUIT" -> {
                sendLine("ERROR :Closing Link: " + host + " (Quit: " + (p.isEmpty() ? nick() : p.get(0)) + ")");
                commands.quit("Quit: " + (p.isEmpty() ? nick() : p.get(0)));
                transport().loseConnection();
            }
            case "PRIVMSG" -> {
                if (registered) {
                    commands.privmsg(message, false);
                } else {
                    nickServ(p);
                }
            }
            default -> commands.dispatch(message);
        }
    }

    @Override
    protected void lineRefused(IrcParseException error) {
        if (!connected || transport().isDisconnecting()) {
            return;
        }
        if (!takeToken()) {
            return;
        }
        if (error.isTooLong()) {
            numeric("417", "Input line was too long");
        } else {
            log.debug("{peer}: ignoring a malformed line: {reason}", "peer", host, "reason", error.getMessage());
        }
    }

    private boolean takeToken() {
        if (service.floodRate() <= 0) {
            return true;
        }
        double now = clock.seconds();
        tokens = Math.min(service.floodBurst(), tokens + (now - lastTokenTime) * service.floodRate());
        lastTokenTime = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        log.info("{peer} {nick}: closing the connection, excess flood", "peer", host, "nick", nick());
        sendLine("ERROR :Closing Link: " + host + " (Excess Flood)");
        if (nick != null) {
            commands.quit("Excess Flood");
            releaseNick();
        }
        transport().loseConnection();
        return false;
    }

    private void schedulePing(double delay) {
        pingTimer = clock.callLater(Math.max(0, delay), this::checkPing);
    }

    private void checkPing() {
        if (!connected) {
            return;
        }
        double silent = clock.seconds() - lastReceived;
        if (pinged && silent >= service.pingInterval() + service.pingTimeout() - 1e-9 || !registered && silent >= service.pingInterval() - 1e-9) {
            long seconds = Math.round(silent);
            sendLine("ERROR :Closing Link: " + host + " (" + (registered ? "Ping timeout: " + seconds + " seconds" : "Registration timeout") + ")");
            if (nick != null) {
                commands.quit("Ping timeout: " + seconds + " seconds");
                releaseNick();
            }
            transport().loseConnection();
            return;
        }
        if (silent >= service.pingInterval() - 1e-9) {
            if (!pinged) {
                pinged = true;
                sendLine("PING :" + server());
            }
            schedulePing(service.pingInterval() + service.pingTimeout() - silent);
        } else {
            schedulePing(service.pingInterval() - silent);
        }
    }

    // -------------------------------------------------------------------------------------- registration

    private void pass(List<String> p) {
        if (registered) {
            numeric("462", "Unauthorized command (already registered)");
        } else if (p.isEmpty()) {
            numeric("461", "PASS", "Not enough parameters");
        } else {
            password = p.get(p.size() - 1);
        }
    }

    private void nick(List<String> p) {
        if (p.isEmpty() || p.get(0).isEmpty()) {
            numeric("431", "No nickname given");
            return;
        }
        String wanted = p.get(0);
        if (!validNick(wanted, service.nickLength())) {
            numeric("432", wanted, "Erroneous nickname");
            return;
        }
        IrcServerSession holder = service.user(wanted);
        if (holder != null && holder != this) {
            numeric("433", wanted, "Nickname is already in use");
            return;
        }
        if (nick != null && nick.equals(wanted)) {
            return;
        }
        if (registered) {
            commands.renamed(mask(), wanted);
        }
        releaseNick();
        nick = wanted;
        service.users.put(service.caseMapping.lower(wanted), this);
        tryRegister();
    }

    private void releaseNick() {
        if (nick != null && service.user(nick) == this) {
            service.users.remove(service.caseMapping.lower(nick));
        }
    }

    private void user(List<String> p) {
        if (registered || user != null) {
            numeric("462", "Unauthorized command (already registered)");
            return;
        }
        if (p.size() < 4 || p.get(0).isEmpty()) {
            numeric("461", "USER", "Not enough parameters");
            return;
        }
        String name = p.get(0).replaceAll("[^A-Za-z0-9._~-]", "");
        user = name.isEmpty() ? "user" : name.substring(0, Math.min(10, name.length()));
        realname = p.get(3);
        tryRegister();
    }

    private void tryRegister() {
        if (registered || loggingIn || nick == null || user == null || capNegotiating) {
            return;
        }
        if (portal == null || account != null) {
            welcome();
        } else if (password != null) {
            String given = password;
            password = null;
            logIn(nick, given, false);
        } else {
            sendFrom(NICKSERV, "PRIVMSG", nick, "Password?");
        }
    }

    private void nickServ(List<String> p) {
        if (nick == null || user == null || portal == null || p.size() < 2) {
            numeric("451", "You have not registered");
            return;
        }
        if (!p.get(0).equalsIgnoreCase("NickServ")) {
            sendFrom(NICKSERV, "PRIVMSG", nick, "Denied.  Please send me (NickServ) your password.");
            return;
        }
        logIn(nick, p.get(p.size() - 1), false);
    }

    private void logIn(String name, String secret, boolean sasl) {
        Portal through = portal;
        if (through == null || loggingIn) {
            return;
        }
        loggingIn = true;
        through.login(UsernamePassword.of(name, secret), this, ChatAccount.class).addCallbacks((LoginResult result) -> {
            loggingIn = false;
            if (!connected) {
                return null;
            }
            account = result.avatar(ChatAccount.class).name();
            if (sasl) {
                numeric("900", mask(), account, "You are now logged in as " + account);
                numeric("903", "SASL authentication successful");
            }
            tryRegister();
            return null;
        }, failure -> {
            loggingIn = false;
            if (!connected) {
                return null;
            }
            log.info("{peer}: login as {user} failed: {reason}", "peer", host, "user", name, "reason", failure.getErrorMessage());
            if (sasl) {
                numeric("904", "SASL authentication failed");
            } else {
                numeric("464", "Password incorrect");
                sendLine("ERROR :Closing Link: " + host + " (Bad Password)");
                releaseNick();
                transport().loseConnection();
            }
            return null;
        });
    }

    private void welcome() {
        registered = true;
        String n = nick();
        numeric("001", "Welcome to the Internet Relay Network " + mask());
        numeric("002", "Your host is " + server() + ", running version " + ChatService.VERSION);
        numeric("003", "This server was created " + service.createdText());
        numeric("004", server(), ChatService.VERSION, "iow", "biklmnostv");
        numeric("005", "CASEMAPPING=rfc1459", "CHANTYPES=#&", "PREFIX=(ov)@+", "CHANMODES=b,k,l,imnt",
                "NICKLEN=" + service.nickLength(), "CHANNELLEN=50", "TOPICLEN=390", "MODES=3",
                "CHANLIMIT=#&:" + service.maxChannels(), "NETWORK=" + server(), "are supported by this server");
        commands.lusers();
        commands.motd();
        log.info("{peer}: {nick} registered", "peer", host, "nick", n);
    }

    // ------------------------------------------------------------------------------------------ CAP, SASL

    private void cap(List<String> p) {
        String sub = p.isEmpty() ? "" : p.get(0).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "LS" -> {
                if (!registered) {
                    capNegotiating = true;
                }
                boolean v302 = p.size() > 1 && p.get(1).matches("\\d+") && Integer.parseInt(p.get(1).substring(0, Math.min(4, p.get(1).length()))) >= 302;
                List<String> offered = new ArrayList<>(CAPABILITIES.stream().sorted().toList());
                if (portal != null) {
                    offered.add(v302 ? "sasl=PLAIN" : "sasl");
                }
                sendFrom(server(), "CAP", nick(), "LS", String.join(" ", offered));
            }
            case "LIST" -> sendFrom(server(), "CAP", nick(), "LIST", String.join(" ", caps));
            case "REQ" -> {
                if (!registered) {
                    capNegotiating = true;
                }
                String list = p.size() > 1 ? p.get(1) : "";
                List<String> wanted = new ArrayList<>();
                boolean ok = true;
                for (String cap : list.split(" ")) {
                    if (cap.isEmpty()) {
                        continue;
                    }
                    String name = cap.startsWith("-") ? cap.substring(1) : cap;
                    ok &= CAPABILITIES.contains(name) || name.equals("sasl") && portal != null;
                    wanted.add(cap);
                }
                if (ok && !wanted.isEmpty()) {
                    for (String cap : wanted) {
                        if (cap.startsWith("-")) {
                            caps.remove(cap.substring(1));
                        } else {
                            caps.add(cap);
                        }
                    }
                    sendFrom(server(), "CAP", nick(), "ACK", list.strip());
                } else {
                    sendFrom(server(), "CAP", nick(), "NAK", list.strip());
                }
            }
            case "END" -> {
                capNegotiating = false;
                if (saslPlain) {
                    abortSasl();
                }
                tryRegister();
            }
            default -> numeric("410", sub, "Invalid CAP command");
        }
    }

    private void authenticate(List<String> p) {
        if (p.isEmpty()) {
            numeric("461", "AUTHENTICATE", "Not enough parameters");
            return;
        }
        String arg = p.get(0);
        if (account != null) {
            numeric("907", "You have already authenticated using SASL");
            return;
        }
        if (portal == null || !caps.contains("sasl") || loggingIn) {
            numeric("904", "SASL authentication failed");
            return;
        }
        if (arg.equals("*")) {
            abortSasl();
            return;
        }
        if (!saslPlain) {
            if (arg.equalsIgnoreCase("PLAIN")) {
                saslPlain = true;
                sendLine("AUTHENTICATE +");
            } else {
                numeric("908", "PLAIN", "are available SASL mechanisms");
                numeric("904", "SASL authentication failed");
            }
            return;
        }
        if (!arg.equals("+")) {
            saslBuffer.append(arg);
        }
        if (saslBuffer.length() > 1600) {
            saslPlain = false;
            saslBuffer.setLength(0);
            numeric("905", "SASL message too long");
            return;
        }
        if (arg.length() == 400) {
            return;
        }
        saslPlain = false;
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(saslBuffer.toString());
        } catch (IllegalArgumentException e) {
            decoded = new byte[0];
        }
        saslBuffer.setLength(0);
        String[] parts = new String(decoded, StandardCharsets.UTF_8).split("\0", -1);
        if (parts.length != 3 || parts[1].isEmpty() || !parts[0].isEmpty() && !parts[0].equals(parts[1])) {
            numeric("904", "SASL authentication failed");
            return;
        }
        logIn(parts[1], parts[2], true);
    }

    private void abortSasl() {
        saslPlain = false;
        saslBuffer.setLength(0);
        numeric("906", "SASL authentication aborted");
    }

    // ---------------------------------------------------------------------------------------------- output

    /** Sends a numeric reply: {@code :server CODE nick params...}, the last parameter its text. */
    void numeric(String code, String... params) {
        List<String> all = new ArrayList<>(params.length + 1);
        all.add(nick());
        for (int i = 0; i < params.length; i++) {
            all.add(i < params.length - 1 ? middle(params[i]) : params[i]);
        }
        IrcMessage m = new IrcMessage(java.util.Map.of(), server(), code, all);
        if (connected && !transport().isDisconnecting()) {
            sendLine(m.toLine(!BARE_NUMERICS.contains(code)));
        }
    }

    /**
     * Makes a client's word safe to echo as a middle parameter: the text before a space, or {@code *} when that
     * is empty or starts with {@code :} (a client can send such words as its last parameter).
     */
    static String middle(String word) {
        int space = word.indexOf(' ');
        String cut = space < 0 ? word : word.substring(0, space);
        return cut.isEmpty() || cut.charAt(0) == ':' ? "*" : cut;
    }

    void sendFrom(String prefix, String command, String... params) {
        send(new IrcMessage(java.util.Map.of(), prefix, command, List.of(params)));
    }

    void send(IrcMessage message) {
        if (connected && !transport().isDisconnecting()) {
            sendLine(message.toLine(colonFor(message.command(), message.params().size())));
        }
    }

    /**
     * Sends a line, cut to 510 bytes (without its tags) on a UTF-8 boundary when longer: a relayed message gains
     * the sender's prefix, and a reply may repeat what the client sent, so either could outgrow the line.
     */
    @Override
    public void sendLine(byte[] line) {
        super.sendLine(fit(line));
    }

    static byte[] fit(byte[] line) {
        int tags = 0;
        if (line.length > 0 && line[0] == '@') {
            for (int i = 0; i < line.length; i++) {
                if (line[i] == ' ') {
                    tags = i + 1;
                    break;
                }
            }
        }
        if (line.length - tags <= IrcMessage.MAX_BODY_BYTES) {
            return line;
        }
        int end = tags + IrcMessage.MAX_BODY_BYTES;
        while (end > tags && (line[end] & 0xC0) == 0x80) {
            end--;
        }
        return java.util.Arrays.copyOf(line, end);
    }

    void deliver(Relay relay) {
        if (connected && !transport().isDisconnecting()) {
            transport().write(ByteBuffer.wrap(relay.bytesFor(this)));
        }
    }

    // ------------------------------------------------------------------------------------------ name rules

    static boolean validNick(String nick, int maxLength) {
        if (nick.isEmpty() || nick.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < nick.length(); i++) {
            char c = nick.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
            boolean special = "[]\\`_^{|}".indexOf(c) >= 0;
            boolean digitOrDash = c >= '0' && c <= '9' || c == '-';
            if (!(letter || special || i > 0 && digitOrDash)) {
                return false;
            }
        }
        return true;
    }

    static boolean validChannel(String name) {
        if (name.length() < 2 || name.length() > 50 || "#&".indexOf(name.charAt(0)) < 0) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c == ',' || c == '\u0007' || c == ':' || c == 0 || c == '\r' || c == '\n') {
                return false;
            }
        }
        return true;
    }
}
