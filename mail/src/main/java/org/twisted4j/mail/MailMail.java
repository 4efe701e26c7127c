package org.twisted4j.mail;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectError;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.TCP4ClientEndpoint;
import org.twisted4j.mail.smtp.MailAddress;
import org.twisted4j.mail.smtp.SmtpRejection;
import org.twisted4j.mail.smtp.SmtpSender;
import org.twisted4j.mail.smtp.SmtpSyntaxException;

/**
 * {@code mailmail}, a sendmail-compatible command for scripts and cron, as Twisted's {@code mailmail}: it reads a
 * message on standard input and submits it over SMTP to a configured server ({@code bin/mailmail}).
 *
 * <pre>
 * printf 'Subject: nightly\n\nall good\n' | bin/mailmail --server 127.0.0.1:8025 -f cron@example.com ops@example.com
 * bin/mailmail -t &lt; message.eml              # recipients from To, Cc and Bcc (Bcc removed)
 * </pre>
 *
 * <h2>Options</h2>
 * Recipients are the arguments; {@code -t} takes them from the message's {@code To}, {@code Cc} and {@code Bcc}
 * headers instead (the arguments are then excluded, as sendmail does); {@code -f ADDR} (or {@code -fADDR},
 * {@code -r}) is the envelope sender (default: the {@code From} header, else {@code USER@HOST}); {@code -F NAME}
 * the full name in an added {@code From}; {@code -i}/{@code -oi} read to the end of input (without them a line
 * of one {@code .} ends the message); {@code -odb}, {@code -odf}, {@code -oem}, {@code -em}, {@code -oep},
 * {@code -ep}, {@code -bm} are accepted and ignored; {@code -bs}, {@code -bp} and {@code -om} are refused.
 * {@code From}, {@code To} (without {@code -t}) and {@code Date} are added when missing, as Twisted's does.
 *
 * <h2>Server</h2>
 * {@code --server HOST[:PORT]}, else the {@code smarthost} of the {@code [addresses]} section of the config file
 * ({@code --config FILE}, else {@code $MAILMAIL_CONFIG}, else {@code ~/.twisted/mailmail}, else
 * {@code /etc/mailmail}: Twisted's files and format), else {@code localhost}; port 25 by default. Its
 * {@code [identity]} section ({@code host = user:password}) gives a login for that host; {@code default_domain}
 * the domain of the default sender.
 *
 * <h2>Exit status</h2>
 * As sendmail's (sysexits.h): 0 when the server took the message for every recipient, 64 for a usage error, 65
 * for a message with no recipient, 67 when the server refused a recipient or the sender, 69 when it refused the
 * message otherwise, 75 when it could not be reached or answered 4xx (try again later), 74 for an I/O error.
 */
public final class MailMail {

    static final int EX_OK = 0;
    static final int EX_USAGE = 64;
    static final int EX_DATAERR = 65;
    static final int EX_NOUSER = 67;
    static final int EX_UNAVAILABLE = 69;
    static final int EX_IOERR = 74;
    static final int EX_TEMPFAIL = 75;

    private MailMail() {
    }

    /**
     * Runs the command and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.err));
    }

    /** The parsed command line and message. */
    record Submission(String host, int port, MailAddress sender, List<MailAddress> recipients, byte[] message,
            @Nullable String username, @Nullable String password) {
    }

    /** A command-line or message problem, with its exit status. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * Runs the command: reads the message from {@code in}, submits it, reports problems on {@code err}.
     *
     * @return the exit status
     */
    public static int run(String[] args, InputStream in, PrintStream err) {
        Submission submission;
        try {
            submission = parse(args, in, System.getenv(), ZonedDateTime.now());
        } catch (Refused e) {
            err.println("mailmail: " + e.getMessage());
            return e.status;
        } catch (IOException e) {
            err.println("mailmail: " + e.getMessage());
            return EX_IOERR;
        }
        return send(submission, err);
    }

