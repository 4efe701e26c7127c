package org.twisted4j.bench.soak;

import org.twisted4j.application.MultiService;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.ServiceMaker;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.application.UsageError;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.web.Site;
import org.twisted4j.web.WebPlugin;

/**
 * The {@code soak-web} plugin: {@code twist web} itself ({@link WebPlugin} makes the service, with all of its
 * options), with one limit changed, the largest request body its {@link Site} accepts ({@code --max-body-bytes},
 * default 64 MiB instead of the site's 10 MiB), so that the soak run's 50 MiB uploads reach the CGI script
 * rather than getting 413. {@code twist web} has no option for that limit.
 *
 * <pre>
 * twist soak-web --max-body-bytes 67108864 --class org.twisted4j.bench.soak.SoakRoot \
 *     --cgi-dir /cgi-bin=cgi --listen tcp:8080:interface=127.0.0.1
 * </pre>
 *
 * <h2>Threading</h2>
 * As {@link ServiceMaker}.
 */
public final class SoakWebPlugin implements ServiceMaker {

    /** The body limit when {@code --max-body-bytes} is not given: 64 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 << 20;

    private final WebPlugin web = new WebPlugin();

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public SoakWebPlugin() {
    }

    @Override
    public String tapname() {
        return "soak-web";
    }

    @Override
    public String description() {
        return "twist web with a larger request body limit, for bench/soak.sh.";
    }

    @Override
    public Options options() {
        Options options = new Options("soak-web [--max-body-bytes N] [web options]")
                .description("Runs twist web (every option of web applies) with a larger request body limit.")
                .add(Option.integer("max-body-bytes").defaultValue(Integer.toString(DEFAULT_MAX_BODY_BYTES))
                        .metavar("N").help("The largest request body accepted, in bytes (default 64 MiB)."));
        for (Option option : web.options().options()) {
            options.add(option);
        }
        return options;
    }

    /**
     * Makes {@code twist web}'s service and sets the body limit of the site each of its ports serves.
     *
     * @throws UsageError as {@link WebPlugin#makeService}, or if the limit is out of the site's range
     */
    @Override
    public Service makeService(ReactorCore reactor, ParsedOptions options) {
        int limit = options.integer("max-body-bytes");
        Service service = web.makeService(reactor, options);
        if (!(service instanceof MultiService ports)) {
            throw new UsageError("soak-web: web made a " + service.getClass().getName() + ", not its ports");
        }
        for (Service port : ports) {
            if (port instanceof StreamServerEndpointService listening && listening.factory() instanceof Site site) {
                try {
                    site.setMaxBodyBytes(limit);
                } catch (IllegalArgumentException e) {
                    throw new UsageError("--max-body-bytes: " + e.getMessage());
                }
            }
        }
        return service;
    }
}
