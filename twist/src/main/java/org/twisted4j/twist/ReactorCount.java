package org.twisted4j.twist;

import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.internet.ReactorGroup;

/**
 * The runners' {@code --reactors N} option: run the plugin on a {@link ReactorGroup} of N reactors, one thread
 * each. The plugin's service is built once per reactor, so each reactor serves its own copy of it (its own
 * factories, caches and sessions) and protocol code stays single-threaded; the copies' TCP and UDP ports are
 * shared with {@code SO_REUSEPORT}, the kernel spreading connections and datagrams over them.
 */
final class ReactorCount {

    /** The option's name. */
    static final String OPTION = "reactors";

    private ReactorCount() {
    }

    /** Adds {@code --reactors N} to a runner's options. */
    static Options addOption(Options options) {
        return options.add(Option.value(OPTION).defaultValue("1").metavar("N")
                .converter(ReactorCount::positive, "a number of reactors, 1 or more")
                .help("Run N copies of the service, one per reactor and thread, sharing its TCP and UDP ports;"
                        + " up to one per core helps. UNIX sockets cannot be shared."));
    }

    /** Returns the number of reactors the options ask for. */
    static int from(ParsedOptions options) {
        Integer count = options.get(OPTION, Integer.class);
        return count == null ? 1 : count;
    }

    private static Integer positive(String text) {
        int value = Integer.parseInt(text);
        if (value < 1) {
            throw new IllegalArgumentException("below 1");
        }
        return value;
    }
}
