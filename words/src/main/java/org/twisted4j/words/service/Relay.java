package org.twisted4j.words.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.words.irc.IrcMessage;

/**
 * A message from one user to many (a channel's members): encoded once per variant of tags the recipients
 * asked for ({@code server-time}, {@code account-tag}), so a broadcast to a thousand members encodes it at most
 * four times.
 *
 * <p>Reactor thread only.
 */
final class Relay {

    private static final DateTimeFormatter SERVER_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final IrcMessage message;
    private final @Nullable String account;
    private final byte[][] variants = new byte[4][];
    private @Nullable String time;

    private final boolean colon;

    Relay(String prefix, String command, List<String> params, @Nullable String account) {
        this.message = new IrcMessage(Map.of(), prefix, command, params);
        this.colon = IrcServerSession.colonFor(command, params.size());
        this.account = account;
    }

    byte[] bytesFor(IrcServerSession recipient) {
        boolean serverTime = recipient.caps.contains("server-time");
        boolean accountTag = account != null && recipient.caps.contains("account-tag");
        int variant = (serverTime ? 1 : 0) | (accountTag ? 2 : 0);
        byte[] bytes = variants[variant];
        if (bytes == null) {
            Map<String, String> tags = new LinkedHashMap<>();
            if (serverTime) {
                if (time == null) {
                    time = SERVER_TIME.format(Instant.now());
                }
                tags.put("time", time);
            }
            if (accountTag && account != null) {
                tags.put("account", account);
            }
            byte[] line = IrcServerSession.fit(message.withTags(tags).toLine(colon).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            bytes = java.util.Arrays.copyOf(line, line.length + 2);
            bytes[line.length] = '\r';
            bytes[line.length + 1] = '\n';
            variants[variant] = bytes;
        }
        return bytes;
    }
}
