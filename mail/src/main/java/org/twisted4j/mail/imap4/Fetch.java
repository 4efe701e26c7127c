package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * FETCH's data items: parsing them from the command and writing one message's response. Package-private; reactor
 * thread only.
 */
final class Fetch {

    static final DateTimeFormatter INTERNAL_DATE =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** One item: its name as answered, and for sections the section and partial range. */
    record Item(String name, @Nullable String section, boolean peek, long offset, long length) {
    }

    final List<Item> items = new ArrayList<>();

    /** Returns true if a non-peek body item is asked for (it sets \Seen). */
    boolean setsSeen() {
        return items.stream().anyMatch(i -> !i.peek() && (i.section() != null || i.name().equals("RFC822")
                || i.name().equals("RFC822.TEXT")));
    }

    /** Adds MODSEQ (CHANGEDSINCE asks for it). */
    void addModseq() throws ImapSyntaxException {
        add("MODSEQ");
    }

    boolean has(String name) {
        return items.stream().anyMatch(i -> i.name().equals(name));
    }

    static Fetch parse(ImapArg arg, boolean uid) throws ImapSyntaxException {
        Fetch fetch = new Fetch();
        List<ImapArg> list = arg instanceof ImapArg.Paren p ? p.items() : List.of(arg);
        if (arg instanceof ImapArg.Atom atom) {
            switch (atom.upper()) {
                case "ALL" -> list = atoms("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE");
                case "FAST" -> list = atoms("FLAGS", "INTERNALDATE", "RFC822.SIZE");
                case "FULL" -> list = atoms("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY");
                default -> { }
            }
        }
        if (uid) {
            fetch.items.add(new Item("UID", null, true, 0, -1));
        }
        for (ImapArg item : list) {
            if (!(item instanceof ImapArg.Atom atom)) {
                throw new ImapSyntaxException("Invalid fetch item");
            }
            fetch.add(atom.value());
        }
        if (fetch.items.isEmpty()) {
            throw new ImapSyntaxException("No fetch items");
        }
        return fetch;
    }

    private static List<ImapArg> atoms(String... names) {
        return Arrays.stream(names).map(n -> (ImapArg) new ImapArg.Atom(n)).toList();
    }

