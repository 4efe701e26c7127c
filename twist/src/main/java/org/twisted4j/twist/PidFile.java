package org.twisted4j.twist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.twisted4j.logger.Logger;

/**
 * A pidfile as Twisted's twistd keeps one: the running daemon's process id, refused when it names a live
 * process, replaced when stale, removed on exit.
 */
final class PidFile {

    /** The pidfile names a live process, or cannot be read. */
    static final class InUse extends Exception {
        private static final long serialVersionUID = 1L;

        InUse(String message) {
            super(message);
        }
    }

    private static final Logger log = new Logger("twist");

    private final Path path;

    PidFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    /**
     * Checks that no other live process holds this pidfile.
     *
     * @return whether a stale pidfile is there (which {@link #write} replaces)
     * @throws InUse if the file names a live process other than this one, or holds no number
     */
    boolean check() throws InUse {
        OptionalLong pid = read();
        if (pid.isEmpty()) {
            return false;
        }
        long other = pid.getAsLong();
        if (other != ProcessHandle.current().pid()
                && ProcessHandle.of(other).map(ProcessHandle::isAlive).orElse(false)) {
            throw new InUse("another twistd is running with pid " + other + " (pidfile " + path
                    + "); stop it, or use another --pidfile");
        }
        return true;
    }

    /** Checks as {@link #check} does, then writes this process's id, replacing a stale file. */
    void write() throws InUse, IOException {
        if (check()) {
            log.info("Removing stale pidfile {path}", "path", path.toString());
        }
        Files.writeString(path, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
    }

    /** Removes the file if it still holds this process's id. */
    void remove() {
        try {
            OptionalLong pid = read();
            if (pid.isPresent() && pid.getAsLong() == ProcessHandle.current().pid()) {
                Files.deleteIfExists(path);
            }
        } catch (InUse | IOException e) {
            // someone else's now, or gone
        }
    }

    private OptionalLong read() throws InUse {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new InUse("cannot read pidfile " + path + ": " + Runner.reason(e));
        }
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new InUse("pidfile " + path + " holds '" + text + "', not a process id; remove it if stale");
        }
    }
}
