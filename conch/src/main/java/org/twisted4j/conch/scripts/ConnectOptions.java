package org.twisted4j.conch.scripts;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.UsageError;
import org.twisted4j.conch.client.ConsoleUI;
import org.twisted4j.conch.client.KnownHostsFile;
import org.twisted4j.conch.client.SshClient;
import org.twisted4j.conch.keys.BadKeyException;
import org.twisted4j.conch.keys.EncryptedKeyException;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.transport.CipherAlgorithm;
import org.twisted4j.conch.transport.MacAlgorithm;
import org.twisted4j.conch.transport.TransportConfig;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.UNIXClientEndpoint;

/**
 * The options {@code conch} and {@code cftp} share (Twisted's {@code ConchOptions}): who to log in as, where, with
 * which keys and algorithms, and the {@link SshClient} made from them.
 *
 * <h2>Threading</h2>
 * {@link #client} on the reactor thread; the rest on any one thread.
 */
final class ConnectOptions {
    /** The key files tried when no {@code -i} is given, in OpenSSH's order, under {@code ~/.ssh}. */
    static final List<String> DEFAULT_IDENTITIES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private ConnectOptions() {
    }

    /** Adds the shared options to a command's options. */
    static Options addTo(Options spec) {
        return spec
                .add(Option.value("user").shortName('l').help("log in as this user (default: the local user)"))
                .add(Option.integer("port").shortName('p').defaultValue("22").help("the server's port"))
                .add(Option.repeatable("identity").shortName('i')
                        .help("a private key file to log in with (default: ~/.ssh/id_ed25519, "
                                + "id_ecdsa and id_rsa, those that exist)"))
                .add(Option.repeatable("ciphers").shortName('c')
                        .help("a cipher to offer, such as aes128-gcm@openssh.com (default: all)"))
                .add(Option.repeatable("macs").shortName('m')
                        .help("a MAC to offer, such as hmac-sha2-256-etm@openssh.com (default: "
                                + "all)"))
                .add(Option.value("known-hosts").metavar("FILE")
                        .help("the known hosts file (default: ~/.ssh/known_hosts)"))
                .add(Option.flag("noagent").shortName('a')
                        .help("do not log in with the keys of the agent at SSH_AUTH_SOCK"))
                .add(Option.flag("log").shortName('v').help("say on standard error what is being done"));
    }

    /**
     * Splits {@code [user@]host} and applies {@code -l}.
     *
     * @return the user and the host
     */
    static String[] userAndHost(ParsedOptions options, String target) {
        String user = options.string("user");
        String host = target;
        int at = target.lastIndexOf('@');
        if (at >= 0) {
            if (user == null) {
                user = target.substring(0, at);
            }
            host = target.substring(at + 1);
        }
        if (user == null) {
            user = System.getProperty("user.name");
        }
        return new String[] {user, host};
    }

    /**
     * Makes the client for {@code target} from the options.
     *
     * @param reactor the reactor that will run it
     * @param target {@code [user@]host}
     * @param err where warnings go
     * @throws UsageError for an unknown cipher or MAC
     * @throws IOException if a key file named by {@code -i} or the known hosts file cannot be read
     * @throws BadKeyException if a key file named by {@code -i} is not a key
     */
    static SshClient client(NioReactor reactor, ParsedOptions options, String target, PrintStream err)
            throws UsageError, IOException, BadKeyException {
        String[] userHost = userAndHost(options, target);
        SshClient client = SshClient.to(reactor, userHost[0], userHost[1], options.integer("port"))
                .keys(keys(options, err)).config(config(options)).ui(new ConsoleUI(reactor));
        String known = options.string("known-hosts");
        if (known != null) {
            client.knownHosts(KnownHostsFile.fromPath(Path.of(known)));
        }
        String agent = System.getenv("SSH_AUTH_SOCK");
        if (agent != null && !agent.isEmpty() && !options.flag("noagent")) {
            client.agent(new UNIXClientEndpoint(reactor, Path.of(agent)));
        }
        return client;
    }

    static TransportConfig config(ParsedOptions options) throws UsageError {
        TransportConfig config = new TransportConfig();
        List<String> cipherNames = split(options.strings("ciphers"));
        if (!cipherNames.isEmpty()) {
            List<CipherAlgorithm> ciphers = new ArrayList<>();
            for (String name : cipherNames) {
                CipherAlgorithm cipher = CipherAlgorithm.forName(name);
                if (cipher == null || cipher == CipherAlgorithm.NONE) {
                    throw new UsageError("unknown cipher: " + name);
                }
                ciphers.add(cipher);
            }
            config.ciphers(ciphers.toArray(CipherAlgorithm[]::new));
        }
        List<String> macNames = split(options.strings("macs"));
        if (!macNames.isEmpty()) {
            List<MacAlgorithm> macs = new ArrayList<>();
            for (String name : macNames) {
                MacAlgorithm mac = MacAlgorithm.forName(name);
                if (mac == null) {
                    throw new UsageError("unknown MAC: " + name);
                }
                macs.add(mac);
            }
            config.macs(macs.toArray(MacAlgorithm[]::new));
        }
        return config;
    }

    /** Each value, split at commas, as OpenSSH's {@code -c a,b} and Twisted's repeated {@code -c}. */
    private static List<String> split(List<String> values) {
        List<String> names = new ArrayList<>();
        for (String value : values) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }

    /**
     * The keys named by {@code -i}, or the default ones that exist. A key protected by a passphrase is asked for
     * at the terminal; without one, a default key is passed over with a warning.
     */
    static List<Key> keys(ParsedOptions options, PrintStream err) throws IOException, BadKeyException {
        List<Key> keys = new ArrayList<>();
        List<String> named = options.strings("identity");
        if (!named.isEmpty()) {
            for (String file : named) {
                Key key = load(Path.of(file), err);
                if (key != null) {
                    keys.add(key);
                }
            }
            return keys;
        }
        Path dir = Path.of(System.getProperty("user.home"), ".ssh");
        for (String name : DEFAULT_IDENTITIES) {
            Path file = dir.resolve(name);
            if (Files.isReadable(file)) {
                try {
                    Key key = load(file, err);
                    if (key != null) {
                        keys.add(key);
                    }
                } catch (BadKeyException | IOException e) {
                    err.println("conch: passing over " + file + ": " + e.getMessage());
                }
            }
        }
        return keys;
    }

    private static @Nullable Key load(Path file, PrintStream err) throws IOException, BadKeyException {
        try {
            return Key.fromFile(file, null);
        } catch (EncryptedKeyException e) {
            Console console = System.console();
            if (console == null) {
                err.println("conch: " + file + " needs a passphrase and there is no terminal to ask it at");
                return null;
            }
            char[] passphrase = console.readPassword("Enter passphrase for %s: ", file);
            return passphrase == null ? null : Key.fromFile(file, new String(passphrase));
        }
    }
}
