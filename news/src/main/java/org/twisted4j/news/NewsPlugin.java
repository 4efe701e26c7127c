package org.twisted4j.news;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.AbstractService;
import org.twisted4j.application.MultiService;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.ServiceMaker;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.application.UsageError;
import org.twisted4j.cred.AuthOptions;
import org.twisted4j.cred.CredentialsChecker;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.ssl.CertificateError;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.logger.Logger;

/**
 * {@code twist news}: an NNTP server over a {@link FileNewsStorage}, as Twisted's {@code twisted.news.tap}.
 *
 * <pre>{@code
 * twist news --port 1119 --datadir /var/lib/news --group local.general --groups local.test,local.misc \
 *     --moderator local.announce=moderator@example.com
 * twist news --port ssl:563:privateKey=key.pem:certKey=cert.pem --datadir /var/lib/news   # NNTPS (RFC 4642)
 * twist news --certificate cert.pem --private-key key.pem --auth file:/etc/news.passwd --require-auth
 * }</pre>
 *
 * <p>With {@code --certificate} the server offers STARTTLS, and AUTHINFO only after it; with {@code --auth} it
 * offers AUTHINFO USER/PASS, every user reading the same groups. Each {@code --peer} gets every article the server
 * takes (posted, fed or pulled), unless its Path names that peer, through a {@link NewsFeed}; each {@code --pull}
 * server is asked for its new articles every {@code --pull-interval} seconds by a {@link NewsPuller}.
 *
 * <p>Groups named on the command line are made in the data directory when missing (moderated when a moderator
 * is given); those made before stay as they are. Twisted's {@code --moderator} applies to the group given
 * before it; here it names its group ({@code GROUP=ADDRESS}), since options are not kept in order.
 *
 * <h2>Threading</h2>
 * {@link #makeService} runs before the reactor starts, on the main thread.
 */
public final class NewsPlugin implements ServiceMaker {

    private static final Logger log = new Logger("news");
    private static final AuthOptions AUTH = new AuthOptions();

    /** Made by the service loader. */
    public NewsPlugin() {
    }

    @Override
    public String tapname() {
        return "news";
    }

    @Override
    public String description() {
        return "A news server (NNTP).";
    }

    @Override
    public Options options() {
        Options options = new Options("news [options]")
                .description("Serves newsgroups over NNTP (RFC 3977) from a data directory: readers list, read, "
                        + "search overviews and post; peers feed articles with IHAVE.")
                .add(Option.value("port").shortName('p').metavar("PORT|ENDPOINT").defaultValue("119")
                        .help("The port number, or an endpoint such as tcp:119:interface=127.0.0.1; an ssl: endpoint "
                                + "serves NNTP over TLS (default 119)."))
                .add(Option.value("interface").shortName('i').metavar("ADDRESS")
                        .help("The address to listen on, for a port number (default every address)."))
                .add(Option.value("datadir").shortName('d').metavar("DIR").defaultValue("news.db")
                        .help("The directory of the groups, articles and overview, made if missing (default news.db)."))
                .add(Option.repeatable("group").metavar("NAME")
                        .help("A newsgroup to carry, made if missing; may be given more than once."))
                .add(Option.repeatable("groups").metavar("NAME,...")
                        .help("Newsgroups to carry, comma-separated; may be given more than once."))
                .add(Option.repeatable("moderator").metavar("GROUP=ADDRESS")
                        .help("Makes GROUP moderated, with ADDRESS as its moderator (when the group is made)."))
                .add(Option.value("server-name").metavar("NAME")
                        .help("The name put in Path and Xref fields (default this machine's host name)."))
                .add(Option.flag("read-only").help("Refuse POST (readers are greeted with 201)."))
                .add(Option.flag("no-sync").help("Do not force each article to disk before taking it, as INN's "
                        + "defaults: faster; a crash of the machine (not of the server) may lose the articles taken "
                        + "last (default: forced)."))
                .add(Option.integer("max-article-size").metavar("OCTETS")
                        .defaultValue(Long.toString(NntpServerFactory.DEFAULT_MAX_ARTICLE_SIZE))
                        .help("The largest article accepted (default " + NntpServerFactory.DEFAULT_MAX_ARTICLE_SIZE + ")."))
                .add(Option.value("certificate").metavar("PEM")
                        .help("The server certificate (chain) for STARTTLS, with --private-key."))
                .add(Option.value("private-key").metavar("PEM").help("The private key of --certificate."))
                .add(Option.repeatable("peer").metavar("NAME=ENDPOINT")
                        .help("Feeds every article taken to the peer NAME (its name in Path fields) with IHAVE, such as "
                                + "news.b.example=tcp:host=b.example:port=119; may be given more than once."))
                .add(Option.repeatable("pull").metavar("ENDPOINT")
                        .help("Pulls new articles from the server at ENDPOINT with NEWNEWS and ARTICLE, such as "
                                + "tcp:host=b.example:port=119; may be given more than once."))
                .add(Option.value("pull-groups").metavar("WILDMAT").defaultValue("*")
                        .help("Which groups --pull asks for (default *)."))
                .add(Option.integer("pull-interval").metavar("SECONDS").defaultValue("60")
                        .help("The time between pulls (default 60)."))
                .add(Option.flag("require-auth").help("Answer 480 to reading and posting until AUTHINFO (needs --auth)."));
        return AUTH.addTo(options);
    }

