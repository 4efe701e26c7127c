package org.twisted4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.words.irc.IRCClient;
import org.twisted4j.words.irc.UserMask;

/**
 * An IRC bot, as Twisted's {@code ircLogBot.py}: joins a channel, logs what is said there (and joins, parts,
 * actions, nick changes) to a file with the time, and answers {@code !echo TEXT} with the text and {@code !time}
 * with the time.
 *
 * <pre>
 * bin/twist words --irc-port tcp:6667 --group twisted &amp;
 * bin/run-example irc-bot [ENDPOINT [CHANNEL [NICK [LOGFILE]]]]   # tcp:host=127.0.0.1:port=6667 #twisted logbot irc-bot.log
 * </pre>
 */
public final class IrcBot extends IRCClient {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final String channel;
    private final Path logFile;
    private final Clock wallClock;
    private final Deferred<Void> done = new Deferred<>();

    /**
     * Makes a bot for one connection.
     *
     * @param clock the reactor's time
     * @param wallClock the clock whose time the bot logs and tells
     * @param nick the bot's nick
     * @param channel the channel to join
     * @param logFile the file the channel is appended to
     */
    @SuppressWarnings("this-escape")
    public IrcBot(ReactorTime clock, Clock wallClock, String nick, String channel, Path logFile) {
        super(clock);
        this.channel = channel;
        this.logFile = logFile;
        this.wallClock = wallClock;
        setNickname(nick);
        setWallClock(wallClock);
        setVersion("twisted4j irc-bot", "0.1", "Java");
    }

    /** Returns a Deferred that fires when the connection ends. */
    public Deferred<Void> done() {
        return done;
    }

    private void log(String message) {
        String line = "[" + STAMP.format(wallClock.instant()) + "] " + message + "\n";
        try {
            Files.writeString(logFile, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + logFile, e);
        }
    }

    @Override
    public void connectionMade() {
        super.connectionMade();
        log("[connected]");
    }

    @Override
    public void connectionLost(Failure reason) {
        super.connectionLost(reason);
        log("[disconnected]");
        done.callback(null);
    }

    @Override
    protected void signedOn() {
        join(channel, null);
    }

    @Override
    protected void joined(String where) {
        log("[I have joined " + where + "]");
    }

    @Override
    protected void privmsg(String user, String where, String message) {
        String nick = UserMask.parse(user).nick();
        log("<" + nick + "> " + message);
        String replyTo = where.equalsIgnoreCase(nickname()) ? nick : where;
        if (message.startsWith("!echo ")) {
            answer(replyTo, message.substring("!echo ".length()));
        } else if (message.equals("!time")) {
            answer(replyTo, nick + ": it is " + DateTimeFormatter.RFC_1123_DATE_TIME.format(wallClock.instant().atZone(ZoneOffset.UTC)));
        }
    }

    private void answer(String target, String text) {
        msg(target, text);
        log("<" + nickname() + "> " + text);
    }

    @Override
    protected void action(String user, String where, String data) {
        log("* " + UserMask.parse(user).nick() + " " + data);
    }

    @Override
    protected void userJoined(String nick, String where) {
        log("[" + nick + " joined " + where + "]");
    }

    @Override
    protected void userLeft(String nick, String where) {
        log("[" + nick + " left " + where + "]");
    }

    @Override
    protected void userRenamed(String oldName, String newName) {
        log(oldName + " is now known as " + newName);
    }

    /**
     * Connects a bot and fires when its connection ends. Reactor thread only.
     *
     * @throws IllegalArgumentException if {@code description} is malformed
     */
    public static Deferred<Void> run(NioReactor reactor, String description, String channel, String nick, Path logFile) {
        IrcBot bot = new IrcBot(reactor, Clock.systemUTC(), nick, channel, logFile);
        return Endpoints.connectProtocol(Endpoints.clientFromString(reactor, description), bot)
                .addCallbackDeferred(IrcBot::done);
    }

    /**
     * Runs the bot until its connection ends.
     *
     * @param args the endpoint, the channel, the nick and the log file
     */
    public static void main(String[] args) {
        String where = args.length > 0 ? args[0] : "tcp:host=127.0.0.1:port=6667";
        String channel = args.length > 1 ? args[1] : "#twisted";
        String nick = args.length > 2 ? args[2] : "logbot";
        Path file = Path.of(args.length > 3 ? args[3] : "irc-bot.log");
        ExampleMain.react("irc-bot", reactor -> run(reactor, where, channel, nick, file));
    }
}
