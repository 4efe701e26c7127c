package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The commands of the selected state: CHECK, CLOSE, UNSELECT, EXPUNGE, SEARCH, FETCH, STORE, COPY, MOVE and their
 * UID forms. Package-private; reactor thread only.
 */
final class Selected {

    private final ImapServer server;
    private final Selection selection;
    private final ImapAccount account;

    Selected(ImapServer server, Selection selection, ImapAccount account) {
        this.server = server;
        this.selection = selection;
        this.account = account;
    }

    void dispatch(ImapCommand c) throws ImapSyntaxException {
        String tag = c.tag();
        List<ImapArg> args = c.args();
        boolean uid = false;
        String name = c.name();
        if (name.equals("UID")) {
            if (args.isEmpty() || !(args.get(0) instanceof ImapArg.Atom sub)) {
                throw new ImapSyntaxException("Missing UID command");
            }
            uid = true;
            name = sub.upper();
            args = args.subList(1, args.size());
            if (!List.of("FETCH", "SEARCH", "STORE", "COPY", "MOVE", "EXPUNGE").contains(name)) {
                throw new ImapSyntaxException("Unknown UID command");
            }
        }
        switch (name) {
            case "CHECK" -> {
                none(args);
                server.ok(tag, "CHECK completed");
            }
            case "CLOSE", "UNSELECT" -> {
                none(args);
                if (name.equals("CLOSE") && !selection.readOnly) {
                    selection.mailbox.expunge(null);
                }
                server.closeSelection();
                server.send(tag + " OK " + name + " completed");
            }
            case "EXPUNGE" -> {
                Set<Long> uids = null;
                if (uid) {
                    if (args.size() != 1) {
                        throw new ImapSyntaxException("Wrong number of arguments");
                    }
                    uids = uids(SequenceSet.parse(args.get(0).text()), true);
                } else {
                    none(args);
                }
                if (readOnly(tag)) {
                    return;
                }
                selection.mailbox.expunge(uids);
                server.ok(tag, "EXPUNGE completed");
            }
            case "SEARCH" -> search(tag, args, uid);
            case "FETCH" -> fetch(tag, args, uid);
            case "STORE" -> store(tag, args, uid);
            case "COPY", "MOVE" -> copy(tag, args, uid, name.equals("MOVE"));
            default -> server.send(tag + " BAD Unknown command");
        }
    }

    private static void none(List<ImapArg> args) throws ImapSyntaxException {
        if (!args.isEmpty()) {
            throw new ImapSyntaxException("Wrong number of arguments");
        }
    }

    private boolean readOnly(String tag) {
        if (selection.readOnly) {
            server.send(tag + " NO [READ-ONLY] Mailbox is read-only");
            return true;
        }
        return false;
    }

    /** Returns the sequence numbers (1-based) the set names. */
    private List<Integer> resolve(SequenceSet set, boolean uid) throws ImapSyntaxException {
        List<Integer> out = new ArrayList<>();
        List<ImapMessage> view = selection.view;
        if (!uid && !set.within(view.size())) {
            throw new ImapSyntaxException("Invalid message sequence number");
        }
        for (int i = 0; i < view.size(); i++) {
            boolean in = uid ? set.contains(view.get(i).uid(), selection.maxUid()) : set.contains(i + 1, view.size());
            if (in) {
                out.add(i + 1);
            }
        }
        return out;
    }

    private Set<Long> uids(SequenceSet set, boolean uid) throws ImapSyntaxException {
        Set<Long> out = new LinkedHashSet<>();
        for (int seq : resolve(set, uid)) {
            out.add(selection.view.get(seq - 1).uid());
        }
        return out;
    }

