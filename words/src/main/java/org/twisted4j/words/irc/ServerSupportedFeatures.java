package org.twisted4j.words.irc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a server announced in {@code 005 RPL_ISUPPORT} (Twisted's {@code ServerSupportedFeatures}): tokens
 * {@code KEY}, {@code KEY=VALUE} and {@code -KEY}, with {@code \xHH} escapes in values, and RFC 1459 defaults
 * for what was not announced ({@code PREFIX=(ov)@+}, {@code CHANTYPES=#&}, {@code NICKLEN=9},
 * {@code CHANMODES=b,k,l,imnpst}, {@code CASEMAPPING=rfc1459}, {@code MODES=3}).
 *
 * <h2>Threading</h2>
 * Reactor thread only (the client updates it as 005 lines arrive).
 */
public final class ServerSupportedFeatures {

    private static final Map<String, String> DEFAULTS = Map.of(
            "PREFIX", "(ov)@+",
            "CHANTYPES", "#&",
            "NICKLEN", "9",
            "CHANMODES", "b,k,l,imnpst",
            "CASEMAPPING", "rfc1459",
            "MODES", "3",
            "CHANNELLEN", "200",
            "TOPICLEN", "390");

    private final Map<String, String> features = new LinkedHashMap<>();

    /** Starts with the defaults only. */
    public ServerSupportedFeatures() {
    }

    /**
     * Takes the tokens of one 005 line: its parameters without the first (the nick) and the last (the text).
     * Malformed tokens are skipped; never fails.
     */
    public void parse(List<String> tokens) {
        for (String token : tokens) {
            if (token.isEmpty()) {
                continue;
            }
            if (token.charAt(0) == '-') {
                features.remove(token.substring(1).toUpperCase(java.util.Locale.ROOT));
                continue;
            }
            int eq = token.indexOf('=');
            String key = (eq < 0 ? token : token.substring(0, eq)).toUpperCase(java.util.Locale.ROOT);
            features.put(key, eq < 0 ? "" : unescape(token.substring(eq + 1)));
        }
    }

    /** Returns whether the server announced {@code key} (defaults do not count). */
    public boolean hasFeature(String key) {
        return features.containsKey(key.toUpperCase(java.util.Locale.ROOT));
    }

    /** Returns the value announced for {@code key}, else the RFC 1459 default, else empty. */
    public Optional<String> getFeature(String key) {
        String k = key.toUpperCase(java.util.Locale.ROOT);
        String v = features.get(k);
        return Optional.ofNullable(v != null ? v : DEFAULTS.get(k));
    }

    /** Returns the channel membership modes and their prefixes, highest first, such as {@code o=@, v=+}. */
    public Map<Character, Character> prefixes() {
        String value = getFeature("PREFIX").orElse("");
        Map<Character, Character> out = new LinkedHashMap<>();
        int close = value.indexOf(')');
        if (!value.startsWith("(") || close < 0) {
            return out;
        }
        String modes = value.substring(1, close);
        String symbols = value.substring(close + 1);
        for (int i = 0; i < Math.min(modes.length(), symbols.length()); i++) {
            out.put(modes.charAt(i), symbols.charAt(i));
        }
        return out;
    }

    /** Returns the channel type characters, such as {@code #&}. */
    public String channelTypes() {
        return getFeature("CHANTYPES").orElse("#&");
    }

    /**
     * Returns the four CHANMODES groups: list modes (A), modes with a parameter always (B), with a parameter
     * when set (C), and flags (D); missing groups are empty.
     */
    public List<String> channelModes() {
        String[] groups = getFeature("CHANMODES").orElse("").split(",", -1);
        String[] four = new String[4];
        for (int i = 0; i < 4; i++) {
            four[i] = i < groups.length ? groups[i] : "";
        }
        return List.of(four);
    }

    /** Returns the server's case mapping. */
    public CaseMapping caseMapping() {
        return CaseMapping.fromToken(getFeature("CASEMAPPING").orElse("rfc1459"));
    }

    /** Returns the integer value of a feature, or {@code fallback} if absent or not a number. */
    public int intFeature(String key, int fallback) {
        try {
            return Integer.parseInt(getFeature(key).orElse(""));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Returns the announced features, as given (without defaults). */
    public Map<String, String> announced() {
        return Map.copyOf(features);
    }

    private static String unescape(String value) {
        if (value.indexOf("\\x") < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 3 < value.length() && value.charAt(i + 1) == 'x'
                    && Character.digit(value.charAt(i + 2), 16) >= 0 && Character.digit(value.charAt(i + 3), 16) >= 0) {
                out.append((char) Integer.parseInt(value.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "ServerSupportedFeatures" + features;
    }
}
