package org.twisted4j.conch.scripts;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.UsageError;
import org.twisted4j.conch.keys.BadKeyException;
import org.twisted4j.conch.keys.EncryptedKeyException;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;

/**
 * {@code ckeygen}, Twisted's key tool: makes keys, shows their fingerprints and public halves, and changes their
 * passphrases, with files that OpenSSH's {@code ssh-keygen} reads and writes.
 *
 * <pre>
 * ckeygen -t ed25519 -f id_ed25519 -C alice@example --no-passphrase
 * ckeygen -l -f id_ed25519.pub -o md5-hex
 * ckeygen -y -f id_ed25519
 * ckeygen -p -f id_ed25519 -N newsecret
 * </pre>
 *
 * <p>Without {@code -N} or {@code --no-passphrase}, a passphrase is asked for at the terminal (twice when making
 * a key); without a terminal that is an error. An existing file is never overwritten.
 *
 * <h2>Threading</h2>
 * Runs on the calling thread.
 */
public final class CKeygen {
    static final int EX_OK = 0;
    static final int EX_FAILED = 1;
    static final int EX_USAGE = 2;

    private static final Options SPEC = new Options("ckeygen [options]")
            .description("Makes SSH keys and shows or changes them (Twisted's ckeygen).")
            .add(Option.choice("type", "ed25519", "ecdsa", "rsa").shortName('t')
                    .help("make a key of this type"))
            .add(Option.integer("bits").shortName('b')
                    .help("the key's size: RSA 1024 to 16384 (default 3072), ECDSA 256, 384 or 521 (default 256)"))
            .add(Option.value("filename").shortName('f').help("the key file (default ~/.ssh/id_TYPE)"))
            .add(Option.value("comment").shortName('C').help("the key's comment (default user@host)"))
            .add(Option.value("newpass").shortName('N').help("the new passphrase"))
            .add(Option.value("pass").shortName('P').help("the present passphrase"))
            .add(Option.choice("format", "sha256-base64", "md5-hex").shortName('o').defaultValue("sha256-base64")
                    .help("the fingerprint's format"))
            .add(Option.choice("private-key-subtype", "PEM", "v1").defaultValue("v1")
                    .help("write the private key as OpenSSL's PEM or OpenSSH's v1 format"))
            .add(Option.flag("fingerprint").shortName('l').help("show the key file's fingerprint"))
            .add(Option.flag("changepass").shortName('p').help("change the private key's passphrase"))
            .add(Option.flag("quiet").shortName('q').help("say nothing but what was asked for"))
            .add(Option.flag("no-passphrase").help("make the key without a passphrase"))
            .add(Option.flag("showpub").shortName('y').help("print the private key's public half"));

    private final ParsedOptions options;
    private final PrintStream out;
    private final @Nullable Console console;

    private CKeygen(ParsedOptions options, PrintStream out, @Nullable Console console) {
        this.options = options;
        this.out = out;
        this.console = console;
    }

    /**
     * Runs the tool and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err, System.console()));
    }

    /**
     * Runs the tool.
     *
     * @param args the command line
     * @param out where results go
     * @param err where errors go
     * @param console asked for passphrases, or null when there is no terminal
     * @return the exit status: 0, 1 when it failed, 2 for a bad command line
     */
    public static int run(List<String> args, PrintStream out, PrintStream err, @Nullable Console console) {
        ParsedOptions options;
        try {
            options = SPEC.parse(args);
        } catch (UsageError e) {
            err.println("ckeygen: " + e.getMessage());
            err.println(SPEC.help("ckeygen"));
            return EX_USAGE;
        }
        if (options.helpRequested()) {
            out.println(SPEC.help("ckeygen"));
            return EX_OK;
        }
        try {
            return new CKeygen(options, out, console).dispatch(err);
        } catch (EncryptedKeyException e) {
            err.println("ckeygen: the key is protected by a passphrase: give it with -P");
            return EX_FAILED;
        } catch (BadKeyException | IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("ckeygen: " + e.getMessage());
            return EX_FAILED;
        }
    }

    private int dispatch(PrintStream err) throws IOException, BadKeyException {
        if (options.isGiven("type")) {
            generate();
        } else if (options.flag("fingerprint")) {
            fingerprint();
        } else if (options.flag("changepass")) {
            changePassphrase();
        } else if (options.flag("showpub")) {
            Key key = Key.fromFile(keyFile(), options.isGiven("pass") ? options.string("pass") : null);
            out.println(key.publicLine(key.comment()));
        } else {
            err.println(SPEC.help("ckeygen"));
            return EX_USAGE;
        }
        return EX_OK;
    }

    private Path keyFile() {
        if (!options.isGiven("filename")) {
            throw new IllegalArgumentException("give the key file with -f");
        }
        return Path.of(options.string("filename"));
    }