    private void search(String tag, List<ImapArg> args, boolean uid) throws ImapSyntaxException {
        Predicate<Search.Candidate> predicate = ImapServer.searchKeys(args, tag, server);
        if (predicate == null) {
            return;
        }
        boolean modseq = Search.usesModseq(args);
        if (modseq) {
            server.enableCondstore();
        }
        StringBuilder out = new StringBuilder("* SEARCH");
        List<ImapMessage> view = selection.view;
        long highest = 0;
        for (int i = 0; i < view.size(); i++) {
            ImapMessage m = view.get(i);
            if (predicate.test(new Search.Candidate(i + 1, m, view.size(), selection.maxUid()))) {
                out.append(' ').append(uid ? m.uid() : i + 1);
                highest = Math.max(highest, m.modseq());
            }
        }
        if (modseq && highest > 0) {
            out.append(" (MODSEQ ").append(highest).append(')');
        }
        server.send(out.toString());
        server.flushUpdates(uid);
        server.send(tag + " OK SEARCH completed");
    }

    private void fetch(String tag, List<ImapArg> args, boolean uid) throws ImapSyntaxException {
        if (args.size() != 2 && args.size() != 3) {
            throw new ImapSyntaxException("Wrong number of arguments");
        }
        List<Integer> seqs = resolve(SequenceSet.parse(args.get(0).text()), uid);
        Fetch fetch = Fetch.parse(args.get(1), uid);
        long changedSince = -1;
        if (args.size() == 3) {
            changedSince = modifier(args.get(2), "CHANGEDSINCE");
            fetch.addModseq();
        }
        if (fetch.has("MODSEQ")) {
            server.enableCondstore();
        }
        if (changedSince >= 0) {
            long since = changedSince;
            seqs = seqs.stream().filter(seq -> selection.view.get(seq - 1).modseq() > since).toList();
        }
        boolean setSeen = fetch.setsSeen() && !selection.readOnly;
        for (int seq : seqs) {
            ImapMessage message = selection.view.get(seq - 1);
            boolean flagsChanged = false;
            if (setSeen && !message.flags().contains("\\Seen")) {
                Set<String> flags = new LinkedHashSet<>(message.flags());
                flags.add("\\Seen");
                selection.mailbox.setFlags(message, flags);
                message = current(message);
                flagsChanged = true;
            }
            server.sendBytes(fetch.render(seq, message, flagsChanged));
            if (flagsChanged || fetch.has("FLAGS")) {
                selection.told(message);
            }
        }
        server.flushUpdates(uid);
        server.send(tag + " OK FETCH completed");
    }

    /** Reads a {@code (NAME n)} modifier (CHANGEDSINCE, UNCHANGEDSINCE) and returns n. */
    private static long modifier(ImapArg arg, String name) throws ImapSyntaxException {
        if (!(arg instanceof ImapArg.Paren p) || p.items().size() != 2 || !(p.items().get(0) instanceof ImapArg.Atom a)
                || !a.is(name)) {
            throw new ImapSyntaxException("Expected (" + name + " mod-sequence)");
        }
        String n = p.items().get(1).text();
        if (n.isEmpty() || n.length() > 19 || !n.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new ImapSyntaxException("Invalid mod-sequence");
        }
        return Long.parseLong(n);
    }

    private ImapMessage current(ImapMessage message) {
        List<ImapMessage> now = selection.mailbox.messages();
        int i = Uids.indexOf(now, message.uid());
        return i < 0 ? message : now.get(i);
    }

