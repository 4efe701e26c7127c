package org.twisted4j.news;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;

/**
 * A throwaway INN (Debian's {@code inn2}) for the interop tests: {@code innd} for transit (IHAVE, MODE STREAM) and
 * {@code nnrpd} as a standalone daemon for readers, each on a free loopback port, with every file of its
 * configuration, history, spool and overview under one directory. Its name in Path fields is {@link #PATH_HOST};
 * it takes articles from 127.0.0.1 as the peer {@code ours}, and writes the Message-IDs of what it accepts in the
 * groups {@code local.*} to a file feed named {@code ours} ({@link #flushFeed} and {@link #sendFeed} push it to a
 * server of ours with {@code innxmit}). As root, INN runs as Debian's {@code news} user, which is given the
 * directory.
 */
final class InnServer {

    /** Where Debian puts INN's programs, which are not on anyone's PATH. */
    static final Path BIN = Path.of("/usr/lib/news/bin");
    static final Peer INND = Peer.command("innd", "inn2", BIN);
    static final Peer NNRPD = Peer.command("nnrpd", "inn2", BIN);
    /** INN's name in Path and Xref fields. */
    static final String PATH_HOST = "inn.test";

    private final Path dir;
    private final boolean root;
    private final ExternalServer innd;
    private final ExternalServer nnrpd;

    private InnServer(Path dir, boolean root, ExternalServer innd, ExternalServer nnrpd) {
        this.dir = dir;
        this.root = root;
        this.innd = innd;
        this.nnrpd = nnrpd;
    }

    /** The port innd takes articles on (IHAVE, MODE STREAM). */
    int transitPort() {
        return innd.port();
    }

    /** The port nnrpd serves readers on. */
    int readerPort() {
        return nnrpd.port();
    }

