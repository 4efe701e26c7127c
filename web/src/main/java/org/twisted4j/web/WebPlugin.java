package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.MultiService;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.ServiceMaker;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.application.UsageError;
import org.twisted4j.cred.Anonymous;
import org.twisted4j.cred.AuthOptions;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.CredentialsChecker;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.Realm;
import org.twisted4j.cred.UsernameDigestHash;
import org.twisted4j.cred.UsernameHashedPassword;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ReactorUnix;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.spread.pb.PBServerFactory;
import org.twisted4j.logger.Logger;
import org.twisted4j.web.distrib.ResourcePublisher;
import org.twisted4j.web.distrib.UserDirectory;
import org.twisted4j.web.files.MimeTypes;
import org.twisted4j.web.guard.BasicCredentialFactory;
import org.twisted4j.web.guard.CredentialFactory;
import org.twisted4j.web.guard.DigestCredentialFactory;
import org.twisted4j.web.guard.HTTPAuthSessionWrapper;

/**
 * The {@code web} plugin, as Twisted's {@code twist web}: a {@link Site} serving a directory with
 * {@link StaticFile}.
 *
 * <pre>
 * twist web --path public --listen tcp:8080 --listen ssl:8443:privateKey=key.pem:certKey=cert.pem \
 *     --index index.html --ignore-ext .html --add-header "X-Frame-Options: DENY" --logfile access.log
 * </pre>
 * {@code --listen} takes any server endpoint description and may be repeated (default {@code tcp:8080});
 * {@code --path} is the directory or file served (default the current directory). Once each port listens, it
 * logs {@code web listening on HOST:PORT}. Dot-files and dot-directories ({@code .git}, {@code .env}) under
 * {@code --path} are 404 and left out of listings, except {@code /.well-known/}, unless {@code --allow-dotfiles}
 * is given ({@link StaticFile#setAllowDotfiles}).
 *
 * <h2>Scripts and other roots</h2>
 * <pre>
 * twist web --path htdocs --processor .pl=perl --cgi-dir /cgi-bin=cgi-bin --index index.html --index index.pl
 * twist web --class com.example.Home --cgi-dir /cgi-bin=/srv/cgi-bin
 * </pre>
 * {@code --processor EXT=CLASS} (repeatable) sets a {@link StaticFile#setProcessors processor} for the files of
 * {@code --path} whose name ends with {@code EXT}: {@code CLASS} names a public class implementing
 * {@link ResourceProcessor} with a public constructor taking the reactor (a
 * {@link org.twisted4j.internet.ReactorProcess}) or taking nothing. Two names are built in: {@code perl} runs
 * the file through {@code /usr/bin/perl} as CGI ({@link org.twisted4j.web.cgi.FilteredScript}), {@code cgi}
 * executes it as CGI ({@link org.twisted4j.web.cgi.CGIScript}). {@code --cgi-dir URL=DIR} (repeatable) serves
 * the CGI scripts of {@code DIR} at the URL path ({@link org.twisted4j.web.cgi.CGIDirectory}), ahead of the
 * files. {@code --class CLASS} serves a new instance of that public {@link Resource} subclass, made with its
 * public no-argument constructor, instead of {@code --path}; the options about files then do not apply, and
 * {@code --path} or {@code --processor} with it is a usage error.
 *
 * <h2>Users and personal servers</h2>
 * <pre>
 * twist web --user --listen tcp:8080           # /~name/ from public_html, /~name.twistd/ forwarded
 * twist web --personal --path ~/site           # a user's own server, on unix:~/.twistd-web-pb
 * </pre>
 * {@code --user} serves a {@link UserDirectory} of the users of {@code --passwd} (default {@code /etc/passwd}):
 * {@code /~name/} from each user's {@code public_html}, and
 * {@code /~name.twistd/} forwarded to that user's personal server. {@code --personal} makes this process such a
 * server: the same site (of {@code --path}, {@code --class}...) published over Perspective Broker by a
 * {@link ResourcePublisher} instead of served as HTTP, on {@code unix:~/.twistd-web-pb} unless {@code --listen}
 * says otherwise.
 *
 * <h2>Authentication</h2>
 * <pre>
 * twist web --path private --auth file:users.txt --auth-realm example.org
 * twist web --help-auth
 * </pre>
 * {@code --auth TYPE:ARGUMENT} (repeatable; the types of {@link AuthOptions}: {@code file}, {@code memory},
 * {@code unix}, {@code anonymous}; {@code --help-auth} lists them, {@code --help-auth-type=TYPE} explains one)
 * puts the whole site behind an {@link HTTPAuthSessionWrapper}: a request without acceptable credentials gets
 * 401 and a challenge per scheme, in the realm {@code --auth-realm} (default {@value #DEFAULT_REALM}). Basic is
 * offered when a checker takes user names and passwords; Digest ({@code MD5}) as well when one can check a
 * Digest answer, which needs the password in clear: {@code file:} and {@code memory:} offer both (a user whose
 * line in the file holds a crypt hash logs in by Basic only), {@code unix:} Basic only. With {@code anonymous} among them, a request
 * without an {@code Authorization} header is served. Headers of {@code --add-header} go on the 401s too. This is
 * an addition of twisted4j: Twisted's {@code twist web} has no {@code --auth}.
 *
 * <h2>Threading</h2>
 * As {@link ServiceMaker}.
 */