    @Override
    public Service makeService(ReactorCore reactor, ParsedOptions options) {
        if (!(reactor instanceof ReactorTime time) || !(reactor instanceof ReactorTCP)) {
            throw new UsageError("news needs a reactor with TCP and timers");
        }
        Path dir = Path.of(String.valueOf(options.string("datadir")));
        FileNewsStorage storage;
        try {
            storage = FileNewsStorage.open(dir, Clock.systemUTC()).setForced(!options.flag("no-sync"));
        } catch (IOException e) {
            throw new UsageError("--datadir " + dir + ": " + e.getMessage());
        }
        Map<String, String> moderators = new LinkedHashMap<>();
        for (String pair : options.strings("moderator")) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new UsageError("--moderator " + pair + ": expected GROUP=ADDRESS");
            }
            moderators.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        Set<String> groups = new LinkedHashSet<>(options.strings("group"));
        for (String list : options.strings("groups")) {
            for (String name : list.split(",")) {
                if (!name.isBlank()) {
                    groups.add(name.strip());
                }
            }
        }
        groups.addAll(moderators.keySet());
        for (String name : groups) {
            if (!NewsGroup.isValidName(name)) {
                throw new UsageError("not a valid newsgroup name: " + name);
            }
            if (!storage.hasGroup(name)) {
                String moderator = moderators.get(name);
                storage.addGroup(name, moderator == null ? PostingStatus.ALLOWED : PostingStatus.MODERATED, "", moderator);
                log.info("made newsgroup {group}", "group", name);
            }
        }
        List<NewsFeed> feeds = new ArrayList<>();
        for (String peer : options.strings("peer")) {
            int equals = peer.indexOf('=');
            if (equals <= 0 || equals == peer.length() - 1) {
                throw new UsageError("--peer " + peer + ": expected NAME=ENDPOINT");
            }
            try {
                feeds.add(NewsFeed.to(peer.substring(0, equals), peer.substring(equals + 1), storage, reactor, time));
            } catch (IllegalArgumentException e) {
                throw new UsageError("--peer " + peer + ": " + e.getMessage());
            }
        }
        NewsStorage served = feeds.isEmpty() ? storage : new FeedingStorage(storage, feeds);
        NntpServerFactory factory = new NntpServerFactory(served, time).setPostingAllowed(!options.flag("read-only"));
        String name = options.string("server-name");
        try {
            if (name != null) {
                factory.setServerName(name);
            }
            factory.setMaxArticleSize(options.integer("max-article-size"));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        TlsOptions tls = tlsOptions(options);
        factory.setTlsOptions(tls).setRequireTlsForAuthentication(tls != null);
        List<CredentialsChecker> checkers = AUTH.checkers(options);
        if (!checkers.isEmpty()) {
            factory.setPortal(new Portal(new NewsRealm(storage), checkers.toArray(CredentialsChecker[]::new)));
        }
        if (options.flag("require-auth")) {
            if (checkers.isEmpty()) {
                throw new UsageError("--require-auth needs --auth");
            }
            factory.setRequireAuthentication(true);
        }
        List<NewsPuller> pullers = new ArrayList<>();
        String pullGroups = String.valueOf(options.string("pull-groups"));
        try {
            Wildmat.parse(pullGroups);
        } catch (NntpSyntaxException e) {
            throw new UsageError("--pull-groups " + pullGroups + ": not a wildmat");
        }
        for (String from : options.strings("pull")) {
            try {
                pullers.add(NewsPuller.from(from, pullGroups, served, factory.serverName(), reactor));
            } catch (IllegalArgumentException e) {
                throw new UsageError("--pull " + from + ": " + e.getMessage());
            }
        }
        int interval = options.integer("pull-interval");
        String port = String.valueOf(options.string("port"));
        String address = options.string("interface");
        String description = port.chars().allMatch(Character::isDigit)
                ? "tcp:" + port + (address == null ? "" : ":interface=" + address) : port;
        StreamServerEndpointService service;
        try {
            service = new StreamServerEndpointService(Endpoints.serverFromString(reactor, description), factory);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--port " + port + ": " + e.getMessage());
        }
        service.setRaiseSynchronously(true);
        service.whenListening().addCallback(listening -> {
            log.info("news listening on {address}, data in {dir}", "address", listening.getHost(), "dir", dir);
            return null;
        });
        if (feeds.isEmpty() && pullers.isEmpty()) {
            return service;
        }
        MultiService both = new MultiService();
        both.addService(service);
        both.addService(new AbstractService() {
            @Override
            public void startService() {
                super.startService();
                pullers.forEach(puller -> puller.start(time, interval));
            }

            @Override
            public Deferred<@Nullable Void> stopService() {
                super.stopService();
                pullers.forEach(NewsPuller::stop);
                List<Deferred<@Nullable Void>> stops = new ArrayList<>();
                feeds.forEach(feed -> stops.add(feed.stop()));
                return Deferred.gatherResults(stops).addCallback(done -> null);
            }
        });
        return both;
    }

    private static @Nullable TlsOptions tlsOptions(ParsedOptions options) {
        String certificate = options.string("certificate");
        String key = options.string("private-key");
        if (certificate == null && key == null) {
            return null;
        }
        if (certificate == null || key == null) {
            throw new UsageError("--certificate and --private-key go together");
        }
        try {
            return CertificateOptions.builder()
                    .certificate(PrivateCertificate.load(Path.of(key), Path.of(certificate), null)).build();
        } catch (CertificateError e) {
            throw new UsageError("--certificate/--private-key: " + e.getMessage());
        }
    }
}