    static Submission parse(String[] args, InputStream in, Map<String, String> env, ZonedDateTime now)
            throws Refused, IOException {
        List<String> recipients = new ArrayList<>();
        String sender = null;
        String fullName = null;
        String server = null;
        String config = null;
        boolean fromHeaders = false;
        boolean ignoreDots = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-t" -> fromHeaders = true;
                case "-i", "-oi" -> ignoreDots = true;
                case "-odb", "-odf", "-oem", "-em", "-oep", "-ep", "-bm" -> { }
                case "-bs", "-bp", "-om" -> throw new Refused(EX_USAGE, "unsupported option " + arg);
                case "-f", "-r", "-F", "--server", "--config" -> {
                    if (i + 1 >= args.length) {
                        throw new Refused(EX_USAGE, arg + " needs a value");
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "-F" -> fullName = value;
                        case "--server" -> server = value;
                        case "--config" -> config = value;
                        default -> sender = value;
                    }
                }
                default -> {
                    if (arg.startsWith("-f") || arg.startsWith("-r")) {
                        sender = arg.substring(2);
                    } else if (arg.startsWith("-F")) {
                        fullName = arg.substring(2);
                    } else if (arg.startsWith("--server=")) {
                        server = arg.substring(9);
                    } else if (arg.startsWith("-")) {
                        throw new Refused(EX_USAGE, "unknown option " + arg);
                    } else {
                        recipients.add(arg);
                    }
                }
            }
        }
        Map<String, Map<String, String>> settings = readConfig(config, env);
        Map<String, String> addresses = settings.getOrDefault("addresses", Map.of());
        String domain = addresses.getOrDefault("default_domain", "localhost");

        byte[] raw = readMessage(in, ignoreDots);
        int headerEnd = headerEnd(raw);
        String headerText = new String(raw, 0, headerEnd, UTF_8);
        List<String> headers = unfold(headerText);
        StringBuilder kept = new StringBuilder();
        List<String> fromHeadersList = new ArrayList<>();
        boolean hasFrom = false;
        boolean hasTo = false;
        boolean hasDate = false;
        for (String header : headers) {
            int colon = header.indexOf(':');
            String name = colon < 0 ? "" : header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : header.substring(colon + 1);
            switch (name) {
                case "from" -> {
                    hasFrom = true;
                    if (sender == null) {
                        List<String> found = addressesIn(value);
                        sender = found.isEmpty() ? null : found.get(0);
                    }
                }
                case "to", "cc", "bcc" -> {
                    hasTo |= !name.equals("bcc");
                    if (fromHeaders) {
                        fromHeadersList.addAll(addressesIn(value));
                    }
                }
                case "date" -> hasDate = true;
                default -> { }
            }
            if (!(fromHeaders && name.equals("bcc"))) {
                kept.append(header).append("\r\n");
            }
        }
        if (fromHeaders) {
            List<String> excluded = recipients.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
            recipients = new ArrayList<>(fromHeadersList.stream()
                    .filter(r -> !excluded.contains(r.toLowerCase(Locale.ROOT))).toList());
        }
        if (recipients.isEmpty()) {
            throw new Refused(EX_DATAERR, "no recipients specified");
        }
        if (sender == null) {
            sender = env.getOrDefault("USER", "nobody") + "@" + domain;
        }
        if (!hasFrom) {
            kept.append("From: ").append(fullName == null ? sender : "\"" + fullName.replace("\"", "") + "\" <" + sender + ">")
                    .append("\r\n");
        }
        if (!hasTo && !fromHeaders) {
            kept.append("To: ").append(String.join(", ", recipients)).append("\r\n");
        }
        if (!hasDate) {
            kept.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).format(now))
                    .append("\r\n");
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(kept.toString().getBytes(UTF_8));
        message.writeBytes("\r\n".getBytes(UTF_8));
        int bodyStart = headerEnd;
        // Skip the blank line after the headers, if there is one.
        if (bodyStart < raw.length && raw[bodyStart] == '\r') {
            bodyStart++;
        }
        if (bodyStart < raw.length && raw[bodyStart] == '\n') {
            bodyStart++;
        }
        message.write(raw, bodyStart, raw.length - bodyStart);

        MailAddress from;
        List<MailAddress> to = new ArrayList<>();
        try {
            from = sender.isEmpty() ? MailAddress.NULL : MailAddress.parseMailbox(sender, true);
            for (String recipient : recipients) {
                to.add(MailAddress.parseMailbox(recipient.contains("@") ? recipient : recipient + "@" + domain, true));
            }
        } catch (SmtpSyntaxException e) {
            throw new Refused(EX_DATAERR, "bad address: " + e.getMessage());
        }
        String hostPort = server != null ? server : addresses.getOrDefault("smarthost", "localhost");
        String host = hostPort;
        int port = 25;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && hostPort.indexOf(':') == colon) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new Refused(EX_USAGE, "bad server " + hostPort);
            }
        }
        String identity = settings.getOrDefault("identity", Map.of()).get(host.toLowerCase(Locale.ROOT));
        String user = null;
        String password = null;
        if (identity != null && identity.indexOf(':') > 0) {
            user = identity.substring(0, identity.indexOf(':'));
            password = identity.substring(identity.indexOf(':') + 1);
        }
        return new Submission(host, port, from, to, message.toByteArray(), user, password);
    }

    private static byte[] readMessage(InputStream in, boolean ignoreDots) throws IOException {
        byte[] all = in.readAllBytes();
        if (ignoreDots) {
            return all;
        }
        int start = 0;
        while (start < all.length) {
            int end = start;
            while (end < all.length && all[end] != '\n') {
                end++;
            }
            int length = end - start - (end > start && all[end - 1] == '\r' ? 1 : 0);
            if (length == 1 && all[start] == '.') {
                byte[] cut = new byte[start];
                System.arraycopy(all, 0, cut, 0, start);
                return cut;
            }
            start = end + 1;
        }
        return all;
    }

    /** The offset of the blank line ending the headers (or the end). */
    private static int headerEnd(byte[] raw) {
        int start = 0;
        while (start < raw.length) {
            if (raw[start] == '\n' || raw[start] == '\r' && start + 1 < raw.length && raw[start + 1] == '\n') {
                return start;
            }
            while (start < raw.length && raw[start] != '\n') {
                start++;
            }
            start++;
        }
        return raw.length;
    }

    private static List<String> unfold(String text) {
        List<String> headers = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
                headers.set(headers.size() - 1, headers.get(headers.size() - 1) + "\r\n" + line);
            } else {
                headers.add(line);
            }
        }
        return headers;
    }

    /** The addresses of an address-list header: what is in angle brackets, else each comma-separated word. */
    static List<String> addressesIn(String value) {
        List<String> found = new ArrayList<>();
        for (String part : value.replace("\r\n", " ").split(",")) {
            String item = part.replaceAll("\\([^)]*\\)", "").strip();
            int open = item.lastIndexOf('<');
            int close = item.lastIndexOf('>');
            if (open >= 0 && close > open) {
                item = item.substring(open + 1, close).strip();
            }
            if (!item.isEmpty() && item.contains("@") && !item.contains(" ")) {
                found.add(item);
            }
        }
        return found;
    }

    private static Map<String, Map<String, String>> readConfig(@Nullable String given, Map<String, String> env)
            throws IOException, Refused {
        List<Path> candidates = new ArrayList<>();
        if (given != null) {
            candidates.add(Path.of(given));
        } else {
            if (env.containsKey("MAILMAIL_CONFIG")) {
                candidates.add(Path.of(env.get("MAILMAIL_CONFIG")));
            }
            if (env.containsKey("HOME")) {
                candidates.add(Path.of(env.get("HOME"), ".twisted", "mailmail"));
            }
            candidates.add(Path.of("/etc/mailmail"));
        }
        for (Path candidate : candidates) {
            if (Files.isReadable(candidate)) {
                return parseConfig(Files.readString(candidate, UTF_8));
            }
        }
        if (given != null) {
            throw new Refused(EX_USAGE, "cannot read " + given);
        }
        return Map.of();
    }

    /** Reads the INI form: {@code [section]} lines, {@code key = value} or {@code key: value}, {@code #}/{@code ;} comments. */
    static Map<String, Map<String, String>> parseConfig(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : text.split("\r?\n")) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
                continue;
            }
            if (stripped.startsWith("[") && stripped.endsWith("]")) {
                current = sections.computeIfAbsent(stripped.substring(1, stripped.length() - 1).strip()
                        .toLowerCase(Locale.ROOT), s -> new LinkedHashMap<>());
                continue;
            }
            int equals = stripped.indexOf('=');
            int colon = stripped.indexOf(':');
            int split = equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
            if (current != null && split > 0) {
                current.put(stripped.substring(0, split).strip().toLowerCase(Locale.ROOT),
                        stripped.substring(split + 1).strip());
            }
        }
        return sections;
    }

    private static int send(Submission submission, PrintStream err) {
        NioReactor reactor = new NioReactor();
        AtomicInteger status = new AtomicInteger(EX_SOFTWARE_UNSET);
        reactor.callWhenRunning(() -> {
            SmtpSender.Settings settings = new SmtpSender.Settings(identity(), null, false, submission.username(),
                    submission.password(), true);
            SmtpSender.sendmail(new TCP4ClientEndpoint(reactor, submission.host(), submission.port()), settings,
                    submission.sender(), submission.recipients(), submission.message()).addBoth(outcome -> {
                        status.set(status(outcome, err));
                        reactor.stop();
                        return null;
                    });
        });
        reactor.run(false);
        return status.get() == EX_SOFTWARE_UNSET ? EX_TEMPFAIL : status.get();
    }

    private static final int EX_SOFTWARE_UNSET = -1;

    private static String identity() {
        try {
            return java.net.InetAddress.getLocalHost().getCanonicalHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    static int status(@Nullable Object outcome, PrintStream err) {
        if (outcome instanceof SmtpSender.Result result) {
            int refused = 0;
            for (SmtpSender.RecipientResult recipient : result.recipients()) {
                if (recipient.code() / 100 != 2) {
                    err.println("mailmail: " + recipient.address() + ": " + recipient.code() + " " + recipient.text());
                    refused++;
                }
            }
            return refused == 0 ? EX_OK : EX_NOUSER;
        }
        Throwable error = outcome instanceof Failure f ? f.value() : new IllegalStateException(String.valueOf(outcome));
        err.println("mailmail: " + error.getMessage());
        if (error instanceof SmtpRejection r) {
            if (r.code() / 100 == 4) {
                return EX_TEMPFAIL;
            }
            return r instanceof org.twisted4j.mail.smtp.RecipientsRefused || r.enhancedCode().startsWith("5.1.")
                    ? EX_NOUSER : EX_UNAVAILABLE;
        }
        if (error instanceof ConnectError) {
            return EX_TEMPFAIL;
        }
        return EX_TEMPFAIL;
    }
}
