package org.twisted4j.logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

/**
 * A log file rotated daily, as Twisted's {@code twisted.python.logfile.DailyLogFile}: the first write on a
 * later local date than the last one renames the file to {@code NAME.YEAR_MONTH_DAY} of that last date
 * (Twisted's suffix, e.g. {@code twistd.log.2026_12_7}) and starts a new file. A rotation whose target
 * exists already is skipped, as Twisted's. With compression the rotated file is {@code NAME.Y_M_D.gz}.
 *
 * <p>Threading: any thread (see {@link BaseLogFile}).
 */
public class DailyLogFile extends BaseLogFile {

    private final Clock clock;
    private LocalDate lastDate;

    /**
     * Opens a log file rotated daily by the system clock in the local time zone.
     *
     * @param path the file
     * @param compress whether rotated files are compressed with gzip
     * @throws IOException if the file cannot be opened
     */
    public DailyLogFile(Path path, boolean compress) throws IOException {
        this(path, compress, Clock.systemDefaultZone());
    }

    /**
     * Opens a log file rotated daily by {@code clock}, in its zone.
     *
     * @param path the file
     * @param compress whether rotated files are compressed with gzip
     * @param clock the clock telling the date
     * @throws IOException if the file cannot be opened
     */
    public DailyLogFile(Path path, boolean compress, Clock clock) throws IOException {
        super(path, compress);
        this.clock = clock;
        this.lastDate = modified(path.toAbsolutePath(), clock);
    }

    @Override
    public synchronized void reopen() throws IOException {
        super.reopen();
        lastDate = modified(path(), clock);
    }

    private static LocalDate modified(Path file, Clock clock) throws IOException {
        return LocalDate.ofInstant(Files.getLastModifiedTime(file).toInstant(), clock.getZone());
    }

    @Override
    protected boolean shouldRotate() {
        return LocalDate.now(clock).isAfter(lastDate);
    }

    @Override
    protected void written() {
        LocalDate today = LocalDate.now(clock);
        if (today.isAfter(lastDate)) {
            lastDate = today;
        }
    }

    @Override
    public synchronized void rotate() throws IOException {
        Path target = path().resolveSibling(path().getFileName() + "." + suffix(lastDate));
        Path stored = compress() ? target.resolveSibling(target.getFileName() + ".gz") : target;
        if (Files.exists(target) || Files.exists(stored)) {
            return;
        }
        if (moveTo(target)) {
            lastDate = LocalDate.now(clock);
        }
    }

    /** Returns Twisted's suffix for a date: year, month and day without padding, joined by underscores. */
    public static String suffix(LocalDate date) {
        return date.getYear() + "_" + date.getMonthValue() + "_" + date.getDayOfMonth();
    }
}
