package org.twisted4j.words.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A channel (Twisted's group): its members with their membership modes, topic, modes ({@code +i +k +l +m +n +t}),
 * bans and pending invitations.
 *
 * <p>Reactor thread only.
 */
final class Channel {

    final String name;
    final boolean permanent;
    final long created;
    final Map<IrcServerSession, StringBuilder> members = new LinkedHashMap<>();
    final Set<Character> flags = new TreeSet<>();
    final List<String> bans = new ArrayList<>();
    final Set<String> invited = new HashSet<>();
    String topic = "";
    String topicBy = "";
    long topicTime;
    @Nullable String key;
    int limit;

    Channel(String name, boolean permanent, long created) {
        this.name = name;
        this.permanent = permanent;
        this.created = created;
        flags.add('n');
        flags.add('t');
    }

    boolean isOperator(IrcServerSession s) {
        StringBuilder m = members.get(s);
        return m != null && m.indexOf("o") >= 0;
    }

    boolean isVoiced(IrcServerSession s) {
        StringBuilder m = members.get(s);
        return m != null && (m.indexOf("o") >= 0 || m.indexOf("v") >= 0);
    }

    /** The membership prefixes of a member: all of them ({@code @+}) or the highest. */
    String prefixes(IrcServerSession s, boolean all) {
        StringBuilder m = members.get(s);
        if (m == null) {
            return "";
        }
        String out = (m.indexOf("o") >= 0 ? "@" : "") + (m.indexOf("v") >= 0 ? "+" : "");
        return all || out.length() < 2 ? out : out.substring(0, 1);
    }

    String modeString(boolean showKey) {
        StringBuilder out = new StringBuilder("+");
        for (char f : flags) {
            out.append(f);
        }
        List<String> args = new ArrayList<>();
        if (key != null) {
            out.append('k');
            args.add(showKey ? key : "*");
        }
        if (limit > 0) {
            out.append('l');
            args.add(Integer.toString(limit));
        }
        for (String a : args) {
            out.append(' ').append(a);
        }
        return out.toString();
    }

    boolean banned(String mask) {
        for (String ban : bans) {
            if (Masks.matches(ban, mask)) {
                return true;
            }
        }
        return false;
    }
}
