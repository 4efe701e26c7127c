package org.twisted4j.names.authority;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.twisted4j.names.ByteString;
import org.twisted4j.names.DnsFormatError;
import org.twisted4j.names.Message;
import org.twisted4j.names.Name;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.UnknownRecord;
import org.twisted4j.names.authority.ZoneLexer.Entry;
import org.twisted4j.names.authority.ZoneLexer.Token;

/**
 * Reads BIND master files (RFC 1035 §5) into records, as Twisted's {@code BindAuthority} does.
 *
 * <h2>What it reads</h2>
 * <ul>
 *   <li>{@code $ORIGIN name}, {@code $TTL ttl}, {@code $INCLUDE file [origin]} (the file relative to the
 *   including file's directory; the origin and previous owner restored after it; at most
 *   {@link #setMaxIncludeDepth} deep), and BIND's {@code $GENERATE start-stop[/step] lhs [ttl] [class] type
 *   rhs}, where {@code $} in lhs and rhs is the counter and {@code ${offset,width,base}} formats it (base
 *   {@code d}, {@code o}, {@code x}, {@code X}, or {@code n}/{@code N} for reversed nibbles), {@code \$} a
 *   dollar sign;</li>
 *   <li>owners: {@code @} for the origin, names relative to it, absolute names ending with a dot, and a line
 *   beginning with a blank for the previous owner;</li>
 *   <li>a TTL (seconds, or BIND's units such as {@code 1h30m}) and a class, both optional, in either order;
 *   a record without a TTL takes {@code $TTL}, else the last TTL given, else (for a SOA) its minimum;</li>
 *   <li>parentheses across lines, {@code ;} comments, quoted strings with {@code \"} and {@code \DDD}
 *   escapes;</li>
 *   <li>the data of A, AAAA, NS, CNAME, DNAME, PTR, SOA, MX, TXT, SPF, HINFO, RP, SRV, NAPTR, CAA, SSHFP, TLSA,
 *   DS, DNSKEY, RRSIG, NSEC, NSEC3, NSEC3PARAM, SVCB and HTTPS in presentation form, and of any type,
 *   {@code TYPEnnn} included, as {@code \# LENGTH HEX} (RFC 3597).</li>
 * </ul>
 *
 * <h2>Errors and limits</h2>
 * Every problem is a {@link ZoneFileError} naming the file and line; nothing else escapes for any input. At
 * most {@link #setMaxRecords} records ({@value #DEFAULT_MAX_RECORDS} by default) are read, a
 * {@code $GENERATE} makes at most {@value #DEFAULT_MAX_GENERATE}, and includes nest at most
 * {@value #DEFAULT_MAX_INCLUDE_DEPTH} deep; text parsed with {@link #parse(String, String, String)} has no
 * directory, so {@code $INCLUDE} in it is an error.
 *
 * <h2>Threading</h2>
 * Not thread-safe; one parser per thread. It does no I/O but reading the files it is given.
 */
public final class ZoneFileParser {

    /** The default of {@link #setMaxRecords}. */
    public static final int DEFAULT_MAX_RECORDS = 1_000_000;
    /** The most records one {@code $GENERATE} makes. */
    public static final int DEFAULT_MAX_GENERATE = 65_536;
    /** The default of {@link #setMaxIncludeDepth}. */
    public static final int DEFAULT_MAX_INCLUDE_DEPTH = 8;
    /** The largest TTL (RFC 2181 §8). */
    static final long MAX_TTL = 0x7FFFFFFFL;

    private int maxRecords = DEFAULT_MAX_RECORDS;
    private int maxIncludeDepth = DEFAULT_MAX_INCLUDE_DEPTH;

    /** Creates a parser with the default limits. */
    public ZoneFileParser() {
    }

