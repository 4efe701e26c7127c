package org.twisted4j.conch.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.keys.BadKeyException;
import org.twisted4j.conch.keys.Certificate;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.transport.HostKeyVerifier;
import org.twisted4j.cred.SshWire;
import org.twisted4j.defer.Deferred;

/**
 * OpenSSH's {@code known_hosts} file (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"; Twisted's {@code KnownHostsFile}):
 * which key each server is known by. It reads plain entries (comma-separated host patterns with {@code *},
 * {@code ?} and {@code !} negation, {@code [host]:port} for other ports than 22) and hashed ones
 * ({@code |1|salt|hash}, HMAC-SHA1 of the host name), recognises {@code @cert-authority} lines (a host
 * certificate signed by such a CA for a matching host is trusted, see {@link #trustsCertificate}) and
 * {@code @revoked} lines (such a key is always refused), and passes over lines it cannot read, as OpenSSH does.
 *
 * <h2>Checking a server</h2>
 * {@link #verify} (and the {@link HostKeyVerifier} of {@link #verifier}) trusts a key the file holds for the host;
 * refuses loudly, with {@link HostKeyChanged} and OpenSSH's warning through the UI, a key of the same type other
 * than the one held; and asks the {@link KnownHostsUI} about a host it does not know, adding a hashed line for
 * it on yes (and saying so through the UI) and failing with {@link UserRejectedKey} on no.
 *
 * <pre>{@code
 * KnownHostsFile known = KnownHostsFile.fromPath(Path.of(System.getProperty("user.home"), ".ssh/known_hosts"));
 * HostKeyVerifier verifier = known.verifier("example.com", 22, new ConsoleUI(reactor));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only (the file is read when made and appended to when a key is accepted).
 */
public final class KnownHostsFile {
    /** The largest file read: 16 MiB. */
    public static final long MAX_FILE_SIZE = 16L << 20;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HASH_MAGIC = "|1|";

    /** One line that names a key. */
    private record Entry(int line, @Nullable String marker, String hosts, Key key) {
    }

    private final @Nullable Path path;
    private final List<Entry> entries = new ArrayList<>();
    private int lines;

    private KnownHostsFile(@Nullable Path path) {
        this.path = path;
    }

    /**
     * Reads a file; a file that does not exist is an empty one (created when the first key is added).
     *
     * @throws IOException if it cannot be read, or is larger than {@link #MAX_FILE_SIZE}
     */
    public static KnownHostsFile fromPath(Path path) throws IOException {
        KnownHostsFile file = new KnownHostsFile(Objects.requireNonNull(path, "path"));
        try {
            if (Files.size(path) > MAX_FILE_SIZE) {
                throw new IOException(path + " is larger than " + MAX_FILE_SIZE + " octets");
            }
            file.parse(Files.readString(path, UTF_8));
        } catch (NoSuchFileException missing) {
            // No host known yet.
        }
        return file;
    }

    /** Reads {@code known_hosts} text held in memory; keys accepted are kept in memory only. */
    public static KnownHostsFile fromText(String text) {
        KnownHostsFile file = new KnownHostsFile(null);
        file.parse(text);
        return file;
    }

    private void parse(String text) {
        for (String line : text.split("\n", -1)) {
            lines++;
            Entry entry = parseLine(lines, line);
            if (entry != null) {
                entries.add(entry);
            }
        }
        if (text.isEmpty() || text.endsWith("\n")) {
            lines--;
        }
    }

