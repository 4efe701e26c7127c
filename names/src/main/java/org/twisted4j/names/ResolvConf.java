package org.twisted4j.names;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code /etc/resolv.conf} says (resolv.conf(5)): the name servers, the search list and the options
 * {@code ndots}, {@code timeout} and {@code attempts}. Read as the C library reads it: keywords at the start of a
 * line, {@code #} and {@code ;} start comments, unknown lines and bad values are ignored, at most
 * {@value #MAX_NAMESERVERS} name servers and {@value #MAX_SEARCH} search domains, {@code domain} and
 * {@code search} each replace the other (the last wins), and the numbers are capped as glibc caps them. With no
 * name server it says {@code 127.0.0.1}, as Twisted's resolver does.
 *
 * <pre>{@code
 * ResolvConf conf = ResolvConf.read(Path.of("/etc/resolv.conf"));
 * conf.nameservers();   // ["192.0.2.53", "2001:db8::53"]
 * }</pre>
 *
 * <p>Parsing never fails: a file the resolver cannot use gives the defaults. Immutable; any thread.
 *
 * @param nameservers the servers' IP address literals, in order, each queried on port 53
 * @param search the domains a name with fewer than {@code ndots} dots is tried in, in order
 * @param ndots how many dots make a name tried as it is first, 0 to {@value #MAX_NDOTS}
 * @param timeout the seconds to wait for a server's first answer, 1 to {@value #MAX_TIMEOUT}
 * @param attempts how many times to go round the servers, 1 to {@value #MAX_ATTEMPTS}
 */
public record ResolvConf(List<String> nameservers, List<Name> search, int ndots, int timeout, int attempts) {
    /** The most name servers kept (glibc's MAXNS). */
    public static final int MAX_NAMESERVERS = 3;
    /** The most search domains kept (glibc's MAXDNSRCH). */
    public static final int MAX_SEARCH = 6;
    /** The largest {@code ndots}. */
    public static final int MAX_NDOTS = 15;
    /** The largest {@code timeout}, in seconds. */
    public static final int MAX_TIMEOUT = 30;
    /** The largest {@code attempts}. */
    public static final int MAX_ATTEMPTS = 5;
    /** The longest file read, in characters; the rest is ignored. */
    public static final int MAX_LENGTH = 64 * 1024;
    /** The server used when the file names none. */
    public static final String DEFAULT_NAMESERVER = "127.0.0.1";

    /**
     * Checks the values are within the limits and copies the lists.
     *
     * @throws IllegalArgumentException if not
     */
    public ResolvConf {
        nameservers = List.copyOf(nameservers);
        search = List.copyOf(search);
        if (nameservers.isEmpty() || nameservers.size() > MAX_NAMESERVERS || search.size() > MAX_SEARCH
                || ndots < 0 || ndots > MAX_NDOTS || timeout < 1 || timeout > MAX_TIMEOUT || attempts < 1
                || attempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("resolv.conf values out of range");
        }
        for (String server : nameservers) {
            ipLiteral(server);
        }
    }

    /** The defaults: {@code 127.0.0.1}, no search list, ndots 1, timeout 5, attempts 2. */
    public static ResolvConf defaults() {
        return new ResolvConf(List.of(DEFAULT_NAMESERVER), List.of(), 1, 5, 2);
    }

    /**
     * Reads a file; a missing or unreadable one gives the {@linkplain #defaults() defaults}, as for the C
     * library.
     */
    public static ResolvConf read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return defaults();
        }
    }

    /** Parses the text of a resolv.conf; never fails. */
    public static ResolvConf parse(String text) {
        List<String> servers = new ArrayList<>();
        List<Name> search = new ArrayList<>();
        int ndots = 1;
        int timeout = 5;
        int attempts = 2;
        String bounded = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
        for (String line : bounded.split("\n", -1)) {
            String[] words = words(line);
            if (words.length < 2) {
                continue;
            }
            switch (words[0]) {
                case "nameserver" -> {
                    String address = words[1];
                    if (servers.size() < MAX_NAMESERVERS && isIpLiteral(address)) {
                        servers.add(address);
                    }
                }
                case "domain" -> {
                    search.clear();
                    addDomain(search, words[1]);
                }
                case "search" -> {
                    search.clear();
                    for (int i = 1; i < words.length && search.size() < MAX_SEARCH; i++) {
                        addDomain(search, words[i]);
                    }
                }
                case "options" -> {
                    for (int i = 1; i < words.length; i++) {
                        String option = words[i];
                        int colon = option.indexOf(':');
                        if (colon < 0) {
                            continue;
                        }
                        int value = number(option.substring(colon + 1));
                        if (value < 0) {
                            continue;
                        }
                        switch (option.substring(0, colon)) {
                            case "ndots" -> ndots = Math.min(value, MAX_NDOTS);
                            case "timeout" -> timeout = Math.max(1, Math.min(value, MAX_TIMEOUT));
                            case "attempts" -> attempts = Math.max(1, Math.min(value, MAX_ATTEMPTS));
                            default -> {
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
        if (servers.isEmpty()) {
            servers.add(DEFAULT_NAMESERVER);
        }
        return new ResolvConf(servers, search, ndots, timeout, attempts);
    }

    /** The text of a resolv.conf that {@link #parse(String)} reads back as this. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        for (String server : nameservers) {
            out.append("nameserver ").append(server).append('\n');
        }
        if (!search.isEmpty()) {
            out.append("search");
            for (Name domain : search) {
                out.append(' ').append(domain);
            }
            out.append('\n');
        }
        out.append("options ndots:").append(ndots).append(" timeout:").append(timeout).append(" attempts:")
                .append(attempts).append('\n');
        return out.toString();
    }

    private static String[] words(String line) {
        int comment = line.length();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '#' || c == ';') {
                comment = i;
                break;
            }
        }
        String content = line.substring(0, comment).strip();
        return content.isEmpty() ? new String[0] : content.split("[ \t\r\f\u000b]+");
    }

    private static void addDomain(List<Name> search, String text) {
        try {
            Name name = Name.of(text);
            if (!name.isRoot() && !search.contains(name)) {
                search.add(name);
            }
        } catch (IllegalArgumentException e) {
            // Not a name: left out, as the C library leaves out what it cannot use.
        }
    }

    private static int number(String digits) {
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    private static boolean isIpLiteral(String text) {
        try {
            ipLiteral(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void ipLiteral(String text) {
        if (text.contains(":")) {
            Records.ipv6(text.toLowerCase(Locale.ROOT));
        } else {
            Records.ipv4(text);
        }
    }
}
