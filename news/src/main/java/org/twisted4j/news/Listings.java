package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.function.Predicate;

/** The text of the server's informational answers: CAPABILITIES, HELP and the LIST variants (RFC 3977 §5, §7). */
final class Listings {

    private static final String HELP = """
            ARTICLE [message-id|number]
            AUTHINFO USER name|PASS password
            BODY [message-id|number]
            CAPABILITIES [keyword]
            CHECK message-id
            DATE
            GROUP newsgroup
            HDR field [message-id|range]
            HEAD [message-id|number]
            HELP
            IHAVE message-id
            LAST
            LIST [ACTIVE [wildmat]|ACTIVE.TIMES [wildmat]|HEADERS [MSGID|RANGE]|NEWSGROUPS [wildmat]|OVERVIEW.FMT]
            LISTGROUP [newsgroup [range]]
            MODE READER|STREAM
            NEWGROUPS [yy]yymmdd hhmmss [GMT]
            NEWNEWS wildmat [yy]yymmdd hhmmss [GMT]
            NEXT
            OVER [message-id|range]
            POST
            QUIT
            STARTTLS
            STAT [message-id|number]
            TAKETHIS message-id
            XHDR field [message-id|range]
            XOVER [range]
            """;

    private Listings() {
    }

    static byte[] capabilities(boolean posting, List<String> security) {
        StringBuilder text = new StringBuilder("VERSION 2\nREADER\n").append(posting ? "POST\n" : "")
                .append("IHAVE\nSTREAMING\nNEWNEWS\nHDR\nOVER MSGID\nLIST ACTIVE ACTIVE.TIMES HEADERS NEWSGROUPS OVERVIEW.FMT\n");
        security.forEach(line -> text.append(line).append('\n'));
        return DotStuffing.encode(text.append("IMPLEMENTATION twisted4j\n").toString().getBytes(UTF_8));
    }

    static byte[] help() {
        return DotStuffing.encode(HELP.getBytes(UTF_8));
    }

    /** LIST ACTIVE (and NEWGROUPS): name, high, low, status. */
    static byte[] active(List<NewsGroup> groups, Predicate<NewsGroup> which) {
        StringBuilder text = new StringBuilder();
        for (NewsGroup group : groups) {
            if (which.test(group)) {
                text.append(group.name()).append(' ').append(group.high()).append(' ').append(group.low()).append(' ')
                        .append(group.status().letter()).append('\n');
            }
        }
        return DotStuffing.encode(text.toString().getBytes(UTF_8));
    }

    /** LIST NEWSGROUPS: name, TAB, description. */
    static byte[] newsgroups(List<NewsGroup> groups, Wildmat wildmat) {
        StringBuilder text = new StringBuilder();
        for (NewsGroup group : groups) {
            if (wildmat.matches(group.name())) {
                text.append(group.name()).append('\t').append(group.description()).append('\n');
            }
        }
        return DotStuffing.encode(text.toString().getBytes(UTF_8));
    }

    /** LIST ACTIVE.TIMES: name, creation time (epoch seconds), creator. */
    static byte[] activeTimes(List<NewsGroup> groups, Wildmat wildmat, String creator) {
        StringBuilder text = new StringBuilder();
        for (NewsGroup group : groups) {
            if (wildmat.matches(group.name())) {
                text.append(group.name()).append(' ').append(group.created().getEpochSecond()).append(' ')
                        .append(creator).append('\n');
            }
        }
        return DotStuffing.encode(text.toString().getBytes(UTF_8));
    }

    static byte[] overviewFormat() {
        return DotStuffing.encode(String.join("\n", OverviewEntry.FORMAT).getBytes(UTF_8));
    }

    /** LIST HEADERS: any header by name (":"), and the two metadata items. */
    static byte[] headers() {
        return DotStuffing.encode(":\n:bytes\n:lines\n".getBytes(UTF_8));
    }
}
