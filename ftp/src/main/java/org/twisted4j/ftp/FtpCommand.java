package org.twisted4j.ftp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Locale;
import java.util.Objects;

/**
 * One FTP command as sent on the control connection (RFC 959 §5.3): a verb of letters, and an optional
 * argument after one space. Pathnames travel as UTF-8 (RFC 2640); a line that is not UTF-8 is refused.
 *
 * <pre>{@code
 * FtpCommand command = FtpCommand.parse("RETR notes.txt\r\n".getBytes(US_ASCII));  // RETR, "notes.txt"
 * byte[] wire = new FtpCommand("CWD", "pub").encode();                          // "CWD pub\r\n"
 * }</pre>
 *
 * <h2>Threading</h2>
 * Immutable; any thread.
 *
 * @param verb the command, upper case, 3 or 4 letters (at most {@link #MAX_VERB_LENGTH})
 * @param argument what follows the verb and its space, empty if none; never holds CR, LF or NUL
 */
public record FtpCommand(String verb, String argument) {

    /** The longest verb accepted: RFC 959 verbs have 3 or 4 letters, extensions a few more. */
    public static final int MAX_VERB_LENGTH = 8;

    /** The longest command line accepted by default, without its CRLF (vsftpd's and Twisted's is shorter). */
    public static final int DEFAULT_MAX_LINE_LENGTH = 4096;

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if the verb is not 1 to {@link #MAX_VERB_LENGTH} upper-case letters, or
     *         the argument holds CR, LF or NUL
     */
    public FtpCommand {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(argument, "argument");
        if (!isVerb(verb) || !verb.equals(verb.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not an FTP verb: " + verb);
        }
        if (argument.indexOf('\r') >= 0 || argument.indexOf('\n') >= 0 || argument.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an FTP argument holds no CR, LF or NUL");
        }
    }

    /** A command without argument. */
    public static FtpCommand of(String verb) {
        return new FtpCommand(verb, "");
    }

    /**
     * Reads one command line, with or without its CRLF (a bare LF is accepted too, as every server does).
     *
     * @param line the line as received
     * @return the command, its verb upper-cased
     * @throws FtpSyntaxException (500) if the line is empty, longer than {@link #DEFAULT_MAX_LINE_LENGTH}, its
     *         verb is not letters or holds CR/LF/NUL inside; (501) if the argument is not UTF-8
     */
    public static FtpCommand parse(byte[] line) throws FtpSyntaxException {
        return parse(line, DEFAULT_MAX_LINE_LENGTH);
    }

    /**
     * Reads one command line under a given length limit; see {@link #parse(byte[])}.
     *
     * @param line the line as received
     * @param maxLength the longest line accepted, without its line end
     * @return the command
     * @throws FtpSyntaxException as {@link #parse(byte[])}
     */
    public static FtpCommand parse(byte[] line, int maxLength) throws FtpSyntaxException {
        int end = line.length;
        if (end > 0 && line[end - 1] == '\n') {
            end--;
        }
        if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        if (end > maxLength) {
            throw new FtpSyntaxException(500, "Command line too long");
        }
        if (end == 0) {
            throw new FtpSyntaxException(500, "Empty command");
        }
        int space = 0;
        while (space < end && line[space] != ' ') {
            space++;
        }
        if (space == 0 || space > MAX_VERB_LENGTH) {
            throw new FtpSyntaxException(500, "Syntax error, command unrecognized");
        }
        char[] verb = new char[space];
        for (int i = 0; i < space; i++) {
            int b = line[i];
            if (b >= 'a' && b <= 'z') {
                b -= 'a' - 'A';
            } else if (b < 'A' || b > 'Z') {
                throw new FtpSyntaxException(500, "Syntax error, command unrecognized");
            }
            verb[i] = (char) b;
        }
        String argument = "";
        if (space < end) {
            for (int i = space + 1; i < end; i++) {
                if (line[i] == '\r' || line[i] == '\n' || line[i] == 0) {
                    throw new FtpSyntaxException(500, "Syntax error in command line");
                }
            }
            try {
                argument = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(line, space + 1, end - space - 1)).toString();
            } catch (CharacterCodingException e) {
                throw new FtpSyntaxException(501, "Argument is not UTF-8");
            }
        }
        return new FtpCommand(new String(verb), argument);
    }

    /** Returns the command as sent: verb, a space and the argument if any, CRLF. */
    public byte[] encode() {
        return (argument.isEmpty() ? verb + "\r\n" : verb + " " + argument + "\r\n").getBytes(UTF_8);
    }

    private static boolean isVerb(String verb) {
        if (verb.isEmpty() || verb.length() > MAX_VERB_LENGTH) {
            return false;
        }
        for (int i = 0; i < verb.length(); i++) {
            char c = verb.charAt(i);
            if ((c < 'A' || c > 'Z') && (c < 'a' || c > 'z')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return verb.equals("PASS") && !argument.isEmpty() ? "PASS ****" : argument.isEmpty() ? verb : verb + " " + argument;
    }
}