    private void generate() throws IOException {
        String typeName = options.string("type");
        Key key = switch (typeName) {
            case "ed25519" -> Key.generate(KeyType.ED25519);
            case "ecdsa" -> Key.generate(switch (options.isGiven("bits") ? options.integer("bits") : 256) {
                case 256 -> KeyType.ECDSA_P256;
                case 384 -> KeyType.ECDSA_P384;
                case 521 -> KeyType.ECDSA_P521;
                default -> throw new IllegalArgumentException("ECDSA keys are 256, 384 or 521 bits");
            });
            default -> {
                int bits = options.isGiven("bits") ? options.integer("bits") : Key.DEFAULT_RSA_BITS;
                if (bits < Key.MIN_RSA_BITS || bits > Key.MAX_RSA_BITS) {
                    throw new IllegalArgumentException("RSA keys are " + Key.MIN_RSA_BITS + " to " + Key.MAX_RSA_BITS
                            + " bits");
                }
                yield Key.generate(KeyType.RSA, bits);
            }
        };
        Path file = options.isGiven("filename") ? Path.of(options.string("filename"))
                : Path.of(System.getProperty("user.home"), ".ssh", "id_" + typeName);
        String comment = options.isGiven("comment") ? options.string("comment") : defaultComment();
        String passphrase = newPassphrase();
        writePrivate(file, key, comment, passphrase, false);
        Path publicFile = Path.of(file + ".pub");
        Files.writeString(publicFile, key.publicLine(comment) + "\n", UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        if (!options.flag("quiet")) {
            out.println("Your identification has been saved in " + file);
            out.println("Your public key has been saved in " + publicFile);
            out.println("The key fingerprint in " + options.string("format") + " is:");
            out.println(fingerprintOf(key));
        }
    }

    private void fingerprint() throws IOException, BadKeyException {
        Path file = keyFile();
        Key key = Key.fromFile(file, options.isGiven("pass") ? options.string("pass") : null);
        out.println(bits(key) + " " + fingerprintOf(key) + " " + file.getFileName());
    }

    private void changePassphrase() throws IOException, BadKeyException {
        Path file = keyFile();
        String old = options.isGiven("pass") ? options.string("pass") : null;
        Key key;
        try {
            key = Key.fromFile(file, old);
        } catch (EncryptedKeyException e) {
            key = Key.fromFile(file, ask("Enter old passphrase: "));
        }
        if (key.isPublic()) {
            throw new IllegalArgumentException(file + " holds no private key");
        }
        writePrivate(file, key, key.comment(), newPassphrase(), true);
        if (!options.flag("quiet")) {
            out.println("Your identification has been saved with the new passphrase.");
        }
    }

    private String fingerprintOf(Key key) {
        return options.string("format").equals("md5-hex") ? key.fingerprintMd5().substring(4)
                : key.fingerprintSha256();
    }

    private static int bits(Key key) {
        return switch (key.type()) {
            case ED25519, ECDSA_P256 -> 256;
            case ECDSA_P384 -> 384;
            case ECDSA_P521 -> 521;
            case RSA -> ((RSAPublicKey) key.publicKey()).getModulus().bitLength();
        };
    }

    private static String defaultComment() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return System.getProperty("user.name") + "@" + host;
    }

    private @Nullable String newPassphrase() {
        if (options.isGiven("newpass")) {
            return options.string("newpass");
        }
        if (options.flag("no-passphrase")) {
            return null;
        }
        String first = ask("Enter passphrase (empty for no passphrase): ");
        String again = ask("Enter same passphrase again: ");
        if (!first.equals(again)) {
            throw new IllegalArgumentException("passphrases do not match");
        }
        return first.isEmpty() ? null : first;
    }

    private String ask(String prompt) {
        Console terminal = console;
        if (terminal == null) {
            throw new IllegalArgumentException("no terminal to ask for a passphrase: give -N, -P or --no-passphrase");
        }
        char[] typed = terminal.readPassword("%s", prompt);
        if (typed == null) {
            throw new IllegalArgumentException("no passphrase given");
        }
        String text = new String(typed);
        Arrays.fill(typed, '\0');
        return text;
    }

    private void writePrivate(Path file, Key key, String comment, @Nullable String passphrase, boolean replace)
            throws IOException {
        String text;
        if (options.string("private-key-subtype").equals("PEM")) {
            if (passphrase != null) {
                throw new IllegalArgumentException("PEM keys are written without a passphrase here; use v1");
            }
            text = key.type() == KeyType.ED25519 ? key.toPkcs8Pem() : key.toTraditionalPem();
        } else {
            text = key.toOpenSshPrivate(comment, passphrase);
        }
        if (!replace && Files.exists(file)) {
            throw new FileAlreadyExistsException(file + " already exists");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temporary = Files.createTempFile(parent, ".ckeygen", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, text, UTF_8);
        if (replace) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.move(temporary, file);
        }
    }
}
