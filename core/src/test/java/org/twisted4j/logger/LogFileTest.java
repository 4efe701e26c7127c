package org.twisted4j.logger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LogFile} and {@link DailyLogFile}: rotation by size and by date, limits, gzip, reopening. */
class LogFileTest {

    @TempDir
    Path dir;

    private static void write(BaseLogFile file, String text) throws IOException {
        file.write(text.getBytes(UTF_8));
    }

    @Test
    void aFileAtItsRotateLengthRotatesBeforeTheNextWriteIntoNumberedFiles() throws IOException {
        Path path = dir.resolve("app.log");
        try (LogFile log = new LogFile(path, 10, 0, false)) {
            write(log, "0123456789"); // reaches 10: the next write rotates first
            write(log, "second\n");
            write(log, "more\n");
            write(log, "x\n"); // 12 bytes before it: rotates again
            assertThat(log.listLogs()).containsExactly(1, 2);
        }
        assertThat(Files.readString(path)).isEqualTo("x\n");
        assertThat(Files.readString(dir.resolve("app.log.1"))).isEqualTo("second\nmore\n");
        assertThat(Files.readString(dir.resolve("app.log.2"))).isEqualTo("0123456789");
    }

    @Test
    void maxRotatedFilesDeletesTheOldestAndOtherFilesAreLeftAlone() throws IOException {
        Path path = dir.resolve("app.log");
        Files.writeString(dir.resolve("app.log.old"), "not ours");
        Files.writeString(dir.resolve("app.log.0"), "not ours either");
        try (LogFile log = new LogFile(path, 0, 2, false)) {
            for (int i = 1; i <= 4; i++) {
                write(log, "entry " + i + "\n");
                log.rotate();
            }
            assertThat(log.listLogs()).containsExactly(1, 2);
        }
        assertThat(Files.readString(dir.resolve("app.log.1"))).isEqualTo("entry 4\n");
        assertThat(Files.readString(dir.resolve("app.log.2"))).isEqualTo("entry 3\n");
        assertThat(dir.resolve("app.log.3")).doesNotExist();
        assertThat(dir.resolve("app.log.old")).exists();
        assertThat(dir.resolve("app.log.0")).exists();
        assertThat(Files.readString(path)).isEmpty();
    }

    @Test
    void aZeroRotateLengthNeverRotatesBySize() throws IOException {
        Path path = dir.resolve("app.log");
        try (LogFile log = new LogFile(path, 0, 0, false)) {
            write(log, "a".repeat(100_000));
            write(log, "b");
            assertThat(log.listLogs()).isEmpty();
            assertThat(log.size()).isEqualTo(100_001);
        }
    }

    @Test
    void compressedRotationsAreGzipFilesThatShiftToo() throws IOException {
        Path path = dir.resolve("app.log");
        try (LogFile log = new LogFile(path, 0, 0, true)) {
            write(log, "first\n");
            log.rotate();
            write(log, "second\n");
            log.rotate();
            assertThat(log.listLogs()).containsExactly(1, 2);
        }
        assertThat(gunzip(dir.resolve("app.log.1.gz"))).isEqualTo("second\n");
        assertThat(gunzip(dir.resolve("app.log.2.gz"))).isEqualTo("first\n");
        assertThat(dir.resolve("app.log.1")).doesNotExist();
    }

    @Test
    void reopenStartsANewFileAfterTheOldOneWasMovedAway() throws IOException {
        Path path = dir.resolve("app.log");
        try (LogFile log = new LogFile(path, 0, 0, false)) {
            write(log, "before\n");
            Files.move(path, dir.resolve("moved.log"));
            write(log, "still into the moved file\n");
            log.reopen();
            write(log, "after\n");
        }
        assertThat(Files.readString(dir.resolve("moved.log"))).isEqualTo("before\nstill into the moved file\n");
        assertThat(Files.readString(path)).isEqualTo("after\n");
    }

    @Test
    void anExistingFileIsAppendedToAndCountsTowardsTheLength() throws IOException {
        Path path = dir.resolve("app.log");
        Files.writeString(path, "12345");
        try (LogFile log = new LogFile(path, 8, 0, false)) {
            assertThat(log.size()).isEqualTo(5);
            write(log, "678");
            write(log, "9");
        }
        assertThat(Files.readString(dir.resolve("app.log.1"))).isEqualTo("12345678");
        assertThat(Files.readString(path)).isEqualTo("9");
    }

    /** A clock whose instant the test moves. */
    private static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Creates an empty {@code app.log} last modified at {@code instant}: the day a daily log starts in. */
    private Path emptyLogModifiedAt(Instant instant) throws IOException {
        Path path = dir.resolve("app.log");
        Files.writeString(path, "");
        Files.setLastModifiedTime(path, FileTime.from(instant));
        return path;
    }

    @Test
    void aDailyFileRotatesAtTheFirstWriteOfALaterDayToTwistedsDateSuffix() throws IOException {
        Instant start = Instant.parse("2026-12-07T23:59:00Z");
        Path path = emptyLogModifiedAt(start);
        MovingClock clock = new MovingClock(start);
        try (DailyLogFile log = new DailyLogFile(path, false, clock)) {
            write(log, "late on the 7th\n");
            clock.now = Instant.parse("2026-12-08T00:00:01Z");
            write(log, "early on the 8th\n");
            clock.now = Instant.parse("2026-12-09T10:00:00Z");
            write(log, "the 9th\n");
        }
        assertThat(DailyLogFile.suffix(LocalDate.of(2026, 1, 5))).isEqualTo("2026_1_5");
        assertThat(Files.readString(dir.resolve("app.log.2026_12_7"))).isEqualTo("late on the 7th\n");
        assertThat(Files.readString(dir.resolve("app.log.2026_12_8"))).isEqualTo("early on the 8th\n");
        assertThat(Files.readString(path)).isEqualTo("the 9th\n");
    }

    @Test
    void aDailyRotationWhoseTargetExistsIsSkipped() throws IOException {
        Instant start = Instant.parse("2026-12-07T12:00:00Z");
        Path path = emptyLogModifiedAt(start);
        Files.writeString(dir.resolve("app.log.2026_12_7"), "kept");
        MovingClock clock = new MovingClock(start);
        try (DailyLogFile log = new DailyLogFile(path, false, clock)) {
            write(log, "one\n");
            clock.now = Instant.parse("2026-12-08T12:00:00Z");
            write(log, "two\n");
        }
        assertThat(Files.readString(dir.resolve("app.log.2026_12_7"))).isEqualTo("kept");
        assertThat(Files.readString(path)).isEqualTo("one\ntwo\n");
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
