package org.twisted4j.words.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.words.irc.IrcMessage;

/**
 * The RFC 2812 user commands of a registered {@link IrcServerSession}, with their numerics.
 *
 * <p>Reactor thread only.
 */
final class ServerCommands {

    private final IrcServerSession s;
    private final ChatService service;

    ServerCommands(IrcServerSession session) {
        this.s = session;
        this.service = session.service;
    }

    void dispatch(IrcMessage m) {
        List<String> p = m.params();
        switch (m.command()) {
            case "NOTICE" -> privmsg(m, true);
            case "JOIN" -> join(p);
            case "PART" -> part(p);
            case "TOPIC" -> topic(p);
            case "NAMES" -> names(p);
            case "LIST" -> list(p);
            case "WHO" -> who(p);
            case "WHOIS" -> whois(p);
            case "MODE" -> ChannelModes.mode(s, p);
            case "KICK" -> kick(p);
            case "INVITE" -> invite(p);
            case "AWAY" -> away(p);
            case "USERHOST" -> userhost(p);
            case "ISON" -> ison(p);
            case "MOTD" -> motd();
            case "LUSERS" -> lusers();
            case "VERSION" -> s.numeric("351", ChatService.VERSION + ".", s.server(), "twisted4j words");
            case "OPER" -> oper(p);
            default -> s.numeric("421", m.command(), "Unknown command");
        }
    }

    private boolean need(List<String> p, int count, String command) {
        if (p.size() < count || p.get(0).isEmpty()) {
            s.numeric("461", command, "Not enough parameters");
            return false;
        }
        return true;
    }

    // -------------------------------------------------------------------------------------------- messages

    void privmsg(IrcMessage m, boolean notice) {
        List<String> p = m.params();
        String command = notice ? "NOTICE" : "PRIVMSG";
        if (p.isEmpty() || p.get(0).isEmpty()) {
            if (!notice) {
                s.numeric("411", "No recipient given (" + command + ")");
            }
            return;
        }
        if (p.size() < 2 || p.get(1).isEmpty()) {
            if (!notice) {
                s.numeric("412", "No text to send");
            }
            return;
        }
        s.lastSpoke = s.clock.seconds();
        String text = p.get(1);
        String[] targets = p.get(0).split(",");
        if (targets.length > 4) {
            s.numeric("407", p.get(0), "Too many recipients. Only 4 processed");
        }
        for (int i = 0; i < Math.min(4, targets.length); i++) {
            String target = targets[i];
            if (target.isEmpty()) {
                continue;
            }
            if (target.charAt(0) == '#' || target.charAt(0) == '&') {
                Channel c = service.channel(target);
                if (c == null) {
                    if (!notice) {
                        s.numeric("401", target, "No such nick/channel");
                    }
                    continue;
                }
                boolean member = c.members.containsKey(s);
                if (!member && c.flags.contains('n') || c.flags.contains('m') && !c.isVoiced(s)
                        || !c.isVoiced(s) && c.banned(s.mask())) {
                    if (!notice) {
                        s.numeric("404", c.name, "Cannot send to channel");
                    }
                    continue;
                }
                Relay relay = new Relay(s.mask(), command, List.of(c.name, text), s.account);
                for (IrcServerSession other : c.members.keySet()) {
                    if (other != s || s.caps.contains("echo-message")) {
                        other.deliver(relay);
                    }
                }
            } else {
                IrcServerSession other = service.user(target);
                if (other == null || !other.registered()) {
                    if (!notice) {
                        s.numeric("401", target, "No such nick/channel");
                    }
                    continue;
                }
                Relay relay = new Relay(s.mask(), command, List.of(other.nick(), text), s.account);
                other.deliver(relay);
                if (s.caps.contains("echo-message") && other != s) {
                    s.deliver(relay);
                }
                if (!notice && other.away != null) {
                    s.numeric("301", other.nick(), other.away);
                }
            }
        }
    }

    // -------------------------------------------------------------------------------------------- channels