    /**
     * Writes the configuration under {@code dir} and starts innd and nnrpd, carrying {@code groups} (all open to
     * posting) beside INN's own control and junk groups.
     */
    static InnServer start(NioReactor reactor, Path dir, List<String> groups) throws Exception {
        Path innd = INND.require();
        Path nnrpd = NNRPD.require();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            Peer.RUNUSER.require();
        }
        int transit = ExternalServer.freePort();
        int reader = ExternalServer.freePort();
        for (String sub : List.of("etc", "db", "run", "log", "http", "spool/articles", "spool/overview",
                "spool/incoming/tmp", "spool/outgoing", "spool/archive")) {
            Files.createDirectories(dir.resolve(sub));
        }
        List<String> conf = new ArrayList<>(List.of("organization: \"twisted4j tests\"", "ovmethod: tradindexed",
                "hismethod: hisv6", "pathhost: " + PATH_HOST, "domain: test", "server: 127.0.0.1",
                "bindaddress: 127.0.0.1", "port: " + transit, "enableoverview: true", "artcutoff: 0",
                "pgpverify: false", "docancels: none", "mta: \"/bin/true %s\"", "mailcmd: /bin/true",
                "doinnwatch: false", "wireformat: true", "addinjectionpostinghost: false", "logipaddr: false",
                "maxartsize: 0", "pathnews: /usr/lib/news", "pathbin: " + BIN, "pathcontrol: " + BIN.resolve("control"),
                "pathfilter: /etc/news/filter", "pathspool: " + dir.resolve("spool")));
        for (String[] path : new String[][] {{"pathetc", "etc"}, {"pathdb", "db"}, {"pathrun", "run"},
                {"pathlog", "log"}, {"pathhttp", "http"}, {"patharticles", "spool/articles"},
                {"pathoverview", "spool/overview"}, {"pathincoming", "spool/incoming"},
                {"pathtmp", "spool/incoming/tmp"}, {"pathoutgoing", "spool/outgoing"},
                {"patharchive", "spool/archive"}}) {
            conf.add(path[0] + ": " + dir.resolve(path[1]));
        }
        write(dir.resolve("etc/inn.conf"), conf);
        write(dir.resolve("etc/storage.conf"), List.of("method tradspool {", "  newsgroups: *", "  class: 0", "}"));
        write(dir.resolve("etc/readers.conf"), List.of("auth \"local\" {", "  hosts: \"127.0.0.1, localhost, ::1\"",
                "  default: \"<local>\"", "}", "access \"local\" {", "  users: \"<local>\"", "  newsgroups: \"*\"",
                "  access: RPA", "}"));
        write(dir.resolve("etc/incoming.conf"), List.of("streaming: true", "peer ours {", "  hostname: \"127.0.0.1\"",
                "}"));
        write(dir.resolve("etc/newsfeeds"), List.of("ME:*::", "ours/ours.example:!*,local.*:Tf,Wnm:"));
        List<String> active = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        for (String group : groups) {
            active.add(group + " 0000000000 0000000001 y");
            descriptions.add(group + " " + group + " for the tests");
        }
        for (String own : List.of("control", "control.cancel", "junk")) {
            active.add(own + " 0000000000 0000000001 n");
        }
        write(dir.resolve("db/active"), active);
        write(dir.resolve("db/newsgroups"), descriptions);
        write(dir.resolve("db/active.times"), List.of());
        write(dir.resolve("db/history"), List.of());
        if (root) {
            UserPrincipal news = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("news");
            for (Path p = dir; p != null && p.startsWith(dir.getParent()); p = p.getParent()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path p : tree.toList()) {
                    Files.setOwner(p, news);
                }
            }
        }
        tool(reactor, dir, root, "makedbz", "-i", "-o");
        ExternalServer transitServer = ExternalServer.start(reactor, "innd",
                asNews(dir, root, List.of(innd.toString(), "-d", "-f")), transit);
        ExternalServer readerServer;
        try {
            readerServer = ExternalServer.start(reactor, "nnrpd", asNews(dir, root, List.of(nnrpd.toString(), "-D", "-f", "-p",
                    Integer.toString(reader), "-b", "127.0.0.1")), reader);
        } catch (Exception | AssertionError e) {
            transitServer.stop(reactor);
            throw e;
        }
        return new InnServer(dir, root, transitServer, readerServer);
    }

    private static void write(Path file, List<String> lines) throws Exception {
        Files.writeString(file, lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    }

    /** The command run with INN's configuration, as the news user when this is root. */
    private static List<String> asNews(Path dir, boolean root, List<String> command) {
        List<String> all = new ArrayList<>(List.of("env", "INNCONF=" + dir.resolve("etc/inn.conf")));
        if (root) {
            all.addAll(0, List.of("runuser", "-u", "news", "--"));
        }
        all.addAll(command);
        return all;
    }

    /** Runs one of INN's programs to its end; fails with what it said unless it exits with 0. */
    String tool(NioReactor reactor, String program, String... arguments) throws Exception {
        return tool(reactor, dir, root, program, arguments);
    }

    private static String tool(NioReactor reactor, Path dir, boolean root, String program, String... arguments)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(BIN.resolve(program).toString()));
        command.addAll(List.of(arguments));
        String[] got = NewsInteropTest.run(reactor, asNews(dir, root, command));
        assertThat(got[0]).as(program + " said: " + got[1]).isEqualTo("0");
        return got[1];
    }

    /** Makes innd write out what it queued in the file feed {@code ours}; returns the feed's file. */
    Path flushFeed(NioReactor reactor) throws Exception {
        tool(reactor, "ctlinnd", "flush", "ours");
        return dir.resolve("spool/outgoing/ours");
    }

    /**
     * Sends the file feed {@code ours} to a server of ours on loopback with {@code innxmit}, streaming (MODE
     * STREAM, CHECK and TAKETHIS) or with IHAVE; returns what innxmit printed.
     */
    String sendFeed(NioReactor reactor, int port, boolean streaming) throws Exception {
        Path batch = flushFeed(reactor);
        List<String> arguments = new ArrayList<>(List.of("-a", "-d", "-l", "-P", Integer.toString(port)));
        if (!streaming) {
            arguments.add("-s"); // innxmit streams unless told not to
        }
        arguments.addAll(List.of("127.0.0.1", batch.toString()));
        return tool(reactor, "innxmit", arguments.toArray(String[]::new));
    }

    /** Stops nnrpd and innd (after a clean {@code ctlinnd shutdown}); returns what innd printed. */
    String stop(NioReactor reactor) throws Exception {
        nnrpd.stop(reactor);
        String[] shutdown = NewsInteropTest.run(reactor, asNews(dir, root, List.of(BIN.resolve("ctlinnd").toString(), "shutdown",
                "end of test")));
        return shutdown[1] + innd.stop(reactor);
    }
}
