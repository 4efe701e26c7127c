package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * SEARCH's keys (RFC 3501 §6.4.4) read into a predicate over messages. Package-private; reactor thread only.
 */
final class Search {

    /** A message with its sequence number and the largest sequence number and UID, for {@code *}. */
    record Candidate(int seq, ImapMessage message, int maxSeq, long maxUid) {
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);

    private final List<ImapArg> args;
    private int pos;

    private Search(List<ImapArg> args) {
        this.args = args;
    }

    static Predicate<Candidate> parse(List<ImapArg> args) throws ImapSyntaxException {
        if (args.isEmpty()) {
            throw new ImapSyntaxException("Missing search keys");
        }
        Search search = new Search(args);
        Predicate<Candidate> all = c -> true;
        while (search.pos < args.size()) {
            all = all.and(search.key(0));
        }
        return all;
    }

    private String next() throws ImapSyntaxException {
        if (pos >= args.size()) {
            throw new ImapSyntaxException("Missing search argument");
        }
        return args.get(pos++).text();
    }

    private Predicate<Candidate> key(int depth) throws ImapSyntaxException {
        if (depth > 32 || pos >= args.size()) {
            throw new ImapSyntaxException("Invalid search");
        }
        ImapArg arg = args.get(pos++);
        if (arg instanceof ImapArg.Paren paren) {
            Search inner = new Search(paren.items());
            Predicate<Candidate> all = c -> true;
            if (paren.items().isEmpty()) {
                throw new ImapSyntaxException("Empty search list");
            }
            while (inner.pos < paren.items().size()) {
                all = all.and(inner.key(depth + 1));
            }
            return all;
        }
        String key = arg.text().toUpperCase(Locale.ROOT);
        return switch (key) {
            case "ALL", "OLD" -> c -> true;
            case "NEW", "RECENT" -> c -> false;
            case "ANSWERED", "DELETED", "DRAFT", "FLAGGED", "SEEN" -> flag("\\" + cap(key));
            case "UNANSWERED", "UNDELETED", "UNDRAFT", "UNFLAGGED", "UNSEEN" -> flag("\\" + cap(key.substring(2))).negate();
            case "KEYWORD" -> flag(next());
            case "UNKEYWORD" -> flag(next()).negate();
            case "FROM", "TO", "CC", "BCC", "SUBJECT" -> header(cap(key), next());
            case "HEADER" -> {
                String name = next();
                yield header(name, next());
            }
            case "BODY" -> contains(next(), true);
            case "TEXT" -> contains(next(), false);
            case "LARGER" -> {
                long n = number(next());
                yield c -> c.message().size() > n;
            }
            case "SMALLER" -> {
                long n = number(next());
                yield c -> c.message().size() < n;
            }
            case "MODSEQ" -> {
                // RFC 7162 §3.1.5: MODSEQ [entry-name entry-type] mod-sequence-valzer
                String first = next();
                if (pos < args.size() && first.startsWith("/")) {
                    next();
                    first = next();
                } else if (first.startsWith("/")) {
                    throw new ImapSyntaxException("Invalid MODSEQ search");
                }
                long n = modseq(first);
                yield c -> c.message().modseq() >= n;
            }
            case "UID" -> {
                SequenceSet set = SequenceSet.parse(next());
                yield c -> set.contains(c.message().uid(), c.maxUid());
            }
            case "NOT" -> key(depth + 1).negate();
            case "OR" -> {
                Predicate<Candidate> a = key(depth + 1);
                yield a.or(key(depth + 1));
            }
            case "BEFORE", "ON", "SINCE" -> {
                LocalDate date = date(next());
                yield c -> {
                    LocalDate d = c.message().internalDate().atZone(ZoneOffset.UTC).toLocalDate();
                    return key.equals("BEFORE") ? d.isBefore(date) : key.equals("ON") ? d.equals(date)
                            : !d.isBefore(date);
                };
            }
            default -> {
                if (!key.isEmpty() && (Character.isDigit(key.charAt(0)) || key.charAt(0) == '*')) {
                    SequenceSet set = SequenceSet.parse(key);
                    yield c -> set.contains(c.seq(), c.maxSeq());
                }
                throw new ImapSyntaxException("Unknown search key " + key);
            }
        };
    }

    private static String cap(String word) {
        return word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT);
    }

    private static long number(String text) throws ImapSyntaxException {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new ImapSyntaxException("Invalid number");
        }
        return Long.parseLong(text);
    }

    private static long modseq(String text) throws ImapSyntaxException {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new ImapSyntaxException("Invalid mod-sequence");
        }
        return Long.parseLong(text);
    }

    /** Returns true if a MODSEQ key is among the keys, at any depth. */
    static boolean usesModseq(List<ImapArg> keys) {
        for (ImapArg arg : keys) {
            if (arg instanceof ImapArg.Atom a && a.is("MODSEQ")
                    || arg instanceof ImapArg.Paren p && usesModseq(p.items())) {
                return true;
            }
        }
        return false;
    }

    private static LocalDate date(String text) throws ImapSyntaxException {
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            throw new ImapSyntaxException("Invalid date");
        }
    }

    private static Predicate<Candidate> flag(String flag) {
        return c -> c.message().flags().stream().anyMatch(flag::equalsIgnoreCase);
    }

    private static Predicate<Candidate> header(String name, String value) {
        String needle = value.toLowerCase(Locale.ROOT);
        return c -> {
            MimeStructure mime = c.message().structure();
            return mime.fields().stream().anyMatch(f -> f.name().equalsIgnoreCase(name)
                    && f.value().toLowerCase(Locale.ROOT).contains(needle));
        };
    }

    private static Predicate<Candidate> contains(String value, boolean bodyOnly) {
        String needle = value.toLowerCase(Locale.ROOT);
        return c -> {
            byte[] bytes = bodyOnly ? c.message().structure().body() : c.message().bytes();
            return new String(bytes, UTF_8).toLowerCase(Locale.ROOT).contains(needle);
        };
    }
}
