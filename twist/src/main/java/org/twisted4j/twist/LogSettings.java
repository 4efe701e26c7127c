package org.twisted4j.twist;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.logger.FilteringLogObserver;
import org.twisted4j.logger.JsonLinesLogObserver;
import org.twisted4j.logger.LogBeginner;
import org.twisted4j.logger.LogLevel;
import org.twisted4j.logger.LogLevelFilterPredicate;
import org.twisted4j.logger.LogObserver;
import org.twisted4j.logger.TextFileLogObserver;

/**
 * Where a runner's log goes and how it looks: a file (or standard output), Twisted's text format or JSON
 * lines, and the lowest level written.
 *
 * @param file the log file, or null for the given default stream
 * @param json whether to write JSON lines rather than text
 * @param level the lowest level written
 */
record LogSettings(@Nullable Path file, boolean json, LogLevel level) {

    /** The one reactor there is. */
    static final String REACTOR = "nio";

    /** Adds the options every runner shares: {@code --log-format}, {@code --log-level}, {@code --reactor}. */
    static Options addCommonOptions(Options options) {
        return options
                .add(Option.choice("log-format", "text", "json").defaultValue("text").metavar("FORMAT")
                        .help("How log entries look: Twisted's text lines, or one JSON object a line."))
                .add(Option.value("log-level").defaultValue("info").metavar("LEVEL")
                        .converter(LogLevel::levelWithName, "one of debug, info, warn, error, critical")
                        .help("The lowest level logged."))
                .add(Option.choice("reactor", REACTOR).defaultValue(REACTOR).metavar("NAME")
                        .help("The reactor to run on (known: " + REACTOR + ")."));
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
        return new LogSettings(path, "json".equals(options.string("log-format")),
                level == null ? LogLevel.INFO : level);
    }

    /**
     * Opens the log's output: the file, appended to, or {@code stdout}.
     *
     * @throws IOException if the file cannot be opened
     */
    PrintStream open(PrintStream stdout) throws IOException {
        if (file == null) {
            return stdout;
        }
        OutputStream stream = new FileOutputStream(file.toFile(), true);
        return new PrintStream(stream, true, StandardCharsets.UTF_8);
    }

    /** Sends the global log publisher's events to {@code out}, formatted and filtered by these settings. */
    void begin(PrintStream out) {
        LogObserver format = json ? new JsonLinesLogObserver(out) : new TextFileLogObserver(out);
        LogBeginner.global().beginLoggingTo(new FilteringLogObserver(format, new LogLevelFilterPredicate(level)));
    }
}
