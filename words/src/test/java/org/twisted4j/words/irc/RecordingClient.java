package org.twisted4j.words.irc;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorTime;

/**
 * An {@link IRCClient} for integration tests: records each callback as a line of text and lets the test wait
 * for a line matching a predicate (a Deferred, never a sleep).
 */
public class RecordingClient extends IRCClient {

    /** The callbacks so far, one line each. */
    public final List<String> events = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();

    private record Waiter(Predicate<String> test, Deferred<String> result) {
    }

    /** Creates the client with a nick. */
    @SuppressWarnings("this-escape")
    public RecordingClient(ReactorTime clock, String nick) {
        super(clock);
        setNickname(nick);
    }

    /** Returns a Deferred firing with the first event, past or future, that matches. */
    public Deferred<String> waitFor(Predicate<String> test) {
        for (String e : events) {
            if (test.test(e)) {
                return Deferred.succeed(e);
            }
        }
        Deferred<String> d = new Deferred<>();
        waiters.add(new Waiter(test, d));
        return d;
    }

    /** Waits for an event starting with {@code prefix}. */
    public Deferred<String> waitFor(String prefix) {
        return waitFor(e -> e.startsWith(prefix));
    }

    protected void record(String event) {
        events.add(event);
        List<Waiter> matched = new ArrayList<>();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.test().test(event)) {
                it.remove();
                matched.add(w);
            }
        }
        for (Waiter w : matched) {
            w.result().callback(event);
        }
    }

    @Override public void connectionLost(org.twisted4j.defer.Failure reason) {
        super.connectionLost(reason);
        record("connectionLost");
    }

    /** Quits and waits until the server has closed the connection. */
    public Deferred<String> quitAndWait(String message) {
        quit(message);
        return waitFor("connectionLost");
    }

    @Override protected void signedOn() { record("signedOn " + nickname()); }
    @Override protected void joined(String channel) { record("joined " + channel); }
    @Override protected void left(String channel) { record("left " + channel); }
    @Override protected void privmsg(String user, String channel, String message) { record("privmsg " + UserMask.parse(user).nick() + " " + channel + " " + message); }
    @Override protected void noticed(String user, String channel, String message) { record("noticed " + UserMask.parse(user).nick() + " " + channel + " " + message); }
    @Override protected void action(String user, String channel, String data) { record("action " + UserMask.parse(user).nick() + " " + channel + " " + data); }
    @Override protected void modeChanged(String user, String channel, boolean set, String modes, List<@Nullable String> args) {
        record("mode " + UserMask.parse(user).nick() + " " + channel + " " + (set ? "+" : "-") + modes + " " + args);
    }
    @Override protected void userJoined(String nick, String channel) { record("userJoined " + nick + " " + channel); }
    @Override protected void userLeft(String nick, String channel) { record("userLeft " + nick + " " + channel); }
    @Override protected void userQuit(String nick, String msg) { record("userQuit " + nick + " " + msg); }
    @Override protected void userKicked(String kickee, String channel, String kicker, String msg) { record("userKicked " + kickee + " " + channel + " " + kicker + " " + msg); }
    @Override protected void kickedFrom(String channel, String kicker, String msg) { record("kickedFrom " + channel + " " + kicker + " " + msg); }
    @Override protected void userRenamed(String o, String n) { record("userRenamed " + o + " " + n); }
    @Override protected void nickChanged(String n) { record("nickChanged " + n); }
    @Override protected void topicUpdated(String user, String channel, String topic) { record("topic " + user + " " + channel + " " + topic); }
    @Override protected void receivedMOTD(List<String> motd) { record("motd " + motd); }
    @Override protected void namesReceived(String channel, List<ChannelMember> members) {
        List<String> names = new ArrayList<>();
        for (ChannelMember m : members) {
            names.add(m.prefixes() + m.nick());
        }
        record("names " + channel + " " + names);
    }
    @Override protected void userAway(String nick, String message) { record("away " + nick + " " + message); }
    @Override protected void userBack(String nick) { record("back " + nick); }
    @Override protected void pong(String user, double secs) { record("pong " + UserMask.parse(user).nick()); }
    @Override protected void capabilitiesAcknowledged(Set<String> enabled) { record("caps " + new java.util.TreeSet<>(enabled)); }
    @Override protected void saslSucceeded() { record("sasl ok"); }
    @Override protected void saslFailed(String reason) { record("sasl failed " + reason); }
    @Override protected void unknownMessage(IrcMessage message) { record("unknown " + message.command() + " " + message.params()); }
    @Override protected void ctcpReply(String user, String channel, Ctcp.CtcpMessage reply) { record("ctcpReply " + reply.tag() + " " + reply.data()); }
}
