package org.twisted4j.twist;

import java.util.List;
import java.util.Map;

/**
 * The listening sockets systemd passed to this process (socket activation, {@code sd_listen_fds(3)}): their
 * count from {@code LISTEN_FDS}, checked against {@code LISTEN_PID}, and their names from
 * {@code LISTEN_FDNAMES} (colon-separated; systemd's default name is {@code unknown}). The sockets are
 * descriptors 3, 4, ... in order.
 *
 * @param count how many sockets were passed
 * @param names their names, one for each, or empty if none were given
 */
record ListenFds(int count, List<String> names) {

    /** The first passed descriptor, {@code SD_LISTEN_FDS_START}. */
    static final int FIRST = 3;

    /**
     * Reads the sockets passed to process {@code pid} from {@code environment}.
     *
     * @throws IllegalStateException if no sockets were passed, or passed to another process, or the
     *     variables are malformed; the message names the variable
     */
    static ListenFds from(Map<String, String> environment, long pid) {
        String listenPid = environment.get("LISTEN_PID");
        String listenFds = environment.get("LISTEN_FDS");
        if (listenPid == null || listenFds == null) {
            throw new IllegalStateException("no sockets were passed by systemd (LISTEN_PID and LISTEN_FDS are not"
                    + " set; is the service socket-activated?)");
        }
        if (!listenPid.equals(Long.toString(pid))) {
            throw new IllegalStateException("the sockets were passed to process " + listenPid + " (LISTEN_PID),"
                    + " not to this one (" + pid + ")");
        }
        int count;
        try {
            count = Integer.parseInt(listenFds);
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 0 || count > 65_536) {
            throw new IllegalStateException("LISTEN_FDS is not a count of sockets: '" + listenFds + "'");
        }
        String fdNames = environment.get("LISTEN_FDNAMES");
        List<String> names = fdNames == null ? List.of() : List.of(fdNames.split(":", -1));
        if (!names.isEmpty() && names.size() != count) {
            throw new IllegalStateException("LISTEN_FDNAMES names " + names.size() + " sockets, LISTEN_FDS says "
                    + count);
        }
        return new ListenFds(count, names);
    }

    /**
     * Returns the descriptor of the socket at {@code index}.
     *
     * @throws IllegalStateException if fewer sockets were passed
     */
    int descriptorAt(int index) {
        if (index < 0 || index >= count) {
            throw new IllegalStateException("no socket at index " + index + ": systemd passed " + count);
        }
        return FIRST + index;
    }

    /**
     * Returns the descriptor of the first socket named {@code name}.
     *
     * @throws IllegalStateException if no socket has that name
     */
    int descriptorNamed(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalStateException("no socket named '" + name + "' was passed by systemd (LISTEN_FDNAMES: "
                    + (names.isEmpty() ? "not set" : String.join(", ", names)) + ")");
        }
        return FIRST + index;
    }
}
