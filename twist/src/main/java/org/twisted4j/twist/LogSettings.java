package org.twisted4j.twist;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.internet.Reactors;
import org.twisted4j.internet.Signals;
import org.twisted4j.logger.BaseLogFile;
import org.twisted4j.logger.DailyLogFile;
import org.twisted4j.logger.FilteringLogObserver;
import org.twisted4j.logger.JsonLinesLogObserver;
import org.twisted4j.logger.LogBeginner;
import org.twisted4j.logger.LogLevel;
import org.twisted4j.logger.LogLevelFilterPredicate;
import org.twisted4j.logger.LogFile;
import org.twisted4j.logger.LogObserver;
import org.twisted4j.logger.Logger;
import org.twisted4j.logger.TextFileLogObserver;

/**
 * Where a runner's log goes and how it looks: a file (or standard output), Twisted's text format or JSON
 * lines, the lowest level written, and how the file rotates. A log file rotates as Twisted's {@code twistd}
 * rotates it ({@link LogFile}: at {@code --rotate-length} bytes, 1,000,000 by default, or daily with
 * {@code --rotate-daily}), on SIGUSR1 as {@code twistd} does, and is reopened on SIGHUP (after logrotate
 * has moved it away).
 *
 * @param file the log file, or null for the given default stream
 * @param json whether to write JSON lines rather than text
 * @param level the lowest level written
 * @param rotation how the file rotates
 * @param syslog where syslog messages go ({@code twistd --syslog}), or null to write to the file or stream
 */
record LogSettings(@Nullable Path file, boolean json, LogLevel level, Rotation rotation, @Nullable Syslog syslog) {

    /**
     * Logging to the local syslog daemon ({@link SyslogObserver}).
     *
     * @param prefix the tag of the messages ({@code --prefix})
     * @param socket the syslog daemon's datagram socket
     */
    record Syslog(String prefix, String socket) {
    }

    private static final Logger log = new Logger("twist");

    /**
     * How a log file rotates.
     *
     * @param length the size at which it rotates, 0 for never by size
     * @param daily whether it rotates at the first write of each day instead
     * @param keep how many rotated files to keep, 0 for all
     * @param compress whether rotated files are compressed with gzip
     */
    record Rotation(long length, boolean daily, int keep, boolean compress) {
    }

    /** The reactor runners use unless {@code --reactor} names another. */
    static final String REACTOR = Reactors.NIO;

    /** Adds the options every runner shares: {@code --log-format}, {@code --log-level}, {@code --reactor}. */
    static Options addCommonOptions(Options options) {
        return options
                .add(Option.choice("log-format", "text", "json").defaultValue("text").metavar("FORMAT")
                        .help("How log entries look: Twisted's text lines, or one JSON object a line."))
                .add(Option.value("log-level").defaultValue("info").metavar("LEVEL")
                        .converter(LogLevel::levelWithName, "one of debug, info, warn, error, critical")
                        .help("The lowest level logged."))
                .add(Option.value("rotate-length").defaultValue(String.valueOf(LogFile.DEFAULT_ROTATE_LENGTH))
                        .metavar("BYTES").converter(LogSettings::nonNegativeLong, "a number of bytes, 0 or more")
                        .help("Rotate the log file when it reaches this size (0: never by size)."))
                .add(Option.flag("rotate-daily").help("Rotate the log file daily instead, to FILE.YEAR_MONTH_DAY."))
                .add(Option.value("max-rotated-files").defaultValue("0").metavar("N")
                        .converter(LogSettings::nonNegativeInt, "a number, 0 or more")
                        .help("Keep at most N rotated log files (0: all)."))
                .add(Option.flag("compress-rotated").help("Compress rotated log files with gzip."))
                .add(reactorOption());
    }

