package org.twisted4j.twist;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.ServiceMaker;
import org.twisted4j.application.UsageError;

/**
 * A plugin chosen on the command line with its parsed options: {@code PLUGIN [plugin options]}.
 *
 * @param maker the plugin
 * @param options its options
 */
record PluginCommand(ServiceMaker maker, ParsedOptions options) {

    /** A plugin's options do not fit; the help to point at is the plugin's. */
    static final class PluginUsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String plugin;

        PluginUsageError(String plugin, @Nullable String message) {
            super(message);
            this.plugin = plugin;
        }
    }

    /**
     * Picks the plugin named by {@code words.get(0)} and parses the rest with its options.
     *
     * @param program the runner's name, for help
     * @param words the plugin's name and its options
     * @param plugins the plugins to choose from
     * @param out where a plugin's help goes
     * @return the command, or null if the plugin's help, or other help its options ask for, was printed
     * @throws UsageError if no plugin is named or the name is unknown
     * @throws PluginUsageError if the plugin's options do not fit
     */
    static @Nullable PluginCommand parse(String program, List<String> words, Plugins plugins, PrintStream out) {
        if (words.isEmpty()) {
            throw new UsageError("no plugin named; known plugins: " + plugins.names());
        }
        String name = words.get(0);
        ServiceMaker maker = plugins.named(name);
        if (maker == null) {
            throw new UsageError("unknown plugin '" + name + "'; known plugins: " + plugins.names());
        }
        ParsedOptions options;
        try {
            options = maker.options().parse(words.subList(1, words.size()));
        } catch (UsageError e) {
            throw new PluginUsageError(name, e.getMessage());
        }
        if (options.helpRequested()) {
            out.print(maker.options().help(program));
            out.flush();
            return null;
        }
        Optional<String> help;
        try {
            help = maker.requestedHelp(options);
        } catch (UsageError e) {
            throw new PluginUsageError(name, e.getMessage());
        }
        if (help.isPresent()) {
            out.print(help.get());
            out.flush();
            return null;
        }
        return new PluginCommand(maker, options);
    }
}