public final class WebPlugin implements ServiceMaker {

    private static final Logger log = new Logger("web");

    /** The realm named in challenges unless {@code --auth-realm} says otherwise. */
    public static final String DEFAULT_REALM = "twisted4j";

    /** The Digest algorithm offered: {@code MD5}, the one every client speaks. */
    static final String DIGEST_ALGORITHM = "MD5";

    private static final AuthOptions AUTH = new AuthOptions(Set.of(UsernamePassword.class,
            UsernameHashedPassword.class, UsernameDigestHash.class, Anonymous.class));

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public WebPlugin() {
    }

    @Override
    public String tapname() {
        return "web";
    }

    @Override
    public String description() {
        return "A web server serving static files and CGI scripts.";
    }

    @Override
    public Options options() {
        Options spec = new Options("web [--listen <endpoint>]... [--path <dir>] [options]")
                .description("Serves the files under a directory over HTTP/1.1 and HTTP/2 (h2 by ALPN on an ssl: "
                        + "endpoint, h2c by prior knowledge on a plain one).")
                .add(Option.repeatable("listen").metavar("ENDPOINT")
                        .help("An endpoint to listen on, such as tcp:8080 or ssl:8443:privateKey=k.pem:certKey=c.pem; "
                                + "may be repeated (default tcp:8080)."))
                .add(Option.value("path").defaultValue(".").metavar("PATH")
                        .help("The directory or file to serve (default the current directory)."))
                .add(Option.value("class").metavar("CLASS")
                        .help("A Resource subclass with a public no-argument constructor to serve instead of --path."))
                .add(Option.flag("user")
                        .help("Serve users' public_html directories at /~name/ instead of --path (the users of "
                                + "/etc/passwd but root; / lists them); the other file options apply to each."))
                .add(Option.value("passwd").defaultValue("/etc/passwd").metavar("FILE")
                        .help("The password file --user finds users and their home directories in."))
                .add(Option.flag("personal")
                        .help("Publish the site to a twist web --user server instead of serving HTTP: Perspective "
                                + "Broker on unix:~/" + UserDirectory.PERSONAL_SOCKET + " (or --listen), reached "
                                + "there as /~name" + UserDirectory.PERSONAL_SUFFIX + "/."))
                .add(Option.value("resource-script").metavar("FILE")
                        .help("A resource script (.jsh, JShell) to serve instead of --path: its value is the root "
                                + "resource, evaluated again when the file changes."))
                .add(Option.repeatable("processor").metavar("EXT=CLASS")
                        .help("Answer the files ending with EXT through a ResourceProcessor class, or through a "
                                + "built-in one: perl (run with /usr/bin/perl as CGI), php (run by php-cgi), cgi (run as CGI) "
                                + "or jsh (resource scripts, evaluated to a resource again when they change); "
                                + "may be repeated."))
                .add(Option.repeatable("cgi-dir").metavar("URL=DIR")
                        .help("Serve the CGI scripts of DIR at the URL path, such as /cgi-bin=/srv/cgi-bin; "
                                + "may be repeated."))
                .add(Option.repeatable("index").metavar("NAME")
                        .help("A file name to look for as a directory's index; may be repeated "
                                + "(default index, index.html, index.htm)."))
                .add(Option.value("mime-type").defaultValue(MimeTypes.DEFAULT_TYPE).metavar("TYPE")
                        .help("The type of files whose name says nothing."))
                .add(Option.repeatable("ignore-ext").metavar("EXT")
                        .help("An extension tried, in order, when a request names no file: .html finds foo.html "
                                + "for foo; may be repeated."))
                .add(Option.flag("allow-ignore-ext")
                        .help("Let a request for foo find foo.anything."))
                .add(Option.flag("allow-dotfiles")
                        .help("Serve and list files and directories whose name begins with a dot, such as .git "
                                + "and .env (default off: they are 404 and left out of listings, except "
                                + "/.well-known/)."))
                .add(Option.repeatable("add-header").metavar("'NAME: VALUE'")
                        .help("A header added to every response; may be repeated."))
                .add(Option.value("logfile").metavar("FILE")
                        .help("A file to append an access log line to for each request."))
                .add(Option.flag("display-tracebacks")
                        .help("Show tracebacks of errors in the 500 page, not only in the log."))
                .add(Option.value("auth-realm").defaultValue(DEFAULT_REALM).metavar("NAME")
                        .help("The realm named in the authentication challenges of --auth (default "
                                + DEFAULT_REALM + ")."));
        return AUTH.addTo(spec);
    }

