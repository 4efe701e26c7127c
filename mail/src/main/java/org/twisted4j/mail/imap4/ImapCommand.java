package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;

/**
 * One IMAP command: its tag, its name in upper case, and its arguments as parsed; {@link #encode} writes it back
 * (strings quoted when they can be, literals otherwise).
 *
 * @param tag the client's tag
 * @param name the command name, upper case ({@code UID FETCH} is name {@code UID} with {@code FETCH} first)
 * @param args the arguments
 *
 * <p>Threading: immutable, any thread.
 */
public record ImapCommand(String tag, String name, List<ImapArg> args) {

    /** Copies the arguments and upper-cases the name. */
    public ImapCommand {
        name = name.toUpperCase(Locale.ROOT);
        args = List.copyOf(args);
    }

    /**
     * Writes the command as a client sends it, CRLF included; literals are synchronising ({@code {n}}).
     *
     * @return the octets
     */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((tag + " " + name).getBytes(UTF_8));
        for (ImapArg arg : args) {
            out.write(' ');
            write(out, arg);
        }
        out.writeBytes(new byte[] {'\r', '\n'});
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, ImapArg arg) {
        switch (arg) {
            case ImapArg.Atom atom -> out.writeBytes(atom.value().getBytes(UTF_8));
            case ImapArg.Str str -> out.writeBytes(ImapWire.string(str.bytes(), str.literal()));
            case ImapArg.Paren paren -> {
                out.write('(');
                for (int i = 0; i < paren.items().size(); i++) {
                    if (i > 0) {
                        out.write(' ');
                    }
                    write(out, paren.items().get(i));
                }
                out.write(')');
            }
        }
    }
}