    private static @Nullable Entry parseLine(int number, String line) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return null;
        }
        String[] fields = text.split("[ \t]+");
        int at = 0;
        String marker = null;
        if (fields[0].startsWith("@")) {
            marker = fields[0];
            if (!marker.equals("@cert-authority") && !marker.equals("@revoked")) {
                return null;
            }
            at = 1;
        }
        if (fields.length < at + 3) {
            return null;
        }
        try {
            Key key = Key.fromPublicLine(fields[at + 1] + " " + fields[at + 2]);
            return new Entry(number, marker, fields[at], key);
        } catch (BadKeyException | IllegalArgumentException unreadable) {
            return null;
        }
    }

    /** Returns the name a host is looked up under: {@code host} on port 22, else {@code [host]:port}. */
    static String hostName(String host, int port) {
        String lower = host.toLowerCase(Locale.ROOT);
        return port == 22 ? lower : "[" + lower + "]:" + port;
    }

    /** Whether an entry's host field names the host. */
    static boolean matches(String hosts, String name) {
        if (hosts.startsWith(HASH_MAGIC)) {
            String[] parts = hosts.split("\\|");
            if (parts.length != 4) {
                return false;
            }
            try {
                byte[] salt = Base64.getDecoder().decode(parts[2]);
                byte[] hash = Base64.getDecoder().decode(parts[3]);
                return MessageDigest.isEqual(hash, hmacSha1(salt, name));
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
        }
        boolean matched = false;
        for (String pattern : hosts.toLowerCase(Locale.ROOT).split(",")) {
            boolean negated = pattern.startsWith("!");
            if (glob(negated ? pattern.substring(1) : pattern, name)) {
                if (negated) {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    /**
     * Whether a name matches a pattern where {@code *} stands for any run of characters and {@code ?} for one.
     * Linear in practice and never worse than the product of the lengths, however many stars (a regular
     * expression backtracks exponentially on a row of them).
     */
    static boolean glob(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static byte[] hmacSha1(byte[] salt, String name) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt.length == 0 ? new byte[1] : salt, "HmacSHA1"));
            return mac.doFinal(name.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HMAC-SHA1", e);
        }
    }

    /** Returns the hashed host field OpenSSH writes ({@code HashKnownHosts yes}) for a name, with a new salt. */
    static String hashed(String name) {
        byte[] salt = new byte[20];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder();
        return HASH_MAGIC + base64.encodeToString(salt) + "|" + base64.encodeToString(hmacSha1(salt, name));
    }

    /** Whether the file holds {@code key} for the host (Twisted's {@code hasHostKey}), without asking anyone. */
    public boolean hasHostKey(String host, int port, Key key) {
        String name = hostName(host, port);
        return revokedLine(key) < 0 && entries.stream().anyMatch(e -> e.marker() == null
                && same(e.key(), key) && matches(e.hosts(), name));
    }

    /**
     * Returns the key types the file holds for the host, in file order: the host key algorithms a client should
     * offer first, so that the server shows the key that can be checked.
     */
    public List<String> knownKeyTypes(String host, int port) {
        String name = hostName(host, port);
        Set<String> types = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (e.marker() == null && matches(e.hosts(), name)) {
                types.add(e.key().type().sshName());
            }
        }
        return List.copyOf(types);
    }

    /** Whether an {@code @cert-authority} line covers the host, so that host certificates are worth asking for. */
    public boolean hasCertificateAuthority(String host, int port) {
        String name = hostName(host, port);
        return entries.stream().anyMatch(e -> "@cert-authority".equals(e.marker()) && matches(e.hosts(), name));
    }

    /**
     * Whether a host certificate vouches for the host, as OpenSSH's client decides: a host certificate whose CA is
     * the key of an {@code @cert-authority} line matching the host, with a valid CA signature, naming the host
     * (as given, without the port) among its principals (one naming none is refused), valid at {@code now}, and
     * neither its key nor its CA {@code @revoked}. No UI is asked: a certificate is trusted or refused.
     *
     * @param now the time, in seconds since the epoch
     */
    public boolean trustsCertificate(String host, int port, Certificate cert, long now) {
        String name = hostName(host, port);
        boolean authority = entries.stream().anyMatch(e -> "@cert-authority".equals(e.marker())
                && same(e.key(), cert.signatureKey()) && matches(e.hosts(), name));
        return authority && cert.type() == Certificate.Type.HOST && revokedLine(cert.key()) < 0
                && revokedLine(cert.signatureKey()) < 0 && cert.principals().contains(host.toLowerCase(Locale.ROOT))
                && cert.validAt(now) && cert.signatureValid();
    }

    private boolean trustsCertificate(String host, int port, byte[] blob) {
        try {
            return trustsCertificate(host, port, Certificate.fromBlob(blob), Instant.now().getEpochSecond());
        } catch (BadKeyException e) {
            return false;
        }
    }

    /** Whether two keys have the same public half. */
    private static boolean same(Key a, Key b) {
        return Arrays.equals(a.publicBlob(), b.publicBlob());
    }

    private int revokedLine(Key key) {
        for (Entry e : entries) {
            if ("@revoked".equals(e.marker()) && same(e.key(), key)) {
                return e.line();
            }
        }
        return -1;
    }

    /**
     * Checks a server's key, asking the UI about an unknown host (Twisted's {@code verifyHostKey}).
     *
     * @param ui asked whether to trust an unknown host's key, and told what was done
     * @param host the host name as the user gave it
     * @param port the port
     * @param key the key the server showed
     * @return fires with true when the key is known or the user accepts it (it is then added to the file); fails
     *     with {@link HostKeyRevoked}, {@link HostKeyChanged} or {@link UserRejectedKey}
     */
    public Deferred<Boolean> verify(KnownHostsUI ui, String host, int port, Key key) {
        String name = hostName(host, port);
        String fingerprint = key.type().shortName().toUpperCase(Locale.ROOT) + " key fingerprint is "
                + key.fingerprintSha256() + ".";
        int revoked = revokedLine(key);
        if (revoked >= 0) {
            String message = "The " + key.type().shortName().toUpperCase(Locale.ROOT) + " host key for " + name
                    + " is marked as revoked (" + where(revoked) + "). " + fingerprint;
            ui.warn(message);
            return Deferred.fail(new HostKeyRevoked(message));
        }
        Entry sameType = null;
        for (Entry e : entries) {
            if (e.marker() != null || !matches(e.hosts(), name)) {
                continue;
            }
            if (same(e.key(), key)) {
                return Deferred.succeed(true);
            }
            if (sameType == null && e.key().type() == key.type()) {
                sameType = e;
            }
        }
        if (sameType != null) {
            String message = changedWarning(name, fingerprint, sameType.line());
            ui.warn(message);
            return Deferred.fail(new HostKeyChanged(message, sameType.line()));
        }
        String question = "The authenticity of host '" + name + "' can't be established.\n" + fingerprint
                + "\nAre you sure you want to continue connecting (yes/no)? ";
        return ui.prompt(question).addCallback(yes -> {
            if (!Boolean.TRUE.equals(yes)) {
                throw new UserRejectedKey("Host key verification failed: the key of " + name + " was not accepted. "
                        + fingerprint);
            }
            addHostKey(name, key);
            ui.warn("Warning: Permanently added '" + name + "' (" + key.type().shortName().toUpperCase(Locale.ROOT)
                    + ") to the list of known hosts.");
            return true;
        });
    }

    private String where(int line) {
        return (path == null ? "known_hosts" : path.toString()) + ":" + line;
    }

    private String changedWarning(String name, String fingerprint, int line) {
        return """
                @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
                @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
                @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
                IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
                Someone could be eavesdropping on you right now (man-in-the-middle attack)!
                It is also possible that a host key has just been changed.
                The fingerprint for the key sent by the remote host %s is
                %s
                Offending key in %s
                Host key verification failed.""".formatted(name, fingerprint, where(line));
    }

    /**
     * Adds a key for a host, hashed as OpenSSH's {@code HashKnownHosts yes} writes it, and appends it to the file.
     *
     * @param name the host name, {@code [host]:port} for other ports than 22
     * @throws UncheckedIOException if the file cannot be written
     */
    void addHostKey(String name, Key key) {
        String line = hashed(name) + " " + key.publicLine("");
        lines++;
        entries.add(new Entry(lines, null, line.substring(0, line.indexOf(' ')), key.toPublic()));
        if (path == null) {
            return;
        }
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent);
            }
            Files.writeString(path, line + "\n", UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the key to " + path, e);
        }
    }

    /**
     * Returns a verifier for a transport connecting to {@code host}:{@code port}, checking with {@link #verify}.
     *
     * @param ui asked about an unknown key
     */
    public HostKeyVerifier verifier(String host, int port, KnownHostsUI ui) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(ui, "ui");
        return new HostKeyVerifier() {
            @Override
            public boolean verify(byte[] blob, String address) {
                if (isCertificate(blob)) {
                    return trustsCertificate(host, port, blob);
                }
                try {
                    return hasHostKey(host, port, Key.fromPublicBlob(blob));
                } catch (BadKeyException e) {
                    return false;
                }
            }

            @Override
            public Deferred<Boolean> check(byte[] blob, String address) {
                if (isCertificate(blob)) {
                    return trustsCertificate(host, port, blob) ? Deferred.succeed(true)
                            : Deferred.fail(new UserRejectedKey("the server's host certificate is not signed by a "
                                    + "trusted @cert-authority for " + host + ", or is not valid for it now"));
                }
                try {
                    return KnownHostsFile.this.verify(ui, host, port, Key.fromPublicBlob(blob));
                } catch (BadKeyException e) {
                    return Deferred.fail(new UserRejectedKey("the server's host key cannot be read: "
                            + e.getMessage()));
                }
            }
        };
    }

    private static boolean isCertificate(byte[] blob) {
        try {
            return Certificate.isCertificateName(new SshWire(blob).name());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
