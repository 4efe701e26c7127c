package org.twisted4j.conch.tap;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.ServiceMaker;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.application.UsageError;
import org.twisted4j.conch.ConchUser;
import org.twisted4j.conch.ProcessUser;
import org.twisted4j.conch.PtyRequest;
import org.twisted4j.conch.Session;
import org.twisted4j.conch.SessionIO;
import org.twisted4j.conch.SftpSubsystem;
import org.twisted4j.conch.SshServerFactory;
import org.twisted4j.conch.SubsystemRegistry;
import org.twisted4j.conch.UnixAccount;
import org.twisted4j.conch.keys.BadKeyException;
import org.twisted4j.conch.keys.Certificate;
import org.twisted4j.conch.keys.HostKeys;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.transport.HostKey;
import org.twisted4j.conch.transport.Moduli;
import org.twisted4j.conch.userauth.UserCertificateChecker;
import org.twisted4j.cred.AuthOptions;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.CredentialsChecker;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.SSHPrivateKey;
import org.twisted4j.cred.UnauthorizedLogin;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.logger.Logger;

/**
 * The {@code conch} plugin, as Twisted's {@code twist conch}: an SSH server with exec, shells and the {@code sftp}
 * subsystem.
 *
 * <pre>
 * twist conch --port tcp:2222 --data ./keys --auth memory:alice:secret --root /srv/sftp
 * </pre>
 *
 * <ul>
 *   <li>{@code -p/--port ENDPOINT} (default {@code tcp:22}) and {@code -i/--interface ADDRESS} (added to the
 *   endpoint as {@code :interface=}, as Twisted does).</li>
 *   <li>{@code -d/--data DIR} (default {@code /etc/ssh}): the host keys {@code ssh_host_ed25519_key},
 *   {@code ssh_host_ecdsa_key} and {@code ssh_host_rsa_key}, each generated there when missing
 *   ({@link HostKeys}).</li>
 *   <li>{@code --moduli FILE}: moduli(5) groups for {@code diffie-hellman-group-exchange-sha256} (default the
 *   RFC 3526 groups built in).</li>
 *   <li>{@code --auth} (core's {@link AuthOptions}; default {@code unix} and {@code sshkey}).</li>
 *   <li>{@code --root DIR}: the SFTP root and the directory commands run in of users that are not operating
 *   system accounts ({@code memory}, {@code file}); their commands run as the server's own operating system
 *   user, so without {@code --root} only that same user name may log in, with its home directory as root.</li>
 *   <li>{@code --no-shell}: refuse {@code exec} and {@code shell}, serve SFTP only.</li>
 *   <li>{@code --allow-forwarding}: allow {@code ssh -L} and {@code ssh -R}.</li>
 *   <li>{@code --trusted-user-ca-keys FILE}: OpenSSH user certificates signed by one of these CAs (sshd's
 *   {@code TrustedUserCAKeys} format: a public key line per CA) log in system accounts, as in sshd: a principal of
 *   the certificate must be the user name ({@link UserCertificateChecker}); each login is restricted as its
 *   certificate says ({@code permit-pty}, {@code permit-port-forwarding}, {@code force-command}...). Plain keys
 *   still go to the {@code --auth} checker of SSH keys, if any.</li>
 *   <li>{@code --host-certificate FILE} (repeatable): an OpenSSH host certificate ({@code ssh-keygen -s -h}),
 *   presented with the host key of {@code --data} it certifies, as sshd's {@code HostCertificate}; a file that is
 *   not a host certificate, or certifies none of the host keys, is a usage error.</li>
 * </ul>
 *
 * <h2>Operating system accounts</h2>
 * A user logged in through the {@code unix} or {@code sshkey} checker is the system account of that name
 * ({@link UnixAccount}): its {@code exec}, {@code shell} and terminal sessions run as that account, in its home
 * directory ({@link ProcessUser#forAccount}), which needs the server to run as root unless the account is the
 * server's own. Their {@code sftp} subsystem runs as OpenSSH's does: in a child process with the account's rights
 * ({@link org.twisted4j.conch.sftp.SftpStdio} in a new JVM, the same {@code java}, started as the
 * account's commands are, through {@link ProcessUser#subsystemProcess}), in its home directory, not confined to it
 * (no chroot, as {@code sshd} without {@code ChrootDirectory}): the kernel checks every file access against the
 * account. The jars or directories of this module's and core's classes must be readable by the accounts
 * ({@link org.twisted4j.conch.SftpSubsystem#stdioCommand}), and each SFTP session pays a JVM's start. The
 * account the server runs as gets SFTP inside the server's process, rooted at {@code --root} or its home.
 *
 * <p>Threading: as {@link ServiceMaker}; {@link #makeService} reads and may generate the host keys (RSA 3072 takes
 * about a second), before the reactor runs.
 */
