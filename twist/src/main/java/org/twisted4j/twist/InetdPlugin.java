package org.twisted4j.twist;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.ServiceMaker;
import org.twisted4j.application.UsageError;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.runner.InetdConf;
import org.twisted4j.runner.InetdEntry;
import org.twisted4j.runner.InetdService;
import org.twisted4j.runner.InvalidConfError;
import org.twisted4j.runner.KnownServices;

/**
 * The {@code inetd} plugin, as Twisted's: an {@link InetdService} for the services of an {@code inetd.conf}
 * file.
 *
 * <pre>
 * # sample-inetd.conf:   8123 stream tcp nowait nobody /bin/cat cat
 * twist inetd --file sample-inetd.conf
 * </pre>
 * Service names are looked up in {@code /etc/services}, or a built-in table of the common ones if that file
 * cannot be read. A port that cannot be opened stops the program at startup.
 *
 * <h2>Threading</h2>
 * As {@link ServiceMaker}.
 */
public final class InetdPlugin implements ServiceMaker {

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public InetdPlugin() {
    }

    @Override
    public String tapname() {
        return "inetd";
    }

    @Override
    public String description() {
        return "An inetd(8) replacement.";
    }

    @Override
    public Options options() {
        return new Options("inetd [options]")
                .description("Listens on the port of each stream/tcp nowait service of an inetd.conf file and runs "
                        + "its program for each connection, with the connection as the program's input and "
                        + "output, or answers an internal service (echo, discard, daytime, time, chargen).")
                .add(Option.value("file").shortName('f').defaultValue(InetdConf.DEFAULT_FILE.toString())
                        .metavar("FILE").help("Service configuration file."))
                .add(Option.flag("nointernal").shortName('i').help("Don't run internal services."));
    }

    /**
     * Reads the file and builds the service.
     *
     * @throws UsageError if the file cannot be read or has a bad line (the message names the line), or the
     *     reactor lacks TCP or processes
     */
    @Override
    public Service makeService(ReactorCore reactor, ParsedOptions options) {
        if (!(reactor instanceof ReactorTCP tcp) || !(reactor instanceof ReactorProcess processes)
                || !(reactor instanceof ReactorTime time)) {
            throw new UsageError("inetd needs a reactor with TCP and processes");
        }
        Path file = Path.of(String.valueOf(options.string("file")));
        List<InetdEntry> entries;
        try {
            entries = InetdConf.read(file, KnownServices.system());
        } catch (IOException e) {
            throw new UsageError("--file: cannot read " + file + ": " + e.getMessage());
        } catch (InvalidConfError e) {
            throw new UsageError(e.getMessage());
        }
        InetdService inetd = new InetdService(tcp, processes, time, Clock.systemUTC(), entries,
                !options.flag("nointernal"));
        for (InetdEntry entry : inetd.entries()) {
            inetd.serverFor(entry).setRaiseSynchronously(true);
        }
        return inetd;
    }
}