    private void store(String tag, List<ImapArg> args, boolean uid) throws ImapSyntaxException {
        if (args.size() < 3) {
            throw new ImapSyntaxException("Wrong number of arguments");
        }
        long unchangedSince = -1;
        if (args.get(1) instanceof ImapArg.Paren) {
            unchangedSince = modifier(args.get(1), "UNCHANGEDSINCE");
            server.enableCondstore();
            List<ImapArg> rest = new ArrayList<>(args);
            rest.remove(1);
            args = rest;
            if (args.size() < 3) {
                throw new ImapSyntaxException("Wrong number of arguments");
            }
        }
        SequenceSet set = SequenceSet.parse(args.get(0).text());
        String what = args.get(1).text().toUpperCase(Locale.ROOT);
        boolean silent = what.endsWith(".SILENT");
        String base = silent ? what.substring(0, what.length() - 7) : what;
        if (!List.of("FLAGS", "+FLAGS", "-FLAGS").contains(base)) {
            throw new ImapSyntaxException("Invalid STORE item");
        }
        List<ImapArg> flagArgs = args.size() == 3 && args.get(2) instanceof ImapArg.Paren p ? p.items()
                : args.subList(2, args.size());
        Set<String> given = new LinkedHashSet<>();
        for (ImapArg f : flagArgs) {
            given.add(ImapServer.flag(f.text()));
        }
        List<Integer> seqs = resolve(set, uid);
        if (readOnly(tag)) {
            return;
        }
        List<String> modified = new ArrayList<>();
        for (int seq : seqs) {
            ImapMessage message = selection.view.get(seq - 1);
            if (unchangedSince >= 0 && message.modseq() > unchangedSince) {
                modified.add(Long.toString(uid ? message.uid() : seq));
                continue;
            }
            Set<String> flags = new LinkedHashSet<>(message.flags());
            switch (base) {
                case "FLAGS" -> {
                    flags.clear();
                    flags.addAll(given);
                }
                case "+FLAGS" -> flags.addAll(given);
                default -> flags.removeAll(given);
            }
            selection.mailbox.setFlags(message, flags);
            ImapMessage now = current(message);
            selection.view.set(seq - 1, now);
            if (!silent || selection.condstore && unchangedSince >= 0) {
                server.send("* " + seq + " FETCH (" + (uid ? "UID " + now.uid() + " " : "")
                        + (silent ? "" : "FLAGS " + Fetch.flags(now.flags()))
                        + (selection.condstore ? (silent ? "" : " ") + "MODSEQ (" + now.modseq() + ")" : "") + ")");
            }
            selection.told(now);
        }
        server.flushUpdates(uid);
        server.send(tag + " OK " + (modified.isEmpty() ? "" : "[MODIFIED " + String.join(",", modified) + "] ")
                + "STORE completed");
    }

    private void copy(String tag, List<ImapArg> args, boolean uid, boolean move) throws ImapSyntaxException {
        if (args.size() != 2) {
            throw new ImapSyntaxException("Wrong number of arguments");
        }
        List<Integer> seqs = resolve(SequenceSet.parse(args.get(0).text()), uid);
        String name = args.get(1).text();
        ImapMailbox target = account.mailbox(name);
        if (target == null) {
            server.send(tag + " NO [TRYCREATE] No such mailbox");
            return;
        }
        if (move && readOnly(tag)) {
            return;
        }
        List<String> from = new ArrayList<>();
        List<String> to = new ArrayList<>();
        Set<Long> moved = new HashSet<>();
        for (int seq : seqs) {
            ImapMessage m = selection.view.get(seq - 1);
            Set<String> flags = new LinkedHashSet<>(m.flags());
            if (move) {
                flags.remove("\\Deleted");
            }
            long newUid = target.append(m.bytes(), flags, m.internalDate());
            from.add(Long.toString(m.uid()));
            to.add(Long.toString(newUid));
            moved.add(m.uid());
        }
        String code = from.isEmpty() ? "" : "[COPYUID " + target.uidValidity() + " " + String.join(",", from) + " "
                + String.join(",", to) + "] ";
        if (move) {
            if (!code.isEmpty()) {
                server.send("* OK " + code + "Moved");
            }
            for (ImapMessage m : selection.mailbox.messages()) {
                if (moved.contains(m.uid())) {
                    Set<String> flags = new LinkedHashSet<>(m.flags());
                    flags.add("\\Deleted");
                    selection.mailbox.setFlags(m, flags);
                }
            }
            selection.mailbox.expunge(moved);
            server.flushUpdates(true);
            server.send(tag + " OK MOVE completed");
        } else {
            server.ok(tag, code + "COPY completed");
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }
}
