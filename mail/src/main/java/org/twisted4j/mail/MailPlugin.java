package org.twisted4j.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.MultiService;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.ServiceMaker;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.application.UsageError;
import org.twisted4j.cred.AllowAnonymousAccess;
import org.twisted4j.cred.AuthOptions;
import org.twisted4j.cred.CredentialsChecker;
import org.twisted4j.cred.LoginDenied;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.ssl.CertificateError;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.logger.Logger;
import org.twisted4j.mail.alias.AliasDelivery;
import org.twisted4j.mail.alias.AliasFile;
import org.twisted4j.mail.imap4.ImapServerFactory;
import org.twisted4j.mail.imap4.MaildirImapRealm;
import org.twisted4j.mail.maildir.MaildirDomains;
import org.twisted4j.mail.pop3.MaildirRealm;
import org.twisted4j.mail.pop3.Pop3ServerFactory;
import org.twisted4j.mail.smtp.MessageDelivery;
import org.twisted4j.mail.smtp.SmtpServerFactory;

/**
 * The {@code mail} plugin, as Twisted's {@code twist mail}: an ESMTP server delivering into Maildirs of virtual
 * domains, and a POP3 server reading them.
 *
 * <pre>
 * twist mail --maildirdbmdomain example.com=/srv/mail/example.com --default --hostname mx.example.com \
 *     --smtp tcp:25 --user bob=secret --certificate cert.pem --private-key key.pem --disable-anonymous
 * </pre>
 *
 * <ul>
 *   <li>{@code -s/--smtp ENDPOINT} (repeatable, default {@code tcp:8025} as Twisted's), {@code --no-smtp};</li>
 *   <li>{@code -d/--maildirdbmdomain DOMAIN=PATH} (repeatable): a domain whose users' Maildirs are under PATH,
 *   users and passwords read from {@code PATH/passwd} ({@code user:password} lines) instead of a dirdbm;</li>
 *   <li>{@code -D/--default}: the last {@code -d} domain takes recipients of unknown domains;</li>
 *   <li>{@code -u/--user USER=PASS} (repeatable): a user of the default domain (else of the first domain), or
 *   {@code USER@DOMAIN=PASS} for another; kept in memory, the passwd file is not written;</li>
 *   <li>{@code -H/--hostname}: the server's name (default this machine's); {@code -E/--esmtp} is accepted as in
 *   Twisted and, as there, needs {@code --hostname}; the server speaks ESMTP either way;</li>
 *   <li>{@code --auth} (core's {@link AuthOptions}) adds checkers for SMTP AUTH, besides the domains' users;
 *   {@code --disable-anonymous} refuses MAIL until AUTH;</li>
 *   <li>{@code --certificate/--private-key} (PEM) offer STARTTLS; AUTH PLAIN and LOGIN need it;</li>
 *   <li>{@code --max-message-size} (octets, default 10 MiB).</li>
 * </ul>
 * <ul>
 *   <li>{@code -p/--pop3 ENDPOINT} (repeatable, default {@code tcp:8110} as Twisted's), {@code --no-pop3}: POP3
 *   reading the same Maildirs, users logging in as {@code user} (default domain) or {@code user@domain}, with
 *   STLS when there is a certificate.</li>
 *   <li>{@code --imap ENDPOINT} (repeatable, none by default): IMAP4rev1 over the same Maildirs as Maildir++
 *   folders, the same users, with STARTTLS when there is a certificate.</li>
 * </ul>
 * <ul>
 *   <li>{@code -R/--relay DIR}: mail for other domains is queued durably in DIR and relayed to each domain's mail
 *   exchange ({@code --nameserver}, {@code --mx-port}) or to {@code --smarthost}, retried on {@code --retry}'s
 *   schedule and bounced to the sender as an RFC 3464 report when given up; only clients that logged in or come
 *   from a {@code --relay-from} network (default loopback, as Twisted's) may relay; see {@link RelaySetup};</li>
 *   <li>{@code -b/--bounce-to-postmaster}: as Twisted's, mail for unknown users of the last domain goes to its
 *   postmaster instead of being refused.</li>
 * </ul>
 * <ul>
 *   <li>{@code -A/--aliases FILE} (repeatable): aliases(5) files for the last domain, as Twisted's (see
 *   {@link AliasDelivery}); an alias may forward to other domains when {@code --relay} is given.</li>
 * </ul>
 *
 * <p>Threading: as {@link ServiceMaker}.
 */
