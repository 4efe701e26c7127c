package org.twisted4j.words.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The client side of IRCv3 capability negotiation ({@code CAP LS 302}, {@code REQ}, {@code ACK}/{@code NAK},
 * {@code NEW}/{@code DEL}, {@code END}) and of SASL ({@code AUTHENTICATE} PLAIN and EXTERNAL), for {@link IRCClient}.
 *
 * <p>Reactor thread only.
 */
final class CapNegotiation {

    /** The longest AUTHENTICATE chunk (IRCv3 SASL). */
    static final int SASL_CHUNK = 400;

    private final IRCClient client;
    private final Map<String, String> available = new LinkedHashMap<>();
    private final Set<String> enabled = new LinkedHashSet<>();
    private boolean negotiating;
    private boolean saslRunning;

    CapNegotiation(IRCClient client) {
        this.client = client;
    }

    Map<String, String> available() {
        return available;
    }

    Set<String> enabled() {
        return enabled;
    }

    boolean negotiating() {
        return negotiating;
    }

    void start() {
        negotiating = true;
        client.sendLine("CAP LS 302");
    }

    void capReceived(IrcMessage m) {
        String sub = m.param(1).toUpperCase(java.util.Locale.ROOT);
        boolean more = m.params().size() > 3 && m.param(2).equals("*");
        String list = m.params().get(m.params().size() - 1);
        switch (sub) {
            case "LS" -> {
                addAvailable(list);
                if (!more && negotiating) {
                    request();
                }
            }
            case "NEW" -> {
                addAvailable(list);
                List<String> wanted = wantedAmong(words(list));
                if (!wanted.isEmpty()) {
                    client.sendLine("CAP REQ :" + String.join(" ", wanted));
                }
            }
            case "DEL" -> {
                for (String cap : words(list)) {
                    available.remove(cap);
                    enabled.remove(cap);
                }
            }
            case "ACK" -> {
                for (String cap : words(list)) {
                    if (cap.startsWith("-")) {
                        enabled.remove(cap.substring(1));
                    } else {
                        enabled.add(cap);
                    }
                }
                client.capabilitiesAcknowledged(Set.copyOf(enabled));
                if (negotiating && !saslRunning) {
                    if (enabled.contains("sasl") && client.saslMechanism() != null) {
                        saslRunning = true;
                        client.sendLine("AUTHENTICATE " + client.saslMechanism());
                    } else {
                        end();
                    }
                }
            }
            case "NAK" -> {
                if (negotiating && !saslRunning) {
                    end();
                }
            }
            default -> {
                // LIST replies and unknown subcommands carry nothing the client acts on.
            }
        }
    }

    private void addAvailable(String list) {
        for (String cap : words(list)) {
            int eq = cap.indexOf('=');
            available.put(eq < 0 ? cap : cap.substring(0, eq), eq < 0 ? "" : cap.substring(eq + 1));
        }
    }

    private void request() {
        List<String> wanted = wantedAmong(new ArrayList<>(available.keySet()));
        if (wanted.isEmpty()) {
            end();
        } else {
            client.sendLine("CAP REQ :" + String.join(" ", wanted));
        }
    }

    private List<String> wantedAmong(List<String> offered) {
        List<String> wanted = new ArrayList<>();
        for (String cap : offered) {
            boolean sasl = cap.equals("sasl") && client.saslMechanism() != null && saslOffers(client.saslMechanism());
            if ((client.requestedCapabilities().contains(cap) || sasl) && !enabled.contains(cap)) {
                wanted.add(cap);
            }
        }
        return wanted;
    }

    private boolean saslOffers(String mechanism) {
        String mechs = available.get("sasl");
        return mechs == null || mechs.isEmpty() || List.of(mechs.split(",")).contains(mechanism);
    }

    void authenticateReceived(IrcMessage m) {
        if (!saslRunning || !m.param(0).equals("+")) {
            return;
        }
        byte[] payload = client.saslPayload();
        String encoded = payload.length == 0 ? "" : Base64.getEncoder().encodeToString(payload);
        int at = 0;
        while (encoded.length() - at >= SASL_CHUNK) {
            client.sendLine("AUTHENTICATE " + encoded.substring(at, at + SASL_CHUNK));
            at += SASL_CHUNK;
        }
        client.sendLine("AUTHENTICATE " + (at < encoded.length() ? encoded.substring(at) : "+"));
    }

    void saslDone(boolean success, String text) {
        if (!saslRunning) {
            return;
        }
        saslRunning = false;
        if (success) {
            client.saslSucceeded();
        } else {
            client.saslFailed(text);
        }
        if (negotiating) {
            end();
        }
    }

    private void end() {
        negotiating = false;
        client.sendLine("CAP END");
    }

    static byte[] plainPayload(String authzid, String user, @Nullable String password) {
        return (authzid + "\0" + user + "\0" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> words(String list) {
        List<String> out = new ArrayList<>();
        for (String w : list.split(" ")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
