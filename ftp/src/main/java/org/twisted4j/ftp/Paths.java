package org.twisted4j.ftp;

import java.util.ArrayList;
import java.util.List;

/** Resolves client paths against a working directory into segments from the user's root. */
final class Paths {

    private Paths() {
    }

    /**
     * Resolves {@code path} (absolute from the root if it starts with {@code /}) against {@code cwd}.
     *
     * @throws FtpError 550 if it climbs above the root
     */
    static List<String> resolve(List<String> cwd, String path) throws FtpError {
        List<String> out = new ArrayList<>(path.startsWith("/") ? List.of() : cwd);
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (out.isEmpty()) {
                    throw FtpError.invalidPath(path);
                }
                out.remove(out.size() - 1);
            } else {
                out.add(segment);
            }
        }
        return List.copyOf(out);
    }
}