public final class MailPlugin implements ServiceMaker {

    private static final Logger log = new Logger("mail");
    private static final AuthOptions AUTH = new AuthOptions();

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public MailPlugin() {
    }

    @Override
    public String tapname() {
        return "mail";
    }

    @Override
    public String description() {
        return "An SMTP server delivering into Maildirs, and POP3 and IMAP servers reading them.";
    }

    @Override
    public Options options() {
        Options options = new Options("mail [options]")
                .description("Receives mail over ESMTP (STARTTLS, AUTH, PIPELINING, SIZE, 8BITMIME, SMTPUTF8, "
                        + "CHUNKING) and stores it durably in the Maildirs of virtual domains; serves them over POP3 (APOP, STLS, UIDL, TOP) and IMAP4rev1 (--imap).")
                .add(Option.repeatable("smtp").shortName('s').metavar("ENDPOINT")
                        .help("An endpoint to serve SMTP on; may be repeated (default tcp:8025)."))
                .add(Option.flag("no-smtp").help("Serve no SMTP."))
                .add(Option.repeatable("maildirdbmdomain").shortName('d').metavar("DOMAIN=PATH")
                        .help("A domain whose users' Maildirs are under PATH, with users and passwords in "
                                + "PATH/passwd (user:password lines); may be repeated."))
                .add(Option.flag("default").shortName('D')
                        .help("Make the last --maildirdbmdomain the default domain, taking mail for unknown domains."))
                .add(Option.repeatable("user").shortName('u').metavar("USER=PASS")
                        .help("Add a user to the default domain (else the first), or USER@DOMAIN=PASS to another; "
                                + "kept in memory; may be repeated."))
                .add(Option.value("hostname").shortName('H').metavar("NAME")
                        .help("The name the server greets with (default this machine's name)."))
                .add(Option.flag("esmtp").shortName('E')
                        .help("Use the SMTP extensions (always on; accepted as Twisted's option, needs --hostname)."))
                .add(Option.flag("disable-anonymous").help("Refuse mail from clients that have not logged in."))
                .add(Option.value("certificate").metavar("PEM")
                        .help("The server certificate (chain) for STARTTLS, with --private-key."))
                .add(Option.value("private-key").metavar("PEM").help("The private key for STARTTLS."))
                .add(Option.value("max-message-size").metavar("OCTETS")
                        .defaultValue(String.valueOf(SmtpServerFactory.DEFAULT_MAX_MESSAGE_SIZE))
                        .help("The largest message accepted, announced as SIZE (default 10485760)."))
                .add(Option.repeatable("pop3").shortName('p').metavar("ENDPOINT")
                        .help("An endpoint to serve POP3 on, reading the domains' Maildirs; may be repeated "
                                + "(default tcp:8110)."))
                .add(Option.flag("no-pop3").help("Serve no POP3."))
                .add(Option.repeatable("imap").metavar("ENDPOINT")
                        .help("An endpoint to serve IMAP4rev1 on, reading the domains' Maildirs (Maildir++ folders), "
                                + "with STARTTLS when there is a certificate; may be repeated (default none)."))
                .add(Option.repeatable("aliases").shortName('A').metavar("FILE")
                        .help("An aliases(5) file for the last --maildirdbmdomain: addresses, /files, |commands, "
                                + ":include: lists; may be repeated."))
                .add(Option.flag("bounce-to-postmaster").shortName('b')
                        .help("Send mail for unknown users of the last --maildirdbmdomain to its postmaster."));
        return AUTH.addTo(RelaySetup.addTo(options));
    }

