package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a whole command (its line fragments, each but the last followed by a literal) into tag, name and
 * arguments. Package-private; one use, one thread.
 */
final class Tokenizer {

    private final List<byte[]> fragments;
    private final List<byte[]> literals;
    private final int maxDepth;
    private int fragment;
    private int pos;

    Tokenizer(List<byte[]> fragments, List<byte[]> literals, int maxDepth) {
        this.fragments = fragments;
        this.literals = literals;
        this.maxDepth = maxDepth;
    }

    static boolean isTagChar(byte b) {
        return b > ' ' && b < 0x7f && b != '+' && "(){%*\"\\".indexOf(b) < 0;
    }

    private static boolean isAtomChar(int b) {
        return b > ' ' && b != 0x7f && "(){\"".indexOf(b) < 0;
    }

    private byte[] text() {
        return fragments.get(fragment);
    }

    private boolean atFragmentEnd() {
        return pos >= text().length;
    }

    private boolean atCommandEnd() {
        return atFragmentEnd() && fragment == fragments.size() - 1;
    }

    ImapCommand command() throws ImapSyntaxException {
        byte[] first = text();
        int i = 0;
        while (i < first.length && isTagChar(first[i])) {
            i++;
        }
        if (i == 0) {
            throw new ImapSyntaxException("Missing tag");
        }
        String tag = new String(first, 0, i, UTF_8);
        if (i >= first.length || first[i] != ' ') {
            throw new ImapSyntaxException("Missing command");
        }
        pos = i + 1;
        int nameStart = pos;
        while (pos < first.length && (Character.isLetterOrDigit(first[pos]) || first[pos] == '-' || first[pos] == '_')
                && first[pos] < 0x7f) {
            pos++;
        }
        if (pos == nameStart) {
            throw new ImapSyntaxException("Missing command");
        }
        String name = new String(first, nameStart, pos - nameStart, UTF_8);
        List<ImapArg> args = new ArrayList<>();
        while (!atCommandEnd()) {
            expectSpace();
            args.add(item(0));
        }
        return new ImapCommand(tag, name, args);
    }

    private void expectSpace() throws ImapSyntaxException {
        if (atFragmentEnd() || text()[pos] != ' ') {
            throw new ImapSyntaxException("Expected a space");
        }
        pos++;
    }

    private ImapArg item(int depth) throws ImapSyntaxException {
        if (atFragmentEnd()) {
            if (fragment < fragments.size() - 1) {
                byte[] literal = literals.get(fragment);
                fragment++;
                pos = 0;
                return new ImapArg.Str(literal, true);
            }
            throw new ImapSyntaxException("Missing argument");
        }
        byte c = text()[pos];
        if (c == '"') {
            return quoted();
        }
        if (c == '(') {
            if (depth + 1 > maxDepth) {
                throw new ImapSyntaxException("Lists nested too deeply");
            }
            pos++;
            List<ImapArg> items = new ArrayList<>();
            while (true) {
                if (!atFragmentEnd() && text()[pos] == ')') {
                    pos++;
                    return new ImapArg.Paren(items);
                }
                if (atCommandEnd()) {
                    throw new ImapSyntaxException("Unbalanced parentheses");
                }
                if (!items.isEmpty()) {
                    expectSpace();
                }
                items.add(item(depth + 1));
            }
        }
        return atom();
    }

    private ImapArg quoted() throws ImapSyntaxException {
        byte[] t = text();
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (pos < t.length) {
            byte b = t[pos++];
            if (b == '"') {
                return new ImapArg.Str(out.toByteArray(), false);
            }
            if (b == '\\') {
                if (pos >= t.length || (t[pos] != '"' && t[pos] != '\\')) {
                    throw new ImapSyntaxException("Bad escape in quoted string");
                }
                b = t[pos++];
            } else if (b == 0 || b == '\r') {
                throw new ImapSyntaxException("Bad character in quoted string");
            }
            out.write(b);
        }
        throw new ImapSyntaxException("Unterminated quoted string");
    }

    private ImapArg atom() throws ImapSyntaxException {
        byte[] t = text();
        int from = pos;
        while (pos < t.length) {
            byte b = t[pos];
            if (b == '[') {
                int close = pos + 1;
                int parens = 0;
                while (close < t.length && (t[close] != ']' || parens > 0)) {
                    if (t[close] == '(') {
                        parens++;
                    } else if (t[close] == ')') {
                        parens--;
                    } else if (t[close] < ' ' || t[close] == '"' || t[close] == '{') {
                        throw new ImapSyntaxException("Bad character in section");
                    }
                    close++;
                }
                if (close >= t.length || parens != 0) {
                    throw new ImapSyntaxException("Unterminated section");
                }
                pos = close + 1;
                continue;
            }
            if (!isAtomChar(b)) {
                break;
            }
            pos++;
        }
        if (pos == from) {
            throw new ImapSyntaxException(t[pos] == '{' ? "Literal not at the end of a line" : "Bad character");
        }
        return new ImapArg.Atom(new String(t, from, pos - from, UTF_8));
    }
}