    /** Prints the help of {@code --help-auth} or {@code --help-auth-type=TYPE} instead of serving. */
    @Override
    public Optional<String> requestedHelp(ParsedOptions options) {
        return AUTH.help(options);
    }

    /**
     * Builds one listening service per {@code --listen}, all serving the same {@link Site}.
     *
     * @throws UsageError if an option is unusable: an endpoint description, a header that is not
     *     {@code Name: value}, an extension or index name refused, a log file that cannot be opened
     */
    @Override
    public Service makeService(ReactorCore reactor, ParsedOptions options) {
        if (!(reactor instanceof ReactorTime time)) {
            throw new UsageError("web needs a reactor with timers");
        }
        Resource root = WebRoots.mountCgiDirectories(reactor, options.strings("cgi-dir"), root(reactor, options));
        Site site = new Site(addHeaders(options, guard(options, root, time)), time);
        site.setDisplayTracebacks(options.flag("display-tracebacks"));
        String logPath = options.string("logfile");
        Writer accessLog = logPath == null ? null : openLog(logPath);
        if (accessLog != null) {
            site.setAccessLog(line -> {
                try {
                    accessLog.write(line);
                    accessLog.write('\n');
                    accessLog.flush();
                } catch (IOException e) {
                    log.warn("cannot write the access log: {error}", "error", e.getMessage());
                }
            });
        }
        List<String> listens = options.strings("listen");
        boolean personal = options.flag("personal");
        if (personal && options.flag("user")) {
            throw new UsageError("--personal publishes one user's site; it cannot be used with --user");
        }
        if (listens.isEmpty()) {
            listens = List.of(personal
                    ? "unix:" + Path.of(System.getProperty("user.home"), UserDirectory.PERSONAL_SOCKET)
                    : "tcp:8080");
        }
        Factory factory = personal ? new PBServerFactory(new ResourcePublisher(site)) : site;
        Served served = new Served(accessLog);
        for (String description : listens) {
            StreamServerEndpointService listening;
            try {
                listening = new StreamServerEndpointService(Endpoints.serverFromString(reactor, description), factory);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--listen " + description + ": " + e.getMessage());
            }
            listening.setRaiseSynchronously(true);
            listening.whenListening().addCallback(port -> {
                log.info("web listening on {address}", "address", describe(port.getHost()));
                return null;
            });
            served.addService(listening);
        }
        return served;
    }

    private static Resource root(ReactorCore reactor, ParsedOptions options) {
        String script = options.string("resource-script");
        if (script != null) {
            if (options.string("class") != null || options.isGiven("path")) {
                throw new UsageError("--resource-script cannot be used with --class or --path: each names what is served");
            }
            if (!options.strings("processor").isEmpty()) {
                throw new UsageError("--processor applies to the files of --path, not to --resource-script");
            }
            return WebRoots.resourceScript(reactor, script);
        }
        if (options.flag("user")) {
            if (options.string("class") != null || options.isGiven("path")) {
                throw new UsageError("--user cannot be used with --class or --path: each names what is served");
            }
            Map<String, ResourceProcessor> processors = WebRoots.processors(reactor, options.strings("processor"));
            return new UserDirectory(Path.of(String.valueOf(options.string("passwd"))), dir -> files(dir, processors, options),
                    reactor instanceof ReactorUnix unix ? unix : null);
        }
        if (options.string("class") != null) {
            if (options.isGiven("path")) {
                throw new UsageError("--class and --path cannot be used together: each names what is served");
            }
            if (!options.strings("processor").isEmpty()) {
                throw new UsageError("--processor applies to the files of --path, not to --class");
            }
            return WebRoots.instantiate(String.valueOf(options.string("class")));
        }
        return files(Path.of(String.valueOf(options.string("path"))),
                WebRoots.processors(reactor, options.strings("processor")), options);
    }