    /**
     * Builds the SMTP services.
     *
     * @throws UsageError if an option is refused or malformed, or a domain directory cannot be read
     */
    @Override
    public Service makeService(ReactorCore reactor, ParsedOptions options) {
        if (!(reactor instanceof ReactorTime time) || !(reactor instanceof ReactorThreads threads)) {
            throw new UsageError("mail needs a reactor with timers and threads");
        }
        if (options.flag("esmtp") && options.string("hostname") == null) {
            throw new UsageError("--esmtp requires --hostname");
        }
        MaildirDomains domains = domains(threads, options);
        SmtpServerFactory factory = new SmtpServerFactory(time, hostName(options));
        try {
            factory.setMaxMessageSize(Long.parseLong(String.valueOf(options.string("max-message-size"))));
        } catch (IllegalArgumentException e) {
            throw new UsageError("--max-message-size: " + e.getMessage());
        }
        TlsOptions tlsOptions = tlsOptions(options);
        factory.setTlsOptions(tlsOptions);
        if (options.flag("default") && options.string("relay") != null) {
            throw new UsageError("--default and --relay cannot be used together: the default domain would take the "
                    + "mail meant for relaying");
        }
        RelaySetup.Relay relay = RelaySetup.make(reactor, options, domains, domains.domainNames(),
                factory.hostName());
        Map<String, List<AliasFile.Target>> aliases = aliases(options);
        String aliasDomain = domains.domainNames().get(domains.domainNames().size() - 1);
        configureAuth(factory, delivery -> aliases.isEmpty() ? delivery : new AliasDelivery(threads, delivery,
                relay == null ? domains : relay.delivery().authenticated(), aliasDomain, aliases),
                domains, relay, options);
        List<String> smtp = endpoints(options, "smtp", "tcp:8025");
        List<String> pop3 = endpoints(options, "pop3", "tcp:8110");
        List<String> imap = options.strings("imap");
        if (smtp.isEmpty() && pop3.isEmpty() && imap.isEmpty()) {
            throw new UsageError("You cannot disable all protocols");
        }
        MultiService service = new MultiService();
        if (relay != null) {
            service.addService(relay.service());
        }
        listen(reactor, service, "smtp", smtp, factory);
        if (!pop3.isEmpty()) {
            Pop3ServerFactory pop = new Pop3ServerFactory(time, new Portal(new MaildirRealm(domains), domains.checker()));
            pop.setTlsOptions(tlsOptions);
            listen(reactor, service, "pop3", pop3, pop);
        }
        if (!imap.isEmpty()) {
            ImapServerFactory imapFactory = new ImapServerFactory(time,
                    new Portal(new MaildirImapRealm(domains, time), domains.checker()));
            imapFactory.setTlsOptions(tlsOptions);
            listen(reactor, service, "imap", imap, imapFactory);
        }
        return service;
    }

    private static List<String> endpoints(ParsedOptions options, String protocol, String fallback) {
        List<String> endpoints = options.strings(protocol);
        if (options.flag("no-" + protocol)) {
            if (!endpoints.isEmpty()) {
                throw new UsageError("--no-" + protocol + " and --" + protocol + " cannot be used together");
            }
            return List.of();
        }
        return endpoints.isEmpty() ? List.of(fallback) : endpoints;
    }

    private static void listen(ReactorCore reactor, MultiService service, String protocol, List<String> endpoints,
            Factory factory) {
        for (String description : endpoints) {
            StreamServerEndpointService listening;
            try {
                listening = new StreamServerEndpointService(Endpoints.serverFromString(reactor, description), factory);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--" + protocol + " " + description + ": " + e.getMessage());
            }
            listening.setRaiseSynchronously(true);
            listening.whenListening().addCallback(port -> {
                log.info("{protocol} listening on {address}", "protocol", protocol, "address", describe(port.getHost()));
                return null;
            });
            service.addService(listening);
        }
    }

