package org.twisted4j.twist;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.UsageError;

/**
 * The user and group {@code twistd --uid/--gid} switches to after the services' privileged start (ports below
 * 1024 bound as root), as Twisted's {@code switchUID}: supplementary groups from the user's entry
 * ({@code initgroups}), then the group, then the user; with {@code --euid} only the effective ids change, so
 * they can be taken back. Names are looked up with {@code getent}, so users from any NSS source work; numbers
 * are taken as they are. A switch that fails, or leaves the ids other than asked, throws: running on as root
 * by mistake is never an option.
 *
 * <p>The libc calls go through JNA; glibc applies {@code setuid}/{@code setgid} to every thread of the process.
 *
 * @param user the user's name, if known (for {@code initgroups}), else null
 * @param uid the user id to switch to, or -1 to keep it
 * @param gid the group id to switch to, or -1 to keep it
 * @param effectiveOnly whether to change only the effective ids ({@code --euid})
 */
record Privileges(@Nullable String user, int uid, int gid, boolean effectiveOnly) {

    /** The libc calls used, through JNA. */
    private interface LibC extends Library {
        int getuid();

        int geteuid();

        int getgid();

        int getegid();

        int setuid(int uid) throws LastErrorException;

        int setgid(int gid) throws LastErrorException;

        int seteuid(int uid) throws LastErrorException;

        int setegid(int gid) throws LastErrorException;

        int initgroups(String user, int gid) throws LastErrorException;

        int setgroups(long size, int[] list) throws LastErrorException;
    }

    /** Loaded on first use, so that a twistd without {@code --uid/--gid} never loads native code. */
    private static final class Native0 {
        static final LibC C = Native.load("c", LibC.class);
    }

    /**
     * Resolves {@code --uid} and {@code --gid} (names or numbers); a user's own group is used when no group is
     * given, as Twisted does.
     *
     * @return the switch to make, or null if neither option was given
     * @throws UsageError for an unknown user or group
     */
    static @Nullable Privileges resolve(@Nullable String uidOption, @Nullable String gidOption, boolean euid)
            throws UsageError {
        if (uidOption == null && gidOption == null) {
            if (euid) {
                throw new UsageError("--euid needs --uid or --gid");
            }
            return null;
        }
        String user = null;
        int uid = -1;
        int gid = -1;
        if (uidOption != null) {
            List<String> entry = lookUp("passwd", uidOption, "--uid: no such user");
            user = entry.get(0);
            uid = Integer.parseInt(entry.get(2));
            gid = Integer.parseInt(entry.get(3));
        }
        if (gidOption != null) {
            gid = Integer.parseInt(lookUp("group", gidOption, "--gid: no such group").get(2));
        }
        return new Privileges(user, uid, gid, euid);
    }

    /** Returns the fields of the {@code getent DATABASE KEY} entry, or throws a usage error. */
    private static List<String> lookUp(String database, String key, String unknown) throws UsageError {
        if (key.isEmpty() || key.startsWith("-")) {
            throw new UsageError(unknown + " '" + key + "'");
        }
        try {
            Process getent = new ProcessBuilder("getent", database, key).redirectErrorStream(true).start();
            String output = new String(getent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!getent.waitFor(30, TimeUnit.SECONDS) || getent.exitValue() != 0) {
                throw new UsageError(unknown + " '" + key + "'");
            }
            List<String> fields = List.of(output.lines().findFirst().orElse("").split(":", -1));
            if (fields.size() < (database.equals("passwd") ? 4 : 3)) {
                throw new UsageError(unknown + " '" + key + "'");
            }
            return fields;
        } catch (IOException e) {
            throw new UsageError("cannot look up " + database + " entry '" + key + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageError("interrupted looking up '" + key + "'");
        }
    }

    /**
     * Switches the process to these ids.
     *
     * @throws IllegalStateException if a call fails or the ids are not the ones asked for afterwards
     */
    void apply() {
        LibC c = Native0.C;
        try {
            if (gid >= 0) {
                if (c.geteuid() == 0) {
                    if (user != null) {
                        c.initgroups(user, gid);
                    } else {
                        c.setgroups(1, new int[] {gid});
                    }
                }
                if (effectiveOnly) {
                    c.setegid(gid);
                } else {
                    c.setgid(gid);
                }
            }
            if (uid >= 0) {
                if (effectiveOnly) {
                    c.seteuid(uid);
                } else {
                    c.setuid(uid);
                }
            }
        } catch (LastErrorException e) {
            throw new IllegalStateException("cannot switch to " + this + ": " + e.getMessage(), e);
        }
        boolean uidDone = uid < 0 || c.geteuid() == uid && (effectiveOnly || c.getuid() == uid);
        boolean gidDone = gid < 0 || c.getegid() == gid && (effectiveOnly || c.getgid() == gid);
        if (!uidDone || !gidDone) {
            throw new IllegalStateException("switching to " + this + " left uid " + c.getuid() + "/" + c.geteuid()
                    + " and gid " + c.getgid() + "/" + c.getegid());
        }
    }

    @Override
    public String toString() {
        return (user != null ? "user " + user + " (" + uid + ")" : uid >= 0 ? "uid " + uid : "the same user")
                + ", gid " + gid + (effectiveOnly ? ", effective ids only" : "");
    }
}