    private void join(List<String> p) {
        if (!need(p, 1, "JOIN")) {
            return;
        }
        if (p.get(0).equals("0")) {
            for (Channel c : new ArrayList<>(s.channels)) {
                leave(c, s.nick(), "PART");
            }
            return;
        }
        String[] names = p.get(0).split(",");
        String[] keys = p.size() > 1 ? p.get(1).split(",") : new String[0];
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            String key = i < keys.length ? keys[i] : null;
            if (!IrcServerSession.validChannel(name)) {
                s.numeric("403", name, "No such channel");
                continue;
            }
            Channel c = service.channel(name);
            if ((c == null || !c.members.containsKey(s)) && s.channels.size() >= service.maxChannels()) {
                s.numeric("405", name, "You have joined too many channels");
                continue;
            }
            if (c == null) {
                if (!service.createGroupOnRequest()) {
                    s.numeric("403", name, "No such channel");
                    continue;
                }
                c = new Channel(name, false, System.currentTimeMillis() / 1000);
                service.channels.put(service.caseMapping.lower(name), c);
            }
            if (c.members.containsKey(s)) {
                continue;
            }
            boolean invited = c.invited.contains(service.caseMapping.lower(s.nick()));
            if (c.flags.contains('i') && !invited) {
                s.numeric("473", c.name, "Cannot join channel (+i)");
                continue;
            }
            if (c.key != null && !c.key.equals(key) && !invited) {
                s.numeric("475", c.name, "Cannot join channel (+k)");
                continue;
            }
            if (c.limit > 0 && c.members.size() >= c.limit && !invited) {
                s.numeric("471", c.name, "Cannot join channel (+l)");
                continue;
            }
            if (c.banned(s.mask()) && !invited) {
                s.numeric("474", c.name, "Cannot join channel (+b)");
                continue;
            }
            c.invited.remove(service.caseMapping.lower(s.nick()));
            boolean firstMember = c.members.isEmpty();
            c.members.put(s, new StringBuilder(firstMember ? "o" : ""));
            s.channels.add(c);
            Relay relay = new Relay(s.mask(), "JOIN", List.of(c.name), s.account);
            for (IrcServerSession member : c.members.keySet()) {
                member.deliver(relay);
            }
            if (!c.topic.isEmpty()) {
                sendTopic(c);
            }
            sendNames(c);
        }
    }

    private void part(List<String> p) {
        if (!need(p, 1, "PART")) {
            return;
        }
        for (String name : p.get(0).split(",")) {
            Channel c = service.channel(name);
            if (c == null) {
                s.numeric("403", name, "No such channel");
            } else if (!c.members.containsKey(s)) {
                s.numeric("442", c.name, "You're not on that channel");
            } else {
                leave(c, p.size() > 1 ? p.get(1) : null, "PART");
            }
        }
    }

    private void leave(Channel c, @Nullable String reason, String command) {
        Relay relay = new Relay(s.mask(), command,
                reason == null ? List.of(c.name) : List.of(c.name, reason), s.account);
        for (IrcServerSession member : c.members.keySet()) {
            member.deliver(relay);
        }
        removeMember(c, s);
    }

    private void removeMember(Channel c, IrcServerSession who) {
        c.members.remove(who);
        who.channels.remove(c);
        if (c.members.isEmpty() && !c.permanent) {
            service.channels.remove(service.caseMapping.lower(c.name));
        }
    }

    private void topic(List<String> p) {
        if (!need(p, 1, "TOPIC")) {
            return;
        }
        Channel c = service.channel(p.get(0));
        if (c == null) {
            s.numeric("403", p.get(0), "No such channel");
            return;
        }
        if (p.size() < 2) {
            if (c.topic.isEmpty()) {
                s.numeric("331", c.name, "No topic is set");
            } else {
                sendTopic(c);
            }
            return;
        }
        if (!c.members.containsKey(s)) {
            s.numeric("442", c.name, "You're not on that channel");
            return;
        }
        if (c.flags.contains('t') && !c.isOperator(s)) {
            s.numeric("482", c.name, "You're not channel operator");
            return;
        }
        String text = p.get(1);
        c.topic = text.length() > 390 ? text.substring(0, 390) : text;
        c.topicBy = s.mask();
        c.topicTime = System.currentTimeMillis() / 1000;
        Relay relay = new Relay(s.mask(), "TOPIC", List.of(c.name, c.topic), s.account);
        for (IrcServerSession member : c.members.keySet()) {
            member.deliver(relay);
        }
    }

    private void sendTopic(Channel c) {
        s.numeric("332", c.name, c.topic);
        s.numeric("333", c.name, c.topicBy, Long.toString(c.topicTime));
    }

    private void names(List<String> p) {
        if (p.isEmpty() || p.get(0).isEmpty()) {
            for (Channel c : s.channels) {
                sendNames(c);
            }
            s.numeric("366", "*", "End of NAMES list");
            return;
        }
        for (String name : p.get(0).split(",")) {
            Channel c = service.channel(name);
            if (c == null) {
                s.numeric("366", name, "End of NAMES list");
            } else {
                sendNames(c);
            }
        }
    }

    void sendNames(Channel c) {
        boolean all = s.caps.contains("multi-prefix");
        StringBuilder line = new StringBuilder();
        int budget = 510 - 2 - s.server().length() - 10 - s.nick().length() - c.name.length() - 8;
        for (IrcServerSession member : c.members.keySet()) {
            String entry = c.prefixes(member, all) + member.nick();
            if (!line.isEmpty() && line.length() + 1 + entry.length() > budget) {
                s.numeric("353", "=", c.name, line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(entry);
        }
        if (!line.isEmpty()) {
            s.numeric("353", "=", c.name, line.toString());
        }
        s.numeric("366", c.name, "End of NAMES list");
    }

    private void list(List<String> p) {
        s.numeric("321", "Channel", "Users  Name");
        List<Channel> chosen = new ArrayList<>();
        if (p.isEmpty() || p.get(0).isEmpty()) {
            chosen.addAll(service.channels.values());
        } else {
            for (String name : p.get(0).split(",")) {
                Channel c = service.channel(name);
                if (c != null) {
                    chosen.add(c);
                }
            }
        }
        chosen.sort((a, b) -> a.name.compareTo(b.name));
        for (Channel c : chosen) {
            s.numeric("322", c.name, Integer.toString(c.members.size()), c.topic);
        }
        s.numeric("323", "End of LIST");
    }

    private void kick(List<String> p) {
        if (!need(p, 2, "KICK")) {
            return;
        }
        Channel c = service.channel(p.get(0));
        if (c == null) {
            s.numeric("403", p.get(0), "No such channel");
            return;
        }
        if (!c.members.containsKey(s)) {
            s.numeric("442", c.name, "You're not on that channel");
            return;
        }
        if (!c.isOperator(s)) {
            s.numeric("482", c.name, "You're not channel operator");
            return;
        }
        for (String nick : p.get(1).split(",")) {
            IrcServerSession victim = service.user(nick);
            if (victim == null || !c.members.containsKey(victim)) {
                s.numeric("441", nick, c.name, "They aren't on that channel");
                continue;
            }
            Relay relay = new Relay(s.mask(), "KICK", List.of(c.name, victim.nick(), p.size() > 2 ? p.get(2) : s.nick()), s.account);
            for (IrcServerSession member : c.members.keySet()) {
                member.deliver(relay);
            }
            removeMember(c, victim);
        }
    }

    private void invite(List<String> p) {
        if (!need(p, 2, "INVITE")) {
            return;
        }
        IrcServerSession target = service.user(p.get(0));
        if (target == null || !target.registered()) {
            s.numeric("401", p.get(0), "No such nick/channel");
            return;
        }
        Channel c = service.channel(p.get(1));
        if (c != null) {
            if (!c.members.containsKey(s)) {
                s.numeric("442", c.name, "You're not on that channel");
                return;
            }
            if (c.members.containsKey(target)) {
                s.numeric("443", target.nick(), c.name, "is already on channel");
                return;
            }
            if (c.flags.contains('i') && !c.isOperator(s)) {
                s.numeric("482", c.name, "You're not channel operator");
                return;
            }
            c.invited.add(service.caseMapping.lower(target.nick()));
        }
        String channel = c == null ? p.get(1) : c.name;
        s.numeric("341", target.nick(), channel);
        target.sendFrom(s.mask(), "INVITE", target.nick(), channel);
        if (target.away != null) {
            s.numeric("301", target.nick(), target.away);
        }
    }

    // ----------------------------------------------------------------------------------------------- users

    private void who(List<String> p) {
        String mask = p.isEmpty() ? "*" : p.get(0);
        boolean opersOnly = p.size() > 1 && p.get(1).equals("o");
        Channel c = mask.startsWith("#") || mask.startsWith("&") ? service.channel(mask) : null;
        List<IrcServerSession> found = new ArrayList<>();
        if (c != null) {
            found.addAll(c.members.keySet());
        } else {
            for (IrcServerSession u : service.users.values()) {
                if (u.registered() && (mask.equals("0") || mask.equals("*") || Masks.matches(mask, u.nick())
                        || Masks.matches(mask, u.host) || Masks.matches(mask, u.realname))) {
                    found.add(u);
                }
            }
        }
        for (IrcServerSession u : found) {
            if (opersOnly && !u.userModes.contains('o')) {
                continue;
            }
            String flags = (u.away == null ? "H" : "G") + (u.userModes.contains('o') ? "*" : "")
                    + (c == null ? "" : c.prefixes(u, s.caps.contains("multi-prefix")));
            String userName = u.mask().substring(u.mask().indexOf('!') + 1, u.mask().indexOf('@'));
            s.numeric("352", c == null ? "*" : c.name, userName, u.host, s.server(), u.nick(), flags, "0 " + u.realname);
        }
        s.numeric("315", mask, "End of WHO list");
    }

    private void whois(List<String> p) {
        if (p.isEmpty() || p.get(0).isEmpty()) {
            s.numeric("431", "No nickname given");
            return;
        }
        String nicks = p.get(p.size() - 1);
        for (String nick : nicks.split(",")) {
            IrcServerSession u = service.user(nick);
            if (u == null || !u.registered()) {
                s.numeric("401", nick, "No such nick/channel");
                s.numeric("318", nick, "End of WHOIS list");
                continue;
            }
            String userName = u.mask().substring(u.mask().indexOf('!') + 1, u.mask().indexOf('@'));
            s.numeric("311", u.nick(), userName, u.host, "*", u.realname);
            StringBuilder chans = new StringBuilder();
            for (Channel c : u.channels) {
                if (!chans.isEmpty()) {
                    chans.append(' ');
                }
                chans.append(c.prefixes(u, false)).append(c.name);
            }
            if (!chans.isEmpty()) {
                s.numeric("319", u.nick(), chans.toString());
            }
            s.numeric("312", u.nick(), s.server(), "twisted4j words");
            if (u.away != null) {
                s.numeric("301", u.nick(), u.away);
            }
            if (u.userModes.contains('o')) {
                s.numeric("313", u.nick(), "is an IRC operator");
            }
            if (u.account != null) {
                s.numeric("330", u.nick(), u.account, "is logged in as");
            }
            s.numeric("317", u.nick(), Long.toString(Math.round(s.clock.seconds() - u.lastSpoke)), "seconds idle");
            s.numeric("318", u.nick(), "End of WHOIS list");
        }
    }

    private void away(List<String> p) {
        if (p.isEmpty() || p.get(0).isEmpty()) {
            s.away = null;
            s.numeric("305", "You are no longer marked as being away");
        } else {
            s.away = p.get(0).length() > 200 ? p.get(0).substring(0, 200) : p.get(0);
            s.numeric("306", "You have been marked as being away");
        }
        Relay relay = new Relay(s.mask(), "AWAY", s.away == null ? List.of() : List.of(s.away), s.account);
        for (IrcServerSession other : neighbours(false)) {
            if (other.caps.contains("away-notify")) {
                other.deliver(relay);
            }
        }
    }

    private void userhost(List<String> p) {
        if (!need(p, 1, "USERHOST")) {
            return;
        }
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < Math.min(5, p.size()); i++) {
            for (String nick : p.get(i).split(" ")) {
                IrcServerSession u = service.user(nick);
                if (u != null && u.registered() && replies.size() < 5) {
                    String userName = u.mask().substring(u.mask().indexOf('!') + 1, u.mask().indexOf('@'));
                    replies.add(u.nick() + (u.userModes.contains('o') ? "*" : "") + "=" + (u.away == null ? "+" : "-")
                            + userName + "@" + u.host);
                }
            }
        }
        s.numeric("302", String.join(" ", replies));
    }

    private void ison(List<String> p) {
        if (!need(p, 1, "ISON")) {
            return;
        }
        List<String> online = new ArrayList<>();
        for (String param : p) {
            for (String nick : param.split(" ")) {
                IrcServerSession u = nick.isEmpty() ? null : service.user(nick);
                if (u != null && u.registered()) {
                    online.add(u.nick());
                }
            }
        }
        s.numeric("303", String.join(" ", online));
    }

    void motd() {
        List<String> lines = service.motd();
        if (lines.isEmpty()) {
            s.numeric("422", "MOTD File is missing");
            return;
        }
        s.numeric("375", "- " + s.server() + " Message of the day - ");
        for (String line : lines) {
            s.numeric("372", "- " + line);
        }
        s.numeric("376", "End of MOTD command");
    }

    void lusers() {
        int users = 0;
        int opers = 0;
        for (IrcServerSession u : service.users.values()) {
            if (u.registered()) {
                users++;
                if (u.userModes.contains('o')) {
                    opers++;
                }
            }
        }
        s.numeric("251", "There are " + users + " users and 0 services on 1 servers");
        if (opers > 0) {
            s.numeric("252", Integer.toString(opers), "operator(s) online");
        }
        s.numeric("254", Integer.toString(service.channels.size()), "channels formed");
        s.numeric("255", "I have " + users + " clients and 0 servers");
    }

    private void oper(List<String> p) {
        if (!need(p, 2, "OPER")) {
            return;
        }
        String name = p.get(0);
        if (s.portal == null || !service.mayOper(name)) {
            s.numeric("491", "No O-lines for your host");
            return;
        }
        s.portal.login(UsernamePassword.of(name, p.get(1)), s, ChatAccount.class).addCallbacks((LoginResult result) -> {
            s.userModes.add('o');
            s.numeric("381", "You are now an IRC operator");
            s.sendFrom(s.nick(), "MODE", s.nick(), "+o");
            return null;
        }, failure -> {
            s.numeric("464", "Password incorrect");
            return null;
        });
    }

    // ------------------------------------------------------------------------------------ leaving, renaming

    /** Everyone sharing a channel with this user, once each, optionally this user too. */
    private Set<IrcServerSession> neighbours(boolean self) {
        Set<IrcServerSession> out = new LinkedHashSet<>();
        if (self) {
            out.add(s);
        }
        for (Channel c : s.channels) {
            out.addAll(c.members.keySet());
        }
        if (!self) {
            out.remove(s);
        }
        return out;
    }

    void renamed(String oldMask, String newNick) {
        Relay relay = new Relay(oldMask, "NICK", List.of(newNick), s.account);
        for (IrcServerSession other : neighbours(true)) {
            other.deliver(relay);
        }
    }

    void quit(String reason) {
        if (s.registered()) {
            Relay relay = new Relay(s.mask(), "QUIT", List.of(reason), s.account);
            for (IrcServerSession other : neighbours(false)) {
                other.deliver(relay);
            }
        }
        for (Channel c : new ArrayList<>(s.channels)) {
            removeMember(c, s);
        }
        String key = service.caseMapping.lower(s.nick());
        if (service.users.get(key) == s) {
            service.users.remove(key);
        }
    }
}
