package org.twisted4j.logger;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A log file rotated by size, as Twisted's {@code twisted.python.logfile.LogFile}: once the file has reached
 * {@code rotateLength} bytes, the next write first renames it to {@code NAME.1}, the older {@code NAME.1}
 * to {@code NAME.2} and so on, deleting those numbered {@code maxRotatedFiles} and above when a maximum is
 * set. A {@code rotateLength} of 0 never rotates by size; {@link #rotate} (SIGUSR1 in {@code twistd}) always
 * does. With compression the rotated files are {@code NAME.N.gz}.
 *
 * <p>Threading: any thread (see {@link BaseLogFile}).
 */
public class LogFile extends BaseLogFile {

    /** Twisted's default size at which a log file rotates: 1,000,000 bytes. */
    public static final long DEFAULT_ROTATE_LENGTH = 1_000_000;

    private final long rotateLength;
    private final int maxRotatedFiles;

    /**
     * Opens a log file rotated by size.
     *
     * @param path the file
     * @param rotateLength the size at which it rotates, or 0 for never by size
     * @param maxRotatedFiles how many rotated files to keep, or 0 for all
     * @param compress whether rotated files are compressed with gzip
     * @throws IOException if the file cannot be opened
     * @throws IllegalArgumentException if a number is negative
     */
    public LogFile(Path path, long rotateLength, int maxRotatedFiles, boolean compress) throws IOException {
        super(path, compress);
        if (rotateLength < 0 || maxRotatedFiles < 0) {
            throw new IllegalArgumentException("negative rotateLength or maxRotatedFiles: " + rotateLength + ", "
                    + maxRotatedFiles);
        }
        this.rotateLength = rotateLength;
        this.maxRotatedFiles = maxRotatedFiles;
    }

    @Override
    protected boolean shouldRotate() {
        return rotateLength > 0 && size() >= rotateLength;
    }

    @Override
    public synchronized void rotate() throws IOException {
        List<Integer> logs = listLogs();
        Collections.reverse(logs);
        for (int n : logs) {
            Path older = rotated(n);
            if (maxRotatedFiles > 0 && n >= maxRotatedFiles) {
                Files.delete(older);
            } else {
                Files.move(older, rotated(n + 1));
            }
        }
        moveTo(path().resolveSibling(path().getFileName() + ".1"));
    }

    /** Returns the numbers of the rotated files there are, smallest (newest) first. */
    public synchronized List<Integer> listLogs() throws IOException {
        String prefix = path().getFileName() + ".";
        String suffix = compress() ? ".gz" : "";
        List<Integer> numbers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(path().getParent(), prefix + "*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.endsWith(suffix)) {
                    continue;
                }
                String number = name.substring(prefix.length(), name.length() - suffix.length());
                if (!number.isEmpty() && number.length() < 10 && number.chars().allMatch(Character::isDigit)
                        && Integer.parseInt(number) > 0) {
                    numbers.add(Integer.parseInt(number));
                }
            }
        }
        Collections.sort(numbers);
        return numbers;
    }

    /** Returns the path of rotated file number {@code n}. */
    public Path rotated(int n) {
        return path().resolveSibling(path().getFileName() + "." + n + (compress() ? ".gz" : ""));
    }
}