    /**
     * Sets the most records a parse may return, includes and generated records counted.
     *
     * @throws IllegalArgumentException if not positive
     */
    public ZoneFileParser setMaxRecords(int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
        }
        this.maxRecords = maxRecords;
        return this;
    }

    /**
     * Sets how deep {@code $INCLUDE}s may nest; 0 refuses them.
     *
     * @throws IllegalArgumentException if negative
     */
    public ZoneFileParser setMaxIncludeDepth(int depth) {
        if (depth < 0) {
            throw new IllegalArgumentException("the include depth cannot be negative: " + depth);
        }
        this.maxIncludeDepth = depth;
        return this;
    }

    /** State shared by a file and those it includes. */
    private static final class Run {
        final List<RawRecord> records = new ArrayList<>();
        @Nullable Long defaultTtl;
        @Nullable Long lastTtl;
        int zoneClass = -1;
    }

    /** State of one file: its origin and previous owner. */
    private static final class Place {
        final String source;
        final @Nullable Path directory;
        final int depth;
        String origin;
        @Nullable String owner;

        Place(String source, @Nullable Path directory, int depth, String origin) {
            this.source = source;
            this.directory = directory;
            this.depth = depth;
            this.origin = origin;
        }
    }

    /**
     * Reads a zone file, and the files it includes, into records.
     *
     * @param origin the origin the file starts with (absolute, a final dot optional), as for a zone statement;
     *     {@code "."} if the file sets its own with {@code $ORIGIN} or writes absolute names
     * @throws ZoneFileError if the file cannot be read or is wrong anywhere
     */
    public List<ResourceRecord> parse(Path file, String origin) {
        return records(parseRecords(file, origin));
    }

    /**
     * Reads zone-file text that has no file, so no {@code $INCLUDE}, into records.
     *
     * @param source the name errors give as the place
     * @param origin the origin the text starts with
     * @throws ZoneFileError if the text is wrong anywhere
     */
    public List<ResourceRecord> parse(String text, String source, String origin) {
        return records(parseRecords(text, source, origin));
    }

    private static List<ResourceRecord> records(List<RawRecord> raws) {
        List<ResourceRecord> records = new ArrayList<>(raws.size());
        for (RawRecord raw : raws) {
            records.add(record(raw));
        }
        return records;
    }

    /**
     * Turns a record read from the text into the codec's, its data typed by the codec's own reader of the wire
     * form, so that what a zone file says and what a message carries are read alike.
     *
     * @throws ZoneFileError if the codec refuses the data
     */
    static ResourceRecord record(RawRecord raw) {
        try {
            ResourceRecord unknown = new ResourceRecord(Name.fromLabels(TextNames.labels(raw.owner())),
                    raw.dnsClass(), raw.ttl(), new UnknownRecord(raw.type(), ByteString.of(raw.rdata())));
            return Message.parse(Message.builder().answer(unknown).build().toBytes()).answers().get(0);
        } catch (DnsFormatError | IllegalArgumentException e) {
            throw new ZoneFileError(raw.source(), raw.line(), "bad " + RecordTypes.name(raw.type()) + " data: "
                    + e.getMessage());
        }
    }

    /**
     * Reads a zone file, and the files it includes.
     *
     * @param origin the origin the file starts with (absolute, a final dot optional), as for a zone statement
     * @throws ZoneFileError if the file cannot be read or is wrong anywhere
     */
    List<RawRecord> parseRecords(Path file, String origin) {
        Run run = new Run();
        readFile(run, file, file.toString(), absoluteOrigin(file.toString(), origin), 0);
        return run.records;
    }

    /**
     * Reads zone-file text that has no file, so no {@code $INCLUDE}.
     *
     * @param source the name errors give as the place
     * @throws ZoneFileError if the text is wrong anywhere
     */
    List<RawRecord> parseRecords(String text, String source, String origin) {
        Run run = new Run();
        read(run, new Place(source, null, 0, absoluteOrigin(source, origin)), text);
        return run.records;
    }

    private static String absoluteOrigin(String source, String origin) {
        String absolute = origin.isEmpty() || TextNames.endsWithDot(origin) ? origin : origin + ".";
        if (absolute.isEmpty()) {
            absolute = ".";
        }
        try {
            TextNames.labels(absolute);
        } catch (IllegalArgumentException e) {
            throw new ZoneFileError(source, 0, "bad origin: " + e.getMessage());
        }
        return absolute;
    }

    private void readFile(Run run, Path file, String source, String origin, int depth) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ZoneFileError(source, 0, "cannot read: " + e.getMessage());
        }
        Path parent = file.toAbsolutePath().getParent();
        read(run, new Place(source, parent, depth, origin), text);
    }

    private void read(Run run, Place place, String text) {
        for (Entry entry : ZoneLexer.entries(place.source, text)) {
            try {
                List<Token> tokens = entry.tokens();
                Token first = tokens.get(0);
                if (!entry.indented() && !first.quoted() && first.text().startsWith("$")) {
                    directive(run, place, entry);
                } else {
                    record(run, place, entry.indented() ? null : first.text(), tokens.subList(entry.indented() ? 0 : 1,
                            tokens.size()), entry.line());
                }
            } catch (IllegalArgumentException e) {
                throw new ZoneFileError(place.source, entry.line(), String.valueOf(e.getMessage()));
            }
        }
    }

    private void directive(Run run, Place place, Entry entry) {
        List<Token> tokens = entry.tokens();
        String name = tokens.get(0).text().toUpperCase(Locale.ROOT);
        switch (name) {
            case "$ORIGIN" -> {
                expect(tokens, 2, 2, "$ORIGIN takes a name");
                String origin = TextNames.absolute(word(tokens.get(1)), place.origin);
                TextNames.labels(origin);
                place.origin = origin;
            }
            case "$TTL" -> {
                expect(tokens, 2, 2, "$TTL takes a TTL");
                run.defaultTtl = ttl(word(tokens.get(1)));
            }
            case "$INCLUDE" -> {
                expect(tokens, 2, 3, "$INCLUDE takes a file and an optional origin");
                if (place.directory == null) {
                    throw new IllegalArgumentException("$INCLUDE needs a zone read from a file");
                }
                if (place.depth >= maxIncludeDepth) {
                    throw new IllegalArgumentException("$INCLUDE nested deeper than " + maxIncludeDepth);
                }
                String fileName = new String(RdataText.bytes(tokens.get(1)), StandardCharsets.UTF_8);
                Path file = place.directory.resolve(fileName);
                String origin = tokens.size() == 3
                        ? TextNames.absolute(word(tokens.get(2)), place.origin) : place.origin;
                TextNames.labels(origin);
                readFile(run, file, file.toString(), origin, place.depth + 1);
            }
            case "$GENERATE" -> generate(run, place, entry);
            default -> throw new IllegalArgumentException("unknown directive " + TextNames.abbreviate(name));
        }
    }

    private static void expect(List<Token> tokens, int min, int max, String usage) {
        if (tokens.size() < min || tokens.size() > max) {
            throw new IllegalArgumentException(usage);
        }
    }

    private static String word(Token token) {
        if (token.quoted()) {
            throw new IllegalArgumentException("unexpected quoted string " + token);
        }
        return token.text();
    }

    private void generate(Run run, Place place, Entry entry) {
        List<Token> tokens = entry.tokens();
        if (tokens.size() < 5) {
            throw new IllegalArgumentException("$GENERATE takes a range, a left side, a type and a right side");
        }
        Generator.Range range = Generator.range(word(tokens.get(1)));
        if (range.count() > DEFAULT_MAX_GENERATE) {
            throw new IllegalArgumentException("$GENERATE makes more than " + DEFAULT_MAX_GENERATE + " records");
        }
        String lhs = word(tokens.get(2));
        List<Token> rest = tokens.subList(3, tokens.size());
        Token rhs = rest.get(rest.size() - 1);
        List<Token> middle = rest.subList(0, rest.size() - 1);
        for (long i = range.start(); i <= range.stop(); i += range.step()) {
            List<Token> fields = new ArrayList<>(middle);
            fields.add(new Token(Generator.substitute(rhs.text(), i), rhs.quoted()));
            record(run, place, Generator.substitute(lhs, i), fields, entry.line());
        }
    }

    private void record(Run run, Place place, @Nullable String ownerText, List<Token> fields, int line) {
        String owner;
        if (ownerText == null) {
            if (place.owner == null) {
                throw new IllegalArgumentException("the first record has no owner");
            }
            owner = place.owner;
        } else {
            owner = TextNames.absolute(ownerText, place.origin);
            TextNames.labels(owner);
        }
        Long ttl = null;
        int dnsClass = -1;
        int index = 0;
        while (index < fields.size() && index < 2 && !fields.get(index).quoted()) {
            String text = fields.get(index).text();
            if (ttl == null && looksLikeTtl(text)) {
                ttl = ttl(text);
            } else if (dnsClass < 0 && RecordTypes.dnsClass(text) >= 0) {
                dnsClass = RecordTypes.dnsClass(text);
            } else {
                break;
            }
            index++;
        }
        if (index >= fields.size()) {
            throw new IllegalArgumentException("a record needs a type");
        }
        String typeText = word(fields.get(index));
        int type = RecordTypes.number(typeText);
        if (type < 0) {
            throw new IllegalArgumentException("unknown type " + TextNames.abbreviate(typeText));
        }
        if (dnsClass < 0) {
            dnsClass = run.zoneClass < 0 ? 1 : run.zoneClass;
        }
        if (run.zoneClass < 0) {
            run.zoneClass = dnsClass;
        } else if (dnsClass != run.zoneClass) {
            throw new IllegalArgumentException("class " + dnsClass + " differs from the zone's " + run.zoneClass);
        }
        byte[] rdata = RdataText.toWire(type, fields.subList(index + 1, fields.size()), place.origin);
        if (ttl != null) {
            run.lastTtl = ttl;
        } else if (run.defaultTtl != null) {
            ttl = run.defaultTtl;
        } else if (run.lastTtl != null) {
            ttl = run.lastTtl;
        } else if (type == RecordTypes.SOA) {
            int at = rdata.length - 4;
            ttl = ((rdata[at] & 0xFFL) << 24) | ((rdata[at + 1] & 0xFF) << 16) | ((rdata[at + 2] & 0xFF) << 8)
                    | (rdata[at + 3] & 0xFF);
            run.lastTtl = ttl;
        } else {
            throw new IllegalArgumentException("no TTL given and no $TTL before");
        }
        if (run.records.size() >= maxRecords) {
            throw new IllegalArgumentException("more than " + maxRecords + " records");
        }
        place.owner = owner;
        run.records.add(new RawRecord(owner, type, dnsClass, ttl, rdata, place.source, line));
    }

    private static boolean looksLikeTtl(String text) {
        return !text.isEmpty() && text.charAt(0) >= '0' && text.charAt(0) <= '9';
    }

    /**
     * Parses a TTL: seconds, or BIND's units ({@code 1w2d3h4m5s}, in either case).
     *
     * @throws IllegalArgumentException if malformed or over 2^31 - 1
     */
    static long ttl(String text) {
        if (text.isEmpty() || text.length() > 40) {
            throw new IllegalArgumentException("bad TTL " + TextNames.abbreviate(text));
        }
        long total = 0;
        long number = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                number = (number < 0 ? 0 : number) * 10 + (c - '0');
                if (number > MAX_TTL) {
                    throw new IllegalArgumentException("TTL over 2147483647: " + text);
                }
                continue;
            }
            long unit = switch (Character.toLowerCase(c)) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86400;
                case 'w' -> 604800;
                default -> -1;
            };
            if (unit < 0 || number < 0) {
                throw new IllegalArgumentException("bad TTL " + TextNames.abbreviate(text));
            }
            total += number * unit;
            number = -1;
            if (total > MAX_TTL) {
                throw new IllegalArgumentException("TTL over 2147483647: " + text);
            }
        }
        if (number >= 0) {
            total += number;
        }
        if (total > MAX_TTL) {
            throw new IllegalArgumentException("TTL over 2147483647: " + text);
        }
        return total;
    }
}