    /** Serves {@code path} as the file options say. */
    private static StaticFile files(Path path, Map<String, ResourceProcessor> processors, ParsedOptions options) {
        StaticFile files = new StaticFile(path);
        files.setProcessors(processors);
        try {
            files.setDefaultType(String.valueOf(options.string("mime-type")));
            List<String> indexes = options.strings("index");
            if (!indexes.isEmpty()) {
                files.setIndexNames(indexes);
            }
            List<String> extensions = new ArrayList<>(options.strings("ignore-ext"));
            if (options.flag("allow-ignore-ext")) {
                extensions.add("*");
            }
            files.setIgnoredExtensions(extensions);
            files.setAllowIgnoredExtensions(!extensions.isEmpty());
            files.setAllowDotfiles(options.flag("allow-dotfiles"));
        } catch (IllegalArgumentException e) {
            throw new UsageError("web: " + e.getMessage());
        }
        return files;
    }

    /** Puts the whole site behind HTTP authentication if {@code --auth} is given; the avatar is the site itself. */
    private static Resource guard(ParsedOptions options, Resource root, ReactorTime time) {
        List<CredentialsChecker> checkers = AUTH.checkers(options);
        if (checkers.isEmpty()) {
            return root;
        }
        Realm realm = (avatarId, mind, interfaces) -> List.of(interfaces).contains(Resource.class)
                ? Deferred.succeed(new LoginResult(Resource.class, root, LoginResult.NO_LOGOUT))
                : Deferred.fail(new UnsupportedOperationException("the web plugin's avatars are Resources"));
        Portal portal = new Portal(realm, checkers.toArray(CredentialsChecker[]::new));
        String name = String.valueOf(options.string("auth-realm"));
        List<Class<? extends Credentials>> kinds = portal.listCredentialsInterfaces();
        List<CredentialFactory> factories = new ArrayList<>();
        try {
            if (kinds.contains(UsernamePassword.class)) {
                factories.add(new BasicCredentialFactory(name));
            }
            if (kinds.contains(UsernameHashedPassword.class) || kinds.contains(UsernameDigestHash.class)) {
                factories.add(new DigestCredentialFactory(DIGEST_ALGORITHM, name, time));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageError("--auth-realm: " + e.getMessage());
        }
        return new HTTPAuthSessionWrapper(portal, factories);
    }

    private static Resource addHeaders(ParsedOptions options, Resource root) {
        List<String[]> headers = new ArrayList<>();
        for (String header : options.strings("add-header")) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new UsageError("--add-header: '" + header + "' is not 'Name: value'");
            }
            String name = header.substring(0, colon).strip();
            String value = header.substring(colon + 1).strip();
            try {
                new Headers().set(name, value);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--add-header: " + e.getMessage());
            }
            headers.add(new String[] {name, value});
        }
        return headers.isEmpty() ? root : new HeaderAdding(root, headers);
    }

    private static Writer openLog(String path) {
        try {
            return Files.newBufferedWriter(Path.of(path), UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | UncheckedIOException e) {
            throw new UsageError("--logfile: cannot open " + path + ": " + e.getMessage());
        }
    }

    static String describe(Address address) {
        return switch (address) {
            case IPv4Address a -> a.host() + ":" + a.port();
            case IPv6Address a -> "[" + a.host() + "]:" + a.port();
            case UNIXAddress a -> a.display();
        };
    }

    /** Adds fixed headers to every response of the resource tree below it. */
    private static final class HeaderAdding extends Resource {
        private final Resource inner;
        private final List<String[]> headers;

        HeaderAdding(Resource inner, List<String[]> headers) {
            this.inner = inner;
            this.headers = List.copyOf(headers);
        }

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        public byte[] render(Request request) throws Exception {
            for (String[] header : headers) {
                request.addHeader(header[0], header[1]);
            }
            return inner.getChildForRequest(request).render(request);
        }
    }

    /** The listening services, and the access log closed once they have stopped. */
    private static final class Served extends MultiService {
        private final @Nullable Writer accessLog;

        Served(@Nullable Writer accessLog) {
            this.accessLog = accessLog;
        }

        @Override
        public Deferred<@Nullable Void> stopService() {
            return super.stopService().addBoth(outcome -> {
                if (accessLog != null) {
                    accessLog.close();
                }
                return outcome;
            }).addCallback(ignored -> null);
        }
    }
}
