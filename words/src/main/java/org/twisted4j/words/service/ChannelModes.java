package org.twisted4j.words.service;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code MODE} for users ({@code +i +w}, {@code -o}; {@code +o} only through OPER) and channels
 * ({@code +o +v +b +i +k +l +m +n +t}), at most {@value #MAX_MODES_WITH_ARGS} modes with arguments per command.
 *
 * <p>Reactor thread only.
 */
final class ChannelModes {

    static final int MAX_MODES_WITH_ARGS = 3;
    static final int MAX_BANS = 50;

    private ChannelModes() {
    }

    static void mode(IrcServerSession s, List<String> p) {
        if (p.isEmpty() || p.get(0).isEmpty()) {
            s.numeric("461", "MODE", "Not enough parameters");
            return;
        }
        String target = p.get(0);
        if (target.charAt(0) == '#' || target.charAt(0) == '&') {
            Channel c = s.service.channel(target);
            if (c == null) {
                s.numeric("403", target, "No such channel");
            } else if (p.size() < 2) {
                List<String> reply = new ArrayList<>();
                reply.add(c.name);
                reply.addAll(List.of(c.modeString(c.members.containsKey(s)).split(" ")));
                s.numeric("324", reply.toArray(String[]::new));
                s.numeric("329", c.name, Long.toString(c.created));
            } else {
                channelMode(s, c, p.get(1), p.subList(2, p.size()));
            }
        } else {
            userMode(s, target, p.size() > 1 ? p.get(1) : null);
        }
    }

    private static void userMode(IrcServerSession s, String target, @org.jspecify.annotations.Nullable String modes) {
        IrcServerSession u = s.service.user(target);
        if (u == null) {
            s.numeric("401", target, "No such nick/channel");
            return;
        }
        if (u != s) {
            s.numeric("502", "Cannot change mode for other users");
            return;
        }
        if (modes == null) {
            StringBuilder out = new StringBuilder("+");
            for (char m : s.userModes) {
                out.append(m);
            }
            s.numeric("221", out.toString());
            return;
        }
        boolean set = true;
        StringBuilder applied = new StringBuilder();
        char lastSign = 0;
        boolean unknown = false;
        for (char ch : modes.toCharArray()) {
            if (ch == '+' || ch == '-') {
                set = ch == '+';
                continue;
            }
            boolean changed;
            switch (ch) {
                case 'i', 'w' -> changed = set ? s.userModes.add(ch) : s.userModes.remove(ch);
                case 'o' -> changed = !set && s.userModes.remove(ch);
                default -> {
                    changed = false;
                    unknown = true;
                }
            }
            if (changed) {
                char sign = set ? '+' : '-';
                if (sign != lastSign) {
                    applied.append(sign);
                    lastSign = sign;
                }
                applied.append(ch);
            }
        }
        if (unknown) {
            s.numeric("501", "Unknown MODE flag");
        }
        if (!applied.isEmpty()) {
            s.sendFrom(s.nick(), "MODE", s.nick(), applied.toString());
        }
    }

    private static void channelMode(IrcServerSession s, Channel c, String modes, List<String> args) {
        if (modes.equals("b") || modes.equals("+b") && args.isEmpty()) {
            for (String ban : c.bans) {
                s.numeric("367", c.name, ban);
            }
            s.numeric("368", c.name, "End of channel ban list");
            return;
        }
        if (!c.isOperator(s)) {
            s.numeric("482", c.name, "You're not channel operator");
            return;
        }
        boolean set = true;
        int argAt = 0;
        int withArgs = 0;
        StringBuilder applied = new StringBuilder();
        List<String> appliedArgs = new ArrayList<>();
        char lastSign = 0;
        for (char ch : modes.toCharArray()) {
            if (ch == '+' || ch == '-') {
                set = ch == '+';
                continue;
            }
            String arg = null;
            boolean needsArg = "ovbk".indexOf(ch) >= 0 || ch == 'l' && set;
            if (needsArg) {
                if (argAt >= args.size() || withArgs >= MAX_MODES_WITH_ARGS) {
                    if (ch != 'b' && ch != 'k') {
                        s.numeric("461", "MODE", "Not enough parameters");
                    }
                    continue;
                }
                arg = args.get(argAt++);
                withArgs++;
            }
            boolean changed;
            switch (ch) {
                case 'i', 'm', 'n', 't' -> changed = set ? c.flags.add(ch) : c.flags.remove(ch);
                case 'o', 'v' -> changed = member(s, c, ch, set, String.valueOf(arg));
                case 'b' -> {
                    String mask = Masks.normalize(String.valueOf(arg));
                    arg = mask;
                    if (mask.indexOf(' ') >= 0 || mask.charAt(0) == ':') {
                        changed = false;
                    } else if (set) {
                        changed = !c.bans.contains(mask) && c.bans.size() < MAX_BANS && c.bans.add(mask);
                    } else {
                        changed = c.bans.remove(mask);
                    }
                }
                case 'k' -> {
                    if (set && c.key != null) {
                        s.numeric("467", c.name, "Channel key already set");
                        changed = false;
                    } else if (set) {
                        if (arg == null || arg.isEmpty() || arg.indexOf(' ') >= 0 || arg.indexOf(',') >= 0) {
                            changed = false;
                        } else {
                            c.key = arg;
                            changed = true;
                        }
                    } else {
                        changed = c.key != null;
                        c.key = null;
                        arg = "*";
                    }
                }
                case 'l' -> {
                    if (set) {
                        int limit;
                        try {
                            limit = Integer.parseInt(String.valueOf(arg));
                        } catch (NumberFormatException e) {
                            limit = 0;
                        }
                        changed = limit > 0;
                        if (changed) {
                            c.limit = limit;
                            arg = Integer.toString(limit);
                        }
                    } else {
                        changed = c.limit > 0;
                        c.limit = 0;
                    }
                }
                default -> {
                    s.numeric("472", String.valueOf(ch), "is unknown mode char to me for " + c.name);
                    changed = false;
                }
            }
            if (changed) {
                char sign = set ? '+' : '-';
                if (sign != lastSign) {
                    applied.append(sign);
                    lastSign = sign;
                }
                applied.append(ch);
                if (arg != null) {
                    appliedArgs.add(arg);
                }
            }
        }
        if (!applied.isEmpty()) {
            List<String> params = new ArrayList<>();
            params.add(c.name);
            params.add(applied.toString());
            params.addAll(appliedArgs);
            Relay relay = new Relay(s.mask(), "MODE", params, s.account);
            for (IrcServerSession member : c.members.keySet()) {
                member.deliver(relay);
            }
        }
    }

    private static boolean member(IrcServerSession s, Channel c, char mode, boolean set, String nick) {
        IrcServerSession u = s.service.user(nick);
        if (u == null || !c.members.containsKey(u)) {
            s.numeric("441", nick, c.name, "They aren't on that channel");
            return false;
        }
        StringBuilder modes = c.members.get(u);
        int at = modes.indexOf(String.valueOf(mode));
        if (set && at < 0) {
            modes.append(mode);
            return true;
        }
        if (!set && at >= 0) {
            modes.deleteCharAt(at);
            return true;
        }
        return false;
    }
}