public final class ConchPlugin implements ServiceMaker {

    /** The default data directory, where OpenSSH keeps its host keys. */
    public static final String DEFAULT_DATA = "/etc/ssh";

    private static final Logger log = new Logger("conch");
    private static final AuthOptions AUTH = new AuthOptions(Set.of(UsernamePassword.class, SSHPrivateKey.class));
    private static final List<String> DEFAULT_AUTH = List.of("unix", "sshkey");
    /** The {@code --auth} types whose users are the system's accounts. */
    private static final Set<String> SYSTEM_ACCOUNT_TYPES = Set.of("unix", "sshkey");

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public ConchPlugin() {
    }

    @Override
    public String tapname() {
        return "conch";
    }

    @Override
    public String description() {
        return "An SSH server: exec, shells and SFTP.";
    }

    @Override
    public Options options() {
        Options options = new Options("conch [options]")
                .description("Serves SSH (OpenSSH's algorithms, publickey, password and keyboard-interactive "
                        + "through --auth) with exec, shells on a terminal and the sftp subsystem. Sessions of system "
                        + "accounts (--auth unix, sshkey) run as that account in its home directory, which needs "
                        + "the server to run as root; their SFTP runs as the account in a new JVM (the server's java; "
                        + "a few tenths of a second to start), from the home directory and not confined to it, as "
                        + "OpenSSH's sftp-server. Other users "
                        + "run commands as the server's own operating system user, under --root.")
                .add(Option.value("port").shortName('p').defaultValue("tcp:22").metavar("ENDPOINT")
                        .help("strports description of the port to listen on (default tcp:22)."))
                .add(Option.value("interface").shortName('i').metavar("ADDRESS")
                        .help("Local interface to listen on; added to --port as :interface=ADDRESS."))
                .add(Option.value("data").shortName('d').defaultValue(DEFAULT_DATA).metavar("DIR")
                        .help("Directory of the host keys ssh_host_{ed25519,ecdsa,rsa}_key; missing ones are "
                                + "generated there (default /etc/ssh)."))
                .add(Option.value("moduli").metavar("FILE")
                        .help("moduli(5) file of groups for diffie-hellman-group-exchange-sha256 (default the "
                                + "RFC 3526 groups built in)."))
                .add(Option.value("root").metavar("DIR")
                        .help("SFTP root and starting directory of users that are not system accounts (memory, "
                                + "file): they run commands as the server's own operating system user, inside DIR "
                                + "but not confined to it (only SFTP is). Without it only the server's own user "
                                + "name may log in that way, with its home directory as root. Also the SFTP root "
                                + "of the server's own system account."))
                .add(Option.flag("no-shell").help("Refuse exec and shell requests: SFTP only."))
                .add(Option.flag("allow-forwarding")
                        .help("Allow TCP forwarding (ssh -L and -R); refused by default."))
                .add(Option.value("trusted-user-ca-keys").metavar("FILE")
                        .help("Public keys of certificate authorities, one line each (sshd's TrustedUserCAKeys): "
                                + "OpenSSH user certificates they sign log in the system account named by the user "
                                + "name, which must be one of the certificate's principals, restricted as the "
                                + "certificate says (no-pty, no-port-forwarding, force-command...); default none."))
                .add(Option.repeatable("host-certificate").metavar("FILE")
                        .help("OpenSSH host certificate (ssh-keygen -s -h) of one of the host keys in --data, "
                                + "presented with that key (sshd's HostCertificate); may be repeated; default "
                                + "none."));
        return AUTH.addTo(options);
    }

