package org.twisted4j.words.irc;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Routes a received message to {@link IRCClient}'s state changes and callbacks (Twisted's {@code irc_*}
 * methods).
 *
 * <p>Reactor thread only.
 */
final class IrcDispatch {

    private IrcDispatch() {
    }

    static void dispatch(IRCClient c, IrcMessage m) {
        String prefix = m.prefix() == null ? "" : m.prefix();
        String nick = UserMask.parse(prefix).nick();
        boolean self = c.supported().caseMapping().equals(nick, c.nickname());
        List<String> p = m.params();
        switch (m.command()) {
            case "PING" -> c.sendMessage(IrcMessage.of("PONG", p.isEmpty() ? "" : p.get(p.size() - 1)));
            case "PONG" -> { }
            case "001" -> c.welcomed(m);
            case "002" -> c.yourHost(last(p));
            case "003" -> c.created(last(p));
            case "004" -> c.myInfo(p.subList(Math.min(1, p.size()), p.size()));
            case "005" -> {
                List<String> tokens = p.size() > 2 ? p.subList(1, p.size() - 1) : List.of();
                c.supported().parse(tokens);
                c.isupport(tokens);
            }
            case "375" -> c.motdLine(last(p), true);
            case "372" -> c.motdLine(last(p), false);
            case "376", "422" -> c.motdEnd();
            case "433" -> c.nickInUse();
            case "432" -> c.erroneousNick();
            case "464" -> c.passwordMismatch();
            case "332" -> c.topicUpdated(nick, m.param(1), last(p));
            case "353" -> c.namesLine(m.param(p.size() - 2), last(p));
            case "366" -> c.namesEnd(m.param(1));
            case "301" -> c.userAway(m.param(1), last(p));
            case "900" -> c.accountChanged(m.param(1), m.param(2));
            case "901" -> c.accountChanged(m.param(1), null);
            case "903" -> c.caps().saslDone(true, last(p));
            case "902", "904", "905", "906", "907" -> c.caps().saslDone(false, m.command() + " " + last(p));
            case "908" -> c.saslMechanismsOffered(List.of(m.param(1).split(",")));
            case "CAP" -> c.caps().capReceived(m);
            case "AUTHENTICATE" -> c.caps().authenticateReceived(m);
            case "BATCH" -> c.batchMessage(m);
            case "NICK" -> {
                if (self) {
                    c.selfRenamed(m.param(0));
                } else {
                    c.userRenamed(nick, m.param(0));
                }
            }
            case "JOIN" -> {
                if (self) {
                    c.joined(m.param(0));
                } else {
                    c.userJoined(nick, m.param(0));
                }
            }
            case "PART" -> {
                if (self) {
                    c.left(m.param(0));
                } else {
                    c.userLeft(nick, m.param(0));
                }
            }
            case "QUIT" -> c.userQuit(nick, m.param(0));
            case "KICK" -> {
                String reason = p.size() > 2 ? last(p) : "";
                if (c.supported().caseMapping().equals(m.param(1), c.nickname())) {
                    c.kickedFrom(m.param(0), nick, reason);
                } else {
                    c.userKicked(m.param(1), m.param(0), nick, reason);
                }
            }
            case "TOPIC" -> c.topicUpdated(nick, m.param(0), m.param(1));
            case "AWAY" -> {
                if (p.isEmpty() || p.get(0).isEmpty()) {
                    c.userBack(nick);
                } else {
                    c.userAway(nick, p.get(0));
                }
            }
            case "MODE" -> mode(c, prefix, m);
            case "PRIVMSG" -> privmsg(c, prefix, m, false);
            case "NOTICE" -> privmsg(c, prefix, m, true);
            default -> c.unknownMessage(m);
        }
    }

    private static void privmsg(IRCClient c, String user, IrcMessage m, boolean notice) {
        String channel = m.param(0);
        String message = m.param(1);
        if (message.isEmpty()) {
            return;
        }
        if (Ctcp.hasCtcp(message)) {
            Ctcp.Extracted extracted = Ctcp.extract(message);
            for (Ctcp.CtcpMessage ctcp : extracted.extended()) {
                if (!notice) {
                    c.answerCtcp(user, channel, ctcp);
                } else if (ctcp.tag().equals("PING")) {
                    c.ctcpPingReply(user, ctcp.data() == null ? "" : ctcp.data());
                } else {
                    c.ctcpReply(user, channel, ctcp);
                }
            }
            if (extracted.normal().isEmpty()) {
                return;
            }
            message = String.join(" ", extracted.normal());
        }
        if (notice) {
            c.noticed(user, channel, message);
        } else {
            c.privmsg(user, channel, message);
        }
    }

    private static void mode(IRCClient c, String user, IrcMessage m) {
        String target = m.param(0);
        String modes = m.param(1);
        List<String> args = m.params().size() > 2 ? m.params().subList(2, m.params().size()) : List.of();
        boolean channel = !target.isEmpty() && c.supported().channelTypes().indexOf(target.charAt(0)) >= 0;
        List<String> groups = c.supported().channelModes();
        String membership = new String(toChars(c.supported().prefixes().keySet()));
        int argAt = 0;
        Boolean set = null;
        StringBuilder run = new StringBuilder();
        List<@Nullable String> runArgs = new ArrayList<>();
        for (int i = 0; i < modes.length(); i++) {
            char ch = modes.charAt(i);
            if (ch == '+' || ch == '-') {
                if (set != null && !run.isEmpty()) {
                    c.modeChanged(user, target, set, run.toString(), nullable(runArgs));
                }
                set = ch == '+';
                run.setLength(0);
                runArgs = new ArrayList<>();
                continue;
            }
            if (set == null) {
                set = true;
            }
            boolean takesArg = channel && (groups.get(0).indexOf(ch) >= 0 || groups.get(1).indexOf(ch) >= 0
                    || membership.indexOf(ch) >= 0 || set && groups.get(2).indexOf(ch) >= 0);
            run.append(ch);
            runArgs.add(takesArg && argAt < args.size() ? args.get(argAt++) : null);
        }
        if (set != null && !run.isEmpty()) {
            c.modeChanged(user, target, set, run.toString(), nullable(runArgs));
        }
    }

    private static List<@Nullable String> nullable(List<@Nullable String> args) {
        return java.util.Collections.unmodifiableList(new ArrayList<>(args));
    }

    private static char[] toChars(java.util.Set<Character> chars) {
        char[] out = new char[chars.size()];
        int i = 0;
        for (char ch : chars) {
            out[i++] = ch;
        }
        return out;
    }

    private static String last(List<String> p) {
        return p.isEmpty() ? "" : p.get(p.size() - 1);
    }
}