    /**
     * Returns {@code --reactor}: a choice of the backends on the path ({@link Reactors#names()}); one whose native
     * part cannot load here falls back to {@value #REACTOR} with a log line.
     */
    private static Option reactorOption() {
        List<String> names = Reactors.names();
        return Option.choice("reactor", names.toArray(String[]::new)).defaultValue(REACTOR).metavar("NAME")
                .help("The reactor to run on (known: " + String.join(", ", names) + "; one that cannot load here "
                        + "falls back to " + REACTOR + ").");
    }

    /**
     * Reads the settings from parsed runner options.
     *
     * @param options the runner's options
     * @param fileOption the name of its log-file option
     * @param defaultFile the file used when the option is absent, or null for standard output
     */
    static LogSettings from(ParsedOptions options, String fileOption, @Nullable String defaultFile) {
        String file = options.isGiven(fileOption) ? options.string(fileOption) : defaultFile;
        Path path = file == null || file.equals("-") ? null : Path.of(file).toAbsolutePath();
        LogLevel level = options.get("log-level", LogLevel.class);
        Long length = options.get("rotate-length", Long.class);
        Integer keep = options.get("max-rotated-files", Integer.class);
        Rotation rotation = new Rotation(length == null ? LogFile.DEFAULT_ROTATE_LENGTH : length,
                options.flag("rotate-daily"), keep == null ? 0 : keep, options.flag("compress-rotated"));
        return new LogSettings(path, "json".equals(options.string("log-format")),
                level == null ? LogLevel.INFO : level, rotation, null);
    }

    private static Long nonNegativeLong(String text) {
        long value = Long.parseLong(text);
        if (value < 0) {
            throw new IllegalArgumentException("negative");
        }
        return value;
    }

    private static Integer nonNegativeInt(String text) {
        return Math.toIntExact(nonNegativeLong(text));
    }

    /**
     * Opens the log's output: the file, appended to and rotated (with SIGUSR1 rotating and SIGHUP reopening
     * it), or {@code stdout}.
     *
     * @throws IOException if the file cannot be opened
     */
    PrintStream open(PrintStream stdout) throws IOException {
        if (file == null || syslog != null) {
            return stdout;
        }
        BaseLogFile logFile = rotation.daily() ? new DailyLogFile(file, rotation.compress())
                : new LogFile(file, rotation.length(), rotation.keep(), rotation.compress());
        Signals.handle("USR1", () -> act("rotate", logFile::rotate));
        Signals.handle("HUP", () -> act("reopen", logFile::reopen));
        // whole entries reach the file in one write, so that a rotation never splits one
        return new PrintStream(new BufferedOutputStream(logFile, 1 << 16), true, StandardCharsets.UTF_8);
    }

    /** Something a signal asks of the log file. */
    private interface FileAction {
        void run() throws IOException;
    }

    private static void act(String what, FileAction action) {
        try {
            action.run();
            log.info("log file {action} on signal", "action", what.equals("rotate") ? "rotated" : "reopened");
        } catch (IOException e) {
            log.error("cannot {action} the log file: {reason}", "action", what, "reason", Runner.reason(e));
        }
    }

    /** Returns these settings sending the log to syslog instead of a file or stream. */
    LogSettings toSyslog(String prefix, String socket) {
        return new LogSettings(null, json, level, rotation, new Syslog(prefix, socket));
    }

    /**
     * Sends the global log publisher's events to {@code out} (or to syslog, saying on {@code out} when it
     * cannot be reached), formatted and filtered by these settings.
     */
    void begin(PrintStream out) {
        LogObserver format = syslog != null
                ? new SyslogObserver(new UnixDatagram(syslog.socket()), syslog.prefix(), ProcessHandle.current().pid(),
                        ZoneId.systemDefault(), out)
                : json ? new JsonLinesLogObserver(out) : new TextFileLogObserver(out);
        LogBeginner.global().beginLoggingTo(new FilteringLogObserver(format, new LogLevelFilterPredicate(level)));
    }
}
