package org.twisted4j.mail.smtp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One SMTP command line, parsed: the verb in upper case and the rest of the line (RFC 5321 §4.1.1). The
 * arguments of {@code MAIL FROM:} and {@code RCPT TO:} are parsed further by {@link #pathArgument}.
 *
 * <pre>{@code
 * SmtpCommand command = SmtpCommand.parse("mail FROM:<a@b.example> SIZE=100".getBytes(US_ASCII));
 * command.verb();     // "MAIL"
 * SmtpCommand.PathArgument from = SmtpCommand.pathArgument(command.argument(), "FROM:", true);
 * from.address();     // a@b.example
 * from.parameters();  // {SIZE=100}
 * }</pre>
 *
 * <p>Pure: no I/O, no state. The line is given without its CRLF and must be valid UTF-8 (ASCII unless SMTPUTF8
 * is in use), at most {@value #MAX_LINE} octets, without NUL or other control characters but TAB; anything
 * else is a {@link SmtpSyntaxException}, never another exception.
 *
 * <p>Any thread: immutable.
 *
 * @param verb the command word in upper case, such as {@code EHLO}
 * @param argument what follows the verb and one space, possibly empty
 */
public record SmtpCommand(String verb, String argument) {

    /** The longest command line, without its CRLF (RFC 5321 §4.5.3.1.4: 512 with it). */
    public static final int MAX_LINE = 510;
    /** The most ESMTP parameters one MAIL or RCPT takes. */
    public static final int MAX_PARAMETERS = 16;

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if either is null
     */
    public SmtpCommand {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(argument, "argument");
    }

    /**
     * Parses a command line.
     *
     * @param line the line without its CRLF
     * @return the command
     * @throws SmtpSyntaxException (500 5.5.2) if the line is empty, too long, not UTF-8, holds a control
     *     character, or its verb is not letters
     */
    public static SmtpCommand parse(byte[] line) {
        if (line.length > MAX_LINE) {
            throw new SmtpSyntaxException(500, "5.5.2", "Line too long");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            throw new SmtpSyntaxException(500, "5.5.2", "Line is not UTF-8");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 32 && c != '\t' || c == 127) {
                throw new SmtpSyntaxException(500, "5.5.2", "Control character in command");
            }
        }
        int space = text.indexOf(' ');
        String verb = space < 0 ? text : text.substring(0, space);
        if (verb.isEmpty() || verb.length() > 16) {
            throw new SmtpSyntaxException(500, "5.5.2", "Syntax error, command unrecognized");
        }
        for (int i = 0; i < verb.length(); i++) {
            char c = verb.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                throw new SmtpSyntaxException(500, "5.5.2", "Syntax error, command unrecognized");
            }
        }
        return new SmtpCommand(verb.toUpperCase(Locale.ROOT), space < 0 ? "" : text.substring(space + 1));
    }

    /**
     * The argument of {@code MAIL} or {@code RCPT}: the path and its ESMTP parameters.
     *
     * @param address the address; {@link MailAddress#NULL} for {@code <>}
     * @param parameters the parameters, keywords in upper case, in order; a value is empty when none was given
     */
    public record PathArgument(MailAddress address, Map<String, String> parameters) {
        /**
         * Copies the parameters.
         *
         * @throws NullPointerException if either is null
         */
        public PathArgument {
            Objects.requireNonNull(address, "address");
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /**
     * Parses the argument of {@code MAIL} ({@code prefix} {@code "FROM:"}) or {@code RCPT} ({@code "TO:"}): the
     * prefix (any case, spaces after it tolerated), a path, then space-separated {@code KEYWORD[=VALUE]}
     * parameters (RFC 5321 §4.1.2).
     *
     * @param argument the command's argument
     * @param prefix {@code "FROM:"} or {@code "TO:"}
     * @param utf8Allowed whether the server offers SMTPUTF8: non-ASCII addresses are then accepted if the
     *     parameters hold {@code SMTPUTF8} (for MAIL) or {@code utf8Allowed} alone (for RCPT, whose transaction
     *     already said it)
     * @return the path and parameters
     * @throws SmtpSyntaxException 501 5.5.2 for a bad shape or parameter, 553 for a bad address
     */
    public static PathArgument pathArgument(String argument, String prefix, boolean utf8Allowed) {
        if (!argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new SmtpSyntaxException(501, "5.5.2", "Syntax: " + prefix.replace(":", "") + ":<address>");
        }
        String rest = argument.substring(prefix.length()).stripLeading();
        int end = pathEnd(rest);
        String path = rest.substring(0, end);
        Map<String, String> parameters = parameters(rest.substring(end));
        boolean utf8 = utf8Allowed && (prefix.equalsIgnoreCase("TO:") || parameters.containsKey("SMTPUTF8"));
        return new PathArgument(MailAddress.parsePath(path, utf8), parameters);
    }

    /** Returns where the path at the start of {@code text} ends: after its {@code >}, or at the first space. */
    private static int pathEnd(String text) {
        if (!text.startsWith("<")) {
            int space = text.indexOf(' ');
            return space < 0 ? text.length() : space;
        }
        boolean quoted = false;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i + 1;
            }
        }
        throw new SmtpSyntaxException(501, "5.5.2", "Path is missing its closing '>'");
    }

    private static Map<String, String> parameters(String text) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return parameters;
        }
        if (text.charAt(0) != ' ') {
            throw new SmtpSyntaxException(501, "5.5.2", "Garbage after the path");
        }
        for (String word : text.substring(1).split(" ", -1)) {
            if (word.isEmpty()) {
                continue;
            }
            int equals = word.indexOf('=');
            String keyword = (equals < 0 ? word : word.substring(0, equals)).toUpperCase(Locale.ROOT);
            String value = equals < 0 ? "" : word.substring(equals + 1);
            if (!isKeyword(keyword) || equals >= 0 && !isValue(value)) {
                throw new SmtpSyntaxException(501, "5.5.4", "Bad parameter");
            }
            if (parameters.putIfAbsent(keyword, value) != null) {
                throw new SmtpSyntaxException(501, "5.5.4", "Parameter given twice");
            }
            if (parameters.size() > MAX_PARAMETERS) {
                throw new SmtpSyntaxException(501, "5.5.4", "Too many parameters");
            }
        }
        return parameters;
    }

    private static boolean isKeyword(String keyword) {
        if (keyword.isEmpty()) {
            return false;
        }
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' && i > 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isValue(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 33 || c == '=' || c == 127) {
                return false;
            }
        }
        return true;
    }
}