    @Override
    public Optional<String> requestedHelp(ParsedOptions options) {
        return AUTH.help(options);
    }

    /**
     * Builds the service.
     *
     * @throws UsageError if an option is refused or malformed, or a host key cannot be read or written
     */
    @Override
    public Service makeService(ReactorCore reactor, ParsedOptions options) {
        if (!(reactor instanceof ReactorTCP tcp) || !(reactor instanceof ReactorTime time)
                || !(reactor instanceof ReactorProcess processes) || !(reactor instanceof ReactorThreads threads)) {
            throw new UsageError("conch needs a reactor with TCP, timers, processes and threads");
        }
        List<HostKey> hostKeys = hostKeys(Path.of(String.valueOf(options.string("data"))),
                options.strings("host-certificate"));
        @Nullable List<Key> authorities = authorities(options.string("trusted-user-ca-keys"));
        Moduli moduli = moduli(options.string("moduli"));
        String rootText = options.string("root");
        @Nullable Path root = null;
        if (rootText != null) {
            root = Path.of(rootText).toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                throw new UsageError("--root " + rootText + ": not a directory");
            }
        }
        boolean shell = !options.flag("no-shell");
        boolean forwarding = options.flag("allow-forwarding");
        List<String> descriptions = options.strings("auth").isEmpty() ? DEFAULT_AUTH : options.strings("auth");
        List<CredentialsChecker> checkers = new ArrayList<>();
        Set<String> accountLogins = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean certificates = false;
        for (String description : descriptions) {
            CredentialsChecker checker = AUTH.checker(description);
            String type = description.split(":", 2)[0];
            if (authorities != null && checker.credentialInterfaces().contains(SSHPrivateKey.class)) {
                // Only system accounts' checkers take SSH keys, so certificates log in system accounts too.
                checker = new UserCertificateChecker(authorities, time, checker);
                certificates = true;
            }
            checkers.add(SYSTEM_ACCOUNT_TYPES.contains(type) ? new AccountChecker(checker, accountLogins) : checker);
        }
        if (authorities != null && !certificates) {
            checkers.add(new AccountChecker(new UserCertificateChecker(authorities, time, null), accountLogins));
        }
        Path fixedRoot = root;
        String self = System.getProperty("user.name");
        Path selfHome = Path.of(System.getProperty("user.home"));
        Portal portal = new Portal((id, mind, interfaces) -> {
            if (accountLogins.remove(id)) {
                return accountAvatar(id, processes, fixedRoot, shell, forwarding);
            }
            Path home = fixedRoot != null ? fixedRoot : id.equals(self) ? selfHome : null;
            if (home == null) {
                log.info("conch: {user} refused: without --root only {self} may log in", "user", id, "self", self);
                return Deferred.fail(new UnauthorizedLogin("no root for " + id));
            }
            return Deferred.succeed(new LoginResult(ConchUser.class,
                    new PluginUser(new ProcessUser(id, processes, home, forwarding), shell, home),
                    LoginResult.NO_LOGOUT));
        }, checkers.toArray(CredentialsChecker[]::new));
        SshServerFactory factory = new SshServerFactory(time, forwarding ? tcp : null, hostKeys, portal)
                .setModuli(moduli);
        SubsystemRegistry.Factory inProcess = SftpSubsystem.factory(threads, user -> ((PluginUser) user).sftpRoot());
        factory.subsystems().register(SftpSubsystem.NAME, user -> {
            PluginUser avatar = (PluginUser) user;
            return avatar.sftpRoot() != null ? inProcess.create(user) : avatar.process().subsystemProcess(
                    SftpSubsystem.stdioCommand(threads, Path.of("/"), avatar.process().home().toString()));
        });
        String port = String.valueOf(options.string("port"));
        String address = options.string("interface");
        if (address != null && !address.isEmpty()) {
            port = port + ":interface=" + address;
        }
        StreamServerEndpointService listening;
        try {
            listening = new StreamServerEndpointService(Endpoints.serverFromString(reactor, port), factory);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--port " + port + ": " + e.getMessage());
        }
        listening.setRaiseSynchronously(true);
        listening.whenListening().addCallback(p -> {
            log.info("conch listening on {address}", "address", describe(p.getHost()));
            return null;
        });
        return listening;
    }

    /** The avatar of a system account the {@code unix} or {@code sshkey} checker let in. */
    private static Deferred<LoginResult> accountAvatar(String id, ReactorProcess processes, @Nullable Path root,
            boolean shell, boolean forwarding) {
        Optional<UnixAccount> account;
        try {
            account = UnixAccount.lookup(id);
        } catch (IOException e) {
            log.error("conch: {user} refused: unable to read the account database: {error}", "user", id,
                    "error", e.toString());
            return Deferred.fail(new UnauthorizedLogin("no account for " + id));
        }
        if (account.isEmpty()) {
            log.info("conch: {user} refused: no such entry in /etc/passwd", "user", id);
            return Deferred.fail(new UnauthorizedLogin("no account for " + id));
        }
        ProcessUser user = ProcessUser.forAccount(account.get(), processes, forwarding);
        Path sftpRoot = user.switchesUser() ? null : root != null ? root : account.get().home();
        return Deferred.succeed(new LoginResult(ConchUser.class, new PluginUser(user, shell, sftpRoot),
                LoginResult.NO_LOGOUT));
    }

    /** The host keys of the data directory, those certified first, each presented with its certificate. */
    private static List<HostKey> hostKeys(Path data, List<String> certificateFiles) {
        List<Key> keys;
        try {
            keys = HostKeys.loadOrGenerate(data, HostKeys.DEFAULT_TYPES);
        } catch (IOException | BadKeyException e) {
            throw new UsageError("--data " + data + ": " + e.getMessage());
        }
        List<HostKey> plain = new ArrayList<>();
        for (Key key : keys) {
            plain.add(HostKey.of(new KeyPair(key.publicKey(), key.privateKey().orElseThrow())));
            log.info("conch host key {fingerprint} ({type})", "fingerprint", key.fingerprintSha256(),
                    "type", key.type().sshName());
        }
        List<HostKey> all = new ArrayList<>();
        for (String file : certificateFiles) {
            Certificate cert = hostCertificate(file);
            int match = -1;
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).toPublic().equals(cert.key().toPublic())) {
                    match = i;
                }
            }
            if (match < 0) {
                throw new UsageError("--host-certificate " + file + ": it certifies the " + cert.key().type().sshName()
                        + " key " + cert.key().fingerprintSha256() + ", which is none of the host keys in --data "
                        + data);
            }
            all.add(plain.get(match).withCertificate(cert.blob()));
            log.info("conch host certificate {file} for {fingerprint}, signed by {ca}", "file", file,
                    "fingerprint", cert.key().fingerprintSha256(), "ca", cert.signatureKey().fingerprintSha256());
        }
        all.addAll(plain);
        return all;
    }

    /** Reads a host certificate file: one certificate line, a host certificate whose CA signature verifies. */
    private static Certificate hostCertificate(String file) {
        Certificate cert;
        try {
            String text = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            if (text.indexOf('\n') >= 0) {
                throw new UsageError("--host-certificate " + file + ": one certificate line expected");
            }
            cert = Certificate.fromPublicLine(text);
        } catch (IOException | BadKeyException e) {
            throw new UsageError("--host-certificate " + file + ": not an OpenSSH certificate: " + e.getMessage());
        }
        if (cert.type() != Certificate.Type.HOST) {
            throw new UsageError("--host-certificate " + file + ": a user certificate, not a host certificate "
                    + "(made without ssh-keygen -h)");
        }
        if (!cert.signatureValid()) {
            throw new UsageError("--host-certificate " + file + ": its CA's signature does not verify");
        }
        if (!cert.validAt(java.time.Instant.now().getEpochSecond())) {
            log.warn("conch host certificate {file} is not valid now: clients will refuse it", "file", file);
        }
        return cert;
    }

    /** The CA keys of {@code --trusted-user-ca-keys}, or null when not given. */
    private static @Nullable List<Key> authorities(@Nullable String file) {
        if (file == null) {
            return null;
        }
        try {
            List<Key> keys = UserCertificateChecker.readAuthorities(Files.readString(Path.of(file),
                    StandardCharsets.UTF_8));
            if (keys.isEmpty()) {
                throw new UsageError("--trusted-user-ca-keys " + file + ": no key in it");
            }
            return keys;
        } catch (IOException | BadKeyException e) {
            throw new UsageError("--trusted-user-ca-keys " + file + ": " + e.getMessage());
        }
    }

    private static Moduli moduli(@Nullable String file) {
        if (file == null) {
            return Moduli.defaults();
        }
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.US_ASCII)) {
            return Moduli.parse(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageError("--moduli " + file + ": " + e.getMessage());
        }
    }

    private static String describe(Address address) {
        return switch (address) {
            case IPv4Address a -> a.host() + ":" + a.port();
            case IPv6Address a -> "[" + a.host() + "]:" + a.port();
            case UNIXAddress a -> a.display();
        };
    }

    /**
     * A user of {@code twist conch}: a {@link ProcessUser}, with exec and shell refused under --no-shell, and its
     * SFTP root when SFTP runs inside the server (null: SFTP runs in a child process as the account).
     */
    private record PluginUser(ProcessUser process, boolean shell, @Nullable Path sftpRoot) implements ConchUser {

        @Override
        public String username() {
            return process.username();
        }

        @Override
        public @Nullable Session openSession() {
            Session session = process.openSession();
            return shell || session == null ? session : new SftpOnly(session);
        }

        @Override
        public boolean allowsDirectTcpip(String host, int port) {
            return process.allowsDirectTcpip(host, port);
        }

        @Override
        public boolean allowsTcpipForward(String address, int port) {
            return process.allowsTcpipForward(address, port);
        }

        @Override
        public @Nullable UnixAccount sessionAccount() {
            return process.sessionAccount();
        }
    }

    /**
     * A checker of system accounts: the avatar ids it lets in are marked (a distinct string instance, kept in an
     * identity set until the realm takes it), so the realm knows the login was a system account's and not a
     * {@code memory} or {@code file} user's of the same name.
     */
    private record AccountChecker(CredentialsChecker inner, Set<String> marked) implements CredentialsChecker {
        @Override
        public Set<Class<? extends Credentials>> credentialInterfaces() {
            return inner.credentialInterfaces();
        }

        @Override
        public Deferred<String> requestAvatarId(Credentials credentials) {
            return inner.requestAvatarId(credentials).addCallback(id -> {
                String mark = new String(id);
                marked.add(mark);
                return mark;
            });
        }
    }

    /** A session that starts no command: subsystems only. */
    private record SftpOnly(Session inner) implements Session {
        @Override
        public boolean requestPty(PtyRequest request) {
            return false;
        }

        @Override
        public boolean execCommand(SessionIO io, String command) {
            return false;
        }

        @Override
        public boolean openShell(SessionIO io) {
            return false;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
        }

        @Override
        public void closed() {
            inner.closed();
        }
    }
}