    private void add(String text) throws ImapSyntaxException {
        String upper = text.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODYSTRUCTURE", "RFC822", "RFC822.HEADER",
                    "RFC822.TEXT", "BODY" -> {
                if (!has(upper)) {
                    items.add(new Item(upper, null, upper.equals("RFC822.HEADER"), 0, -1));
                }
                return;
            }
            case "MODSEQ" -> {
                if (!has("MODSEQ")) {
                    items.add(new Item("MODSEQ", null, true, 0, -1));
                }
                return;
            }
            case "UID" -> {
                if (!has("UID")) {
                    items.add(new Item("UID", null, true, 0, -1));
                }
                return;
            }
            default -> { }
        }
        boolean peek = upper.startsWith("BODY.PEEK[");
        if (!peek && !upper.startsWith("BODY[")) {
            throw new ImapSyntaxException("Invalid fetch item " + text);
        }
        int open = upper.indexOf('[');
        int close = upper.lastIndexOf(']');
        String section = upper.substring(open + 1, close);
        String rest = upper.substring(close + 1);
        long offset = 0;
        long length = -1;
        if (!rest.isEmpty()) {
            if (!rest.startsWith("<") || !rest.endsWith(">")) {
                throw new ImapSyntaxException("Invalid partial");
            }
            String[] nums = rest.substring(1, rest.length() - 1).split("\\.", -1);
            if (nums.length != 2) {
                throw new ImapSyntaxException("Invalid partial");
            }
            offset = number(nums[0]);
            length = number(nums[1]);
            if (length == 0) {
                throw new ImapSyntaxException("Invalid partial");
            }
        }
        checkSection(section);
        items.add(new Item("BODY", section, peek, offset, length));
    }

    private static long number(String s) throws ImapSyntaxException {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ImapSyntaxException("Invalid number");
        }
        return Long.parseLong(s);
    }

    private static void checkSection(String section) throws ImapSyntaxException {
        String rest = section;
        while (!rest.isEmpty() && Character.isDigit(rest.charAt(0))) {
            int dot = rest.indexOf('.');
            String n = dot < 0 ? rest : rest.substring(0, dot);
            if (number(n) == 0) {
                throw new ImapSyntaxException("Invalid section");
            }
            rest = dot < 0 ? "" : rest.substring(dot + 1);
        }
        if (rest.isEmpty() || rest.equals("HEADER") || rest.equals("TEXT") || rest.equals("MIME")
                || rest.startsWith("HEADER.FIELDS (") || rest.startsWith("HEADER.FIELDS.NOT (")) {
            return;
        }
        throw new ImapSyntaxException("Invalid section");
    }

    /** Writes a flag list. */
    static String flags(Collection<String> flags) {
        return "(" + String.join(" ", flags) + ")";
    }

    /** Writes one message's FETCH response. */
    byte[] render(int seq, ImapMessage message, boolean withFlags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("* " + seq + " FETCH (").getBytes(UTF_8));
        MimeStructure mime = null;
        boolean first = true;
        List<Item> all = new ArrayList<>(items);
        if (withFlags && !has("FLAGS")) {
            all.add(new Item("FLAGS", null, true, 0, -1));
        }
        for (Item item : all) {
            if (!first) {
                out.write(' ');
            }
            first = false;
            if (mime == null && needsMime(item)) {
                mime = message.structure();
            }
            switch (item.name()) {
                case "UID" -> text(out, "UID " + message.uid());
                case "MODSEQ" -> text(out, "MODSEQ (" + message.modseq() + ")");
                case "FLAGS" -> text(out, "FLAGS " + flags(message.flags()));
                case "INTERNALDATE" -> text(out, "INTERNALDATE \"" + INTERNAL_DATE.format(message.internalDate()) + "\"");
                case "RFC822.SIZE" -> text(out, "RFC822.SIZE " + message.size());
                case "ENVELOPE" -> text(out, "ENVELOPE " + mime.envelope());
                case "BODYSTRUCTURE" -> text(out, "BODYSTRUCTURE " + mime.bodyStructure(true));
                case "RFC822" -> literal(out, "RFC822", message.bytes());
                case "RFC822.HEADER" -> literal(out, "RFC822.HEADER", mime.headerBytes());
                case "RFC822.TEXT" -> literal(out, "RFC822.TEXT", mime.body());
                default -> {
                    if (item.section() == null) {
                        text(out, "BODY " + mime.bodyStructure(false));
                    } else {
                        section(out, item, mime);
                    }
                }
            }
        }
        out.writeBytes(")\r\n".getBytes(UTF_8));
        return out.toByteArray();
    }

    private static boolean needsMime(Item item) {
        return !List.of("UID", "FLAGS", "INTERNALDATE", "RFC822.SIZE", "RFC822", "MODSEQ").contains(item.name());
    }

    private static void text(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(UTF_8));
    }

    private static void literal(ByteArrayOutputStream out, String name, byte[] bytes) {
        out.writeBytes((name + " {" + bytes.length + "}\r\n").getBytes(UTF_8));
        out.writeBytes(bytes);
    }

    private static void section(ByteArrayOutputStream out, Item item, MimeStructure mime) {
        String section = item.section();
        byte[] bytes = sectionBytes(mime, section);
        String name = "BODY[" + section + "]";
        if (item.length() >= 0) {
            name += "<" + item.offset() + ">";
            int from = (int) Math.min(item.offset(), bytes == null ? 0 : bytes.length);
            if (bytes != null) {
                bytes = Arrays.copyOfRange(bytes, from, (int) Math.min(bytes.length, from + item.length()));
            }
        }
        if (bytes == null) {
            text(out, name + " NIL");
        } else {
            literal(out, name, bytes);
        }
    }

    private static byte @Nullable [] sectionBytes(MimeStructure mime, String section) {
        List<Integer> path = new ArrayList<>();
        String rest = section;
        while (!rest.isEmpty() && Character.isDigit(rest.charAt(0))) {
            int dot = rest.indexOf('.');
            path.add(Integer.parseInt(dot < 0 ? rest : rest.substring(0, dot)));
            rest = dot < 0 ? "" : rest.substring(dot + 1);
        }
        MimeStructure part = mime.part(path.stream().mapToInt(Integer::intValue).toArray());
        if (part == null) {
            return null;
        }
        MimeStructure headed = path.isEmpty() ? mime : part.message() != null ? part.message() : part;
        if (rest.isEmpty()) {
            return path.isEmpty() ? mime.all() : part.body();
        }
        return switch (rest) {
            case "MIME" -> part.headerBytes();
            case "HEADER" -> headed.headerBytes();
            case "TEXT" -> headed.body();
            default -> {
                boolean not = rest.startsWith("HEADER.FIELDS.NOT");
                String inner = rest.substring(rest.indexOf('(') + 1, rest.lastIndexOf(')')).trim();
                List<String> names = inner.isEmpty() ? List.of() : Arrays.asList(inner.split("\\s+"));
                List<String> clean = names.stream().map(n -> n.replace("\"", "")).toList();
                yield headed.headerFields(clean, not);
            }
        };
    }
}