    private static String describe(Address address) {
        return switch (address) {
            case IPv4Address a -> a.host() + ":" + a.port();
            case IPv6Address a -> "[" + a.host() + "]:" + a.port();
            case UNIXAddress a -> a.display();
        };
    }

    private static MaildirDomains domains(ReactorThreads threads, ParsedOptions options) {
        MaildirDomains domains = new MaildirDomains(threads);
        List<String> given = options.strings("maildirdbmdomain");
        if (given.isEmpty()) {
            throw new UsageError("give at least one --maildirdbmdomain DOMAIN=PATH: mail needs somewhere to go");
        }
        String last = null;
        for (String pair : given) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new UsageError("--maildirdbmdomain " + pair + ": expected DOMAIN=PATH");
            }
            last = pair.substring(0, equals);
            try {
                domains.addDomain(last, Path.of(pair.substring(equals + 1)));
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageError("--maildirdbmdomain " + pair + ": " + e.getMessage());
            }
        }
        if (options.flag("default")) {
            domains.setDefaultDomain(String.valueOf(last));
        }
        if (options.flag("bounce-to-postmaster")) {
            domains.setCatchAll(String.valueOf(last), "postmaster");
        }
        String userDomain = options.flag("default") ? last : domains.domainNames().get(0);
        for (String user : options.strings("user")) {
            int equals = user.indexOf('=');
            if (equals <= 0) {
                throw new UsageError("--user " + user.replaceAll("=.*", "=...") + ": expected USER=PASS");
            }
            String name = user.substring(0, equals);
            int at = name.lastIndexOf('@');
            try {
                domains.addUser(at < 0 ? String.valueOf(userDomain) : name.substring(at + 1),
                        at < 0 ? name : name.substring(0, at), user.substring(equals + 1));
            } catch (IllegalArgumentException e) {
                throw new UsageError("--user " + name + ": " + e.getMessage());
            }
        }
        return domains;
    }

    private static String hostName(ParsedOptions options) {
        String given = options.string("hostname");
        if (given != null) {
            return given;
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (IOException e) {
            return "localhost";
        }
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

    private static Map<String, List<AliasFile.Target>> aliases(ParsedOptions options) {
        Map<String, List<AliasFile.Target>> aliases = new LinkedHashMap<>();
        for (String file : options.strings("aliases")) {
            try {
                AliasFile.load(Path.of(file)).forEach((name, targets) ->
                        aliases.computeIfAbsent(name, n -> new ArrayList<>()).addAll(targets));
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageError("--aliases " + file + ": " + e.getMessage());
            }
        }
        return aliases;
    }

    private static void configureAuth(SmtpServerFactory factory, UnaryOperator<MessageDelivery> withAliases,
            MaildirDomains domains, RelaySetup.@Nullable Relay relay, ParsedOptions options) {
        List<CredentialsChecker> checkers = new ArrayList<>(AUTH.checkers(options));
        checkers.add(domains.checker());
        boolean anonymous = !options.flag("disable-anonymous");
        if (anonymous) {
            checkers.add(new AllowAnonymousAccess());
        }
        Portal portal = new Portal((avatarId, mind, interfaces) -> {
            if (Portal.isAnonymous(avatarId) && !anonymous) {
                return Deferred.fail(new LoginDenied("anonymous mail is disabled"));
            }
            MessageDelivery delivery = relay == null ? domains
                    : Portal.isAnonymous(avatarId) ? relay.delivery() : relay.delivery().authenticated();
            return Deferred.succeed(new LoginResult(MessageDelivery.class, withAliases.apply(delivery),
                    LoginResult.NO_LOGOUT));
        }, checkers.toArray(CredentialsChecker[]::new));
        factory.setPortal(portal);
    }
}
