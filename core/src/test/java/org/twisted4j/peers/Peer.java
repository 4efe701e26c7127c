package org.twisted4j.peers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A program that is not ours and that an interoperability test runs: a command from a Debian package (curl,
 * nginx, openssl...) or a module of Debian's Python ({@code twisted}, {@code autobahn}). A test asks for it
 * with {@link #require()} before it starts anything.
 *
 * <pre>{@code
 * Path curl = Peer.CURL.require();
 * }</pre>
 *
 * <h2>When the peer is missing</h2>
 * On a developer's machine the test is <em>skipped</em> (a JUnit assumption) with a message naming the
 * Debian package, and the peer is added to the report file named by the environment variable
 * {@value #REPORT_VARIABLE}, from which {@code bin/test} prints one summary line with the
 * {@code apt-get install} that brings every missing peer. Under CI ({@code CI=true}) or with
 * {@code TWISTED4J_REQUIRE_PEERS=1} the test <em>fails</em> instead (and the peer is reported all the same), so
 * that a run cannot pass by skipping.
 *
 * <h2>Adding a peer</h2>
 * A module's tests declare the peers they need beside these, with {@link #command} or {@link #python}, and
 * {@code .ci/run} installs the package.
 *
 * <p>Thread-safe: whether a peer is installed is found out once per test JVM and remembered.
 */
public final class Peer {

    /** The environment variable naming the file that missing peers are appended to. */
    public static final String REPORT_VARIABLE = "TWISTED4J_PEER_REPORT";

    // Before the peers below, which use them when they are made.
    private static final List<Path> SYSTEM_DIRECTORIES = List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"),
            Path.of("/bin"), Path.of("/usr/sbin"), Path.of("/sbin"));
    private static final ConcurrentHashMap<Peer, Optional<Path>> FOUND = new ConcurrentHashMap<>();

    /** Debian's Python: the one whose packages (python3-twisted, ...) the tests use, not a {@code python3} on PATH. */
    public static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    /** Python Twisted, as Debian's Python imports it. */
    public static final Peer PYTHON_TWISTED = python("Python Twisted", "twisted", "python3-twisted");
    /** pyOpenSSL, without which Python Twisted has no TLS. */
    public static final Peer PYOPENSSL = python("pyOpenSSL", "OpenSSL", "python3-openssl");
    /** autobahn's WebSocket for Twisted. */
    public static final Peer AUTOBAHN = python("autobahn", "autobahn.twisted", "python3-autobahn");
    /** dnspython, the DNS toolkit for Python, as Debian's Python imports it. */
    public static final Peer DNSPYTHON = python("dnspython", "dns", "python3-dnspython");
    /** Debian's Python alone, for scripts that need nothing beyond its standard library. */
    public static final Peer PYTHON = command("python3", "python3", DEBIAN_PYTHON.getParent());
    /** curl. */
    public static final Peer CURL = command("curl", "curl");
    /** OpenSSL's command line. */
    public static final Peer OPENSSL = command("openssl", "openssl");
    /** sftp, OpenSSH's SFTP client (the SFTP server's interop tests, over stdio with {@code -D}). */
    public static final Peer SFTP = command("sftp", "openssh-client");
    /** nghttp, the HTTP/2 client of nghttp2. */
    public static final Peer NGHTTP = command("nghttp", "nghttp2-client");
    /** h2load, the HTTP/2 load generator of nghttp2. */
    public static final Peer H2LOAD = command("h2load", "nghttp2-client");
    /** nginx (its light build has HTTP/2 and TLS). */
    public static final Peer NGINX = command("nginx", "nginx-light");
    /** tinyproxy, a forward proxy with CONNECT. */
    public static final Peer TINYPROXY = command("tinyproxy", "tinyproxy");
    /** Perl, which runs the CGI tests' scripts. */
    public static final Peer PERL = command("perl", "perl");
    /** PHP's CGI program, which runs the PHP pages of the web module's tests. */
    public static final Peer PHP_CGI = command("php-cgi", "php-cgi");
    /** mkpasswd of Debian's whois package: crypt(3) hashes (bcrypt, SHA-crypt, yescrypt) from the command line. */
    public static final Peer MKPASSWD = command("mkpasswd", "whois");
    /** OpenBSD's netcat. */
    public static final Peer NETCAT = command("nc", "netcat-openbsd");
    /** dig, BIND's DNS lookup tool. */
    public static final Peer DIG = command("dig", "bind9-dnsutils");
    /** knotd, the Knot DNS authoritative server (a zone's primary for the secondary zone tests). */
    public static final Peer KNOTD = command("knotd", "knot");
    /** knotc, Knot DNS's control tool (reloads a zone, sends a NOTIFY). */
    public static final Peer KNOTC = command("knotc", "knot");
    /** Where Debian puts the newest installed PostgreSQL's server programs ({@code /usr/lib/postgresql/<version>/bin}). */
    public static final Path POSTGRESQL_BIN = newestPostgresql();
    /** postgres, the PostgreSQL server (the database pool's peer); it refuses to run as root. */
    public static final Peer POSTGRES = command("postgres", "postgresql", POSTGRESQL_BIN);
    /** initdb, which makes a PostgreSQL data directory. */
    public static final Peer INITDB = command("initdb", "postgresql", POSTGRESQL_BIN);
    /** pg_ctl, which stops a PostgreSQL server in its fast mode. */
    public static final Peer PG_CTL = command("pg_ctl", "postgresql", POSTGRESQL_BIN);
    /** runuser of util-linux: runs a server that refuses root (PostgreSQL) as an unprivileged user when tests run as root. */
    public static final Peer RUNUSER = command("runuser", "util-linux");
    /** swaks, the SMTP test tool (its STARTTLS and AUTH need libnet-ssleay-perl and libauthen-sasl-perl). */
    public static final Peer SWAKS = command("swaks", "swaks");
    /** msmtp, the SMTP submission client (sendmail-like). */
    public static final Peer MSMTP = command("msmtp", "msmtp");
    /** fetchmail, the POP3/IMAP collector. */
    public static final Peer FETCHMAIL = command("fetchmail", "fetchmail");
    /** ngIRCd, the IRC server ({@code /usr/sbin/ngircd}). */
    public static final Peer NGIRCD = command("ngircd", "ngircd");
    /** prlimit, to run a peer with resource limits (no core files). */
    public static final Peer PRLIMIT = command("prlimit", "util-linux");
    /** InspIRCd, the IRC server with SASL through linked services ({@code /usr/sbin/inspircd}). */
    public static final Peer INSPIRCD = command("inspircd", "inspircd");
    /** Atheme, the IRC services (NickServ, SaslServ) linked to InspIRCd. */
    public static final Peer ATHEME = command("atheme-services", "atheme-services");
    /** irssi, the terminal IRC client. */
    public static final Peer IRSSI = command("irssi", "irssi");
    /** tmux, to give irssi a terminal. */
    public static final Peer TMUX = command("tmux", "tmux");
    /** The Telnet client (Debian's {@code telnet} is inetutils' since bookworm), against the manhole. */
    public static final Peer TELNET = command("telnet", "inetutils-telnet");
    /** scp, OpenSSH's file copier ({@code scp -s} speaks SFTP to the SSH server's subsystem). */
    public static final Peer SCP = command("scp", "openssh-client");
    /** OpenSSH's client. */
    public static final Peer SSH = command("ssh", "openssh-client");
    /** OpenSSH's key generator. */
    public static final Peer SSH_KEYGEN = command("ssh-keygen", "openssh-client");
    /** sshpass, which types a password into OpenSSH's client. */
    public static final Peer SSHPASS = command("sshpass", "sshpass");
    /** Python's paramiko SSH library. */
    public static final Peer PARAMIKO = python("paramiko", "paramiko", "python3-paramiko");
    /** neomutt, a mail reader, for the IMAP server's interop tests. */
    public static final Peer NEOMUTT = command("neomutt", "neomutt");
    /** util-linux's {@code script}, which gives a program a pseudo-terminal (neomutt will not run without one). */
    public static final Peer SCRIPT = command("script", "bsdutils");
    /** Dovecot, the IMAP server the IMAP client and the FETCH answers are compared with. */
    public static final Peer DOVECOT = command("dovecot", "dovecot-imapd");
    /** The XMPP server the words module's client and component log in to. */
    public static final Peer PROSODY = command("prosody", "prosody");
    /** Prosody's control program, to create accounts in a test's throwaway configuration. */
    public static final Peer PROSODYCTL = command("prosodyctl", "prosody");
    /** lftp, the FTP server's interop client. */
    public static final Peer LFTP = command("lftp", "lftp");
    /** {@code kill}: signals other than TERM and KILL, which the JDK cannot send. */
    public static final Peer KILL = command("kill", "procps");
    /** vsftpd, the FTP client's interop server (in /usr/sbin, which a user's PATH may lack). */
    public static final Peer VSFTPD = command("vsftpd", "vsftpd", Path.of("/usr/sbin"));

    private final String name;
    private final String debianPackage;
    private final String program;
    private final List<Path> directories;
    private final String pythonModule;

    private Peer(String name, String debianPackage, String program, List<Path> directories, String pythonModule) {
        this.name = name;
        this.debianPackage = debianPackage;
        this.program = program;
        this.directories = directories;
        this.pythonModule = pythonModule;
    }

    /**
     * A command found on {@code PATH}, or else in the system's program directories ({@code /usr/sbin} is not
     * on every user's {@code PATH}).
     *
     * @param program the command's file name, such as {@code curl}
     * @param debianPackage the package that installs it
     */
    public static Peer command(String program, String debianPackage) {
        List<Path> directories = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                directories.add(Path.of(entry));
            }
        }
        directories.addAll(SYSTEM_DIRECTORIES);
        return new Peer(program, debianPackage, program, List.copyOf(directories), "");
    }

    /** A command looked for in {@code directory} only. */
    public static Peer command(String program, String debianPackage, Path directory) {
        return new Peer(program, debianPackage, program, List.of(directory), "");
    }

    /**
     * A module of Debian's Python ({@link #DEBIAN_PYTHON}); {@link #require()} gives that Python.
     *
     * @param name what to call it in messages
     * @param module what {@code import} must find, such as {@code autobahn.twisted}
     * @param debianPackage the package that installs it
     */
    public static Peer python(String name, String module, String debianPackage) {
        return new Peer(name, debianPackage, DEBIAN_PYTHON.getFileName().toString(),
                List.of(DEBIAN_PYTHON.getParent()), module);
    }

    /** The bin directory of the highest PostgreSQL version under /usr/lib/postgresql, or where it would be. */
    private static Path newestPostgresql() {
        Path root = Path.of("/usr/lib/postgresql");
        int newest = -1;
        try (var versions = Files.list(root)) {
            for (Path version : (Iterable<Path>) versions::iterator) {
                String name = version.getFileName().toString();
                if (name.matches("\\d+") && Files.isDirectory(version.resolve("bin"))) {
                    newest = Math.max(newest, Integer.parseInt(name));
                }
            }
        } catch (IOException missing) {
            // no PostgreSQL installed: the peers below are then missing
        }
        return newest < 0 ? root.resolve("bin") : root.resolve(Integer.toString(newest)).resolve("bin");
    }

    /** What messages call it. */
    public String name() {
        return name;
    }

    /** The Debian package that installs it. */
    public String debianPackage() {
        return debianPackage;
    }

    /** Returns where it is, or empty if it is not installed (Python peers: the Python that imports the module). */
    public Optional<Path> find() {
        return FOUND.computeIfAbsent(this, Peer::look);
    }

    /**
     * Returns the program to run, for a test that cannot do without it.
     *
     * @throws org.opentest4j.TestAbortedException if it is missing on a developer's machine: the test is skipped
     *         (and the peer reported to {@code bin/test})
     * @throws AssertionError if it is missing under CI or {@code TWISTED4J_REQUIRE_PEERS=1}: the test fails
     */
    public Path require() {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        String why = name + " is not installed: install the Debian package " + debianPackage + " to run this test";
        report();
        if (required()) {
            throw new AssertionError(why + " (peers are required under CI and with TWISTED4J_REQUIRE_PEERS=1)");
        }
        Assumptions.abort(why);
        throw new AssertionError("unreachable: Assumptions.abort returned");
    }

    /** Whether a missing peer fails the test rather than skipping it. */
    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("TWISTED4J_REQUIRE_PEERS"));
    }

    private Optional<Path> look() {
        for (Path directory : directories) {
            Path candidate = directory.resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return pythonModule.isEmpty() || imports(candidate) ? Optional.of(candidate) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private boolean imports(Path python) {
        try {
            Process check = new ProcessBuilder(python.toString(), "-c", "import " + pythonModule)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            check.getOutputStream().close();
            if (!check.waitFor(60, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Appends "name TAB package" to the report file, if {@code bin/test} asked for one. */
    private void report() {
        String file = System.getenv(REPORT_VARIABLE);
        if (file == null || file.isEmpty()) {
            return;
        }
        try {
            Files.writeString(Path.of(file), name + "\t" + debianPackage + "\n", UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new AssertionError("cannot write the missing-peer report " + file, e);
        }
    }

    @Override
    public String toString() {
        return name + " (Debian package " + debianPackage + ")";
    }
}
