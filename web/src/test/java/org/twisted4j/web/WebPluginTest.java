package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.application.MultiService;
import org.twisted4j.application.Service;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.application.UsageError;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.peers.Peer;
import org.twisted4j.testing.MemoryReactor;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.cgi.FilteredScript;

/** {@code twist web}'s {@code --processor}, {@code --cgi-dir}, {@code --class} and {@code --allow-dotfiles}. */
@ExtendWith(TrialExtension.class)
class WebPluginTest {

    @TempDir
    Path dir;

    private final WebPlugin plugin = new WebPlugin();
    private NioReactor reactor;

    @BeforeEach
    void useReactor(NioReactor reactor) {
        this.reactor = reactor;
    }

    /** A root for {@code --class}. */
    public static final class Home extends Resource {
        /** Made by the plugin. */
        public Home() {
        }

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderGET(Request request) {
            return ("home at " + String.join("/", request.postpath()) + "\n").getBytes(UTF_8);
        }
    }

    /** A processor made with the reactor: runs files through Perl. */
    public static final class PerlWithReactor implements ResourceProcessor {
        private final ReactorProcess reactor;

        /** Made by the plugin, with its reactor. */
        public PerlWithReactor(ReactorProcess reactor) {
            this.reactor = reactor;
        }

        @Override
        public Resource process(Path file) {
            return new FilteredScript(reactor, file, FilteredScript.PERL);
        }
    }

    /** A processor made without arguments: shows a file's name instead of its content. */
    public static final class ShowName implements ResourceProcessor {
        /** Made by the plugin. */
        public ShowName() {
        }

        @Override
        public Resource process(Path file) {
            return Served.text("this is " + file.getFileName() + "\n");
        }
    }

    private Service make(ReactorCore reactor, String... args) {
        return plugin.makeService(reactor, plugin.options().parse(List.of(args)));
    }

    private void refused(String message, String... args) {
        assertThatThrownBy(() -> make(reactor, args)).as(String.join(" ", args))
                .isInstanceOf(UsageError.class).hasMessageContaining(message);
    }

    @Test
    void badProcessorValuesAreUsageErrorsNamingTheProblem() {
        refused("--processor: expected EXT=CLASS", "--processor", "perl");
        refused("--processor: expected EXT=CLASS, such as .pl=perl, not '.pl='", "--processor", ".pl=");
        refused("the extension must be a dot and a name", "--processor", "pl=perl");
        refused("no class no.such.Processor can be loaded", "--processor", ".x=no.such.Processor");
        refused("java.lang.String is neither a built-in processor (perl, cgi, php) nor a", "--processor", ".x=java.lang.String");
    }

    @Test
    void badCgiDirAndClassValuesAreUsageErrors() throws Exception {
        Files.createDirectory(dir.resolve("bin"));
        refused("--cgi-dir: expected URL=DIR", "--cgi-dir", "/cgi-bin");
        refused("the URL must be a path below /", "--cgi-dir", "/=" + dir.resolve("bin"));
        refused("the URL must be a path below /", "--cgi-dir", "/a/../b=" + dir.resolve("bin"));
        refused("is not a directory", "--cgi-dir", "/cgi-bin=" + dir.resolve("none"));
        refused("--class: no class no.such.Root can be loaded", "--class", "no.such.Root");
        refused("--class: java.lang.String is not a org.twisted4j.web.Resource", "--class", "java.lang.String");
        refused("--class and --path cannot be used together", "--class", Home.class.getName(), "--path", ".");
        refused("--processor applies to the files of --path", "--class", Home.class.getName(), "--processor", ".pl=perl");
    }

    @Test
    void scriptsNeedAReactorThatRunsProcesses() throws Exception {
        Files.createDirectory(dir.resolve("bin"));
        MemoryReactor memory = new MemoryReactor();
        assertThatThrownBy(() -> make(memory, "--processor", ".pl=perl")).isInstanceOf(UsageError.class)
                .hasMessage("--processor .pl=perl: this reactor cannot run processes");
        assertThatThrownBy(() -> make(memory, "--cgi-dir", "/cgi-bin=" + dir.resolve("bin")))
                .isInstanceOf(UsageError.class).hasMessageEndingWith(": this reactor cannot run processes");
    }

    @Test
    void perlFilesCgiDirectoriesAndAddedHeadersServeTogether(NioReactor reactor) throws Exception {
        Peer.PERL.require();
        Path www = Files.createDirectory(dir.resolve("www"));
        Files.writeString(www.resolve("hello.pl"), "print \"Content-Type: text/plain\\n\\nperl says hi\\n\";\n");
        Files.writeString(www.resolve("name.show"), "not shown\n");
        Files.writeString(www.resolve("plain.txt"), "plain\n");
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path env = Files.writeString(bin.resolve("env.sh"),
                "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\n'\necho \"script=$SCRIPT_NAME info=$PATH_INFO\"\n");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(www.resolve("deep.pl2"), "print \"Content-Type: text/plain\\n\\nperl via a class\\n\";\n");

        int port = start(reactor, "--path", www.toString(), "--processor", ".pl=perl",
                "--processor", ".pl2=" + PerlWithReactor.class.getName(),
                "--processor", ".show=" + ShowName.class.getName(),
                "--cgi-dir", "/cgi-bin=" + bin, "--cgi-dir", "/a/b/scripts=" + bin, "--add-header", "X-Site: test");

        assertThat(curl(reactor, port, "/hello.pl")).contains("\r\nX-Site: test\r\n").endsWith("\r\n\r\nperl says hi\n");
        assertThat(curl(reactor, port, "/deep.pl2")).endsWith("\r\n\r\nperl via a class\n");
        assertThat(curl(reactor, port, "/name.show")).endsWith("\r\n\r\nthis is name.show\n");
        assertThat(curl(reactor, port, "/plain.txt")).endsWith("\r\n\r\nplain\n");
        assertThat(curl(reactor, port, "/cgi-bin/env.sh/x")).contains("\r\nX-Site: test\r\n")
                .endsWith("\r\n\r\nscript=/cgi-bin/env.sh info=/x\n");
        assertThat(curl(reactor, port, "/a/b/scripts/env.sh")).endsWith("\r\n\r\nscript=/a/b/scripts/env.sh info=\n");
        assertThat(curl(reactor, port, "/cgi-bin/")).startsWith("HTTP/1.1 403 ");
    }

    @Test
    void phpPagesReadQueriesFormsCookiesAndUploads(NioReactor reactor) throws Exception {
        Peer.PHP_CGI.require();
        Path www = Files.createDirectory(dir.resolve("www"));
        Files.writeString(www.resolve("form.php"), """
                <?php
                setcookie("visited", "yes");
                header("Content-Type: text/plain");
                echo "method=", $_SERVER["REQUEST_METHOD"], "\n";
                echo "name=", $_GET["name"] ?? "(none)", "\n";
                echo "color=", $_POST["color"] ?? "(none)", "\n";
                echo "flavour=", $_COOKIE["flavour"] ?? "(none)", "\n";
                if (isset($_FILES["upload"])) {
                    echo "upload=", $_FILES["upload"]["name"], " ", $_FILES["upload"]["size"], " ",
                        md5_file($_FILES["upload"]["tmp_name"]), "\n";
                }
                """);
        Files.writeString(www.resolve("missing.php"), "<?php http_response_code(404); echo 'no such thing';\n");
        byte[] upload = new byte[100_000];
        new java.util.Random(3).nextBytes(upload);
        Path file = Files.write(dir.resolve("photo.bin"), upload);
        int port = start(reactor, "--path", www.toString(), "--processor", ".php=php");
        String base = "http://127.0.0.1:" + port;

        HttpPeers.Run get = HttpPeers.curl(reactor, "-i", "-b", "flavour=mint", base + "/form.php?name=J%C3%BCrgen%26co");
        assertThat(get.exitCode()).as(get.stderr()).isZero();
        assertThat(get.stdout()).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nSet-Cookie: visited=yes\r\n")
                .contains("\r\nContent-type: text/plain").endsWith("\r\n\r\nmethod=GET\nname=J\u00c3\u00bcrgen&co\n"
                        + "color=(none)\nflavour=mint\n");
        HttpPeers.Run post = HttpPeers.curl(reactor, "-d", "color=dark+red", "-b", "flavour=lime", base + "/form.php?name=x");
        assertThat(post.stdout()).isEqualTo("method=POST\nname=x\ncolor=dark red\nflavour=lime\n");
        HttpPeers.Run multipart = HttpPeers.curl(reactor, "-F", "color=blue", "-F", "upload=@" + file, base + "/form.php");
        assertThat(multipart.stdout()).isEqualTo("method=POST\nname=(none)\ncolor=blue\nflavour=(none)\n"
                + "upload=photo.bin 100000 " + md5(upload) + "\n");
        assertThat(curl(reactor, port, "/missing.php")).startsWith("HTTP/1.1 404 ").endsWith("no such thing");
        // A search string that looks like an option never reaches php-cgi's command line (it would show the source).
        assertThat(curl(reactor, port, "/form.php?-s")).doesNotContain("<?php").contains("name=(none)");
    }

    private static String md5(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
    }

    @Test
    void classServesAResourceInsteadOfFiles(NioReactor reactor) throws Exception {
        int port = start(reactor, "--class", Home.class.getName());
        assertThat(curl(reactor, port, "/some/where")).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nhome at some/where\n");
    }

    @Test
    void dotFilesAre404UnlessAllowDotfilesIsGiven(NioReactor reactor) throws Exception {
        Path www = Files.createDirectory(dir.resolve("www"));
        Files.createDirectory(www.resolve(".git"));
        Files.writeString(www.resolve(".git/config"), "[core] SECRET\n");
        Files.writeString(www.resolve(".env"), "SECRET=1\n");
        Files.createDirectory(www.resolve(".well-known"));
        Files.writeString(www.resolve(".well-known/security.txt"), "Contact: x\n");

        int hiding = start(reactor, "--path", www.toString());
        int showing = start(reactor, "--path", www.toString(), "--allow-dotfiles");

        for (String path : List.of("/.git/config", "/%2egit/config", "/.env")) {
            assertThat(curl(reactor, hiding, "--path-as-is", path)).as(path).startsWith("HTTP/1.1 404 ")
                    .doesNotContain("SECRET");
            assertThat(curl(reactor, showing, "--path-as-is", path)).as(path).startsWith("HTTP/1.1 200 ")
                    .contains("SECRET");
        }
        assertThat(curl(reactor, hiding, "/.well-known/security.txt")).startsWith("HTTP/1.1 200 ");
        assertThat(curl(reactor, hiding, "/")).doesNotContain(".git").doesNotContain(".env");
        assertThat(curl(reactor, showing, "/")).contains("href=\".git/\"").contains("href=\".env\"");
        assertThat(plugin.options().help()).contains("--allow-dotfiles")
                .contains("default off: they are 404 and left out of listings, except /.well-known/");
    }

    private final List<Service> started = new ArrayList<>();

    private int start(NioReactor reactor, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--listen", "tcp:0:interface=127.0.0.1"));
        all.addAll(List.of(args));
        MultiService service = (MultiService) make(reactor, all.toArray(String[]::new));
        service.privilegedStartService();
        service.startService();
        StreamServerEndpointService listening = (StreamServerEndpointService) service.services().getFirst();
        int port = ((IPv4Address) Coroutine.await(listening.whenListening()).getHost()).port();
        started.add(service);
        return port;
    }

    @AfterEach
    void stopServices() throws Exception {
        for (Service service : started) {
            Coroutine.await(service.stopService());
        }
    }

    private static String curl(NioReactor reactor, int port, String path) throws Exception {
        return curl(reactor, port, "--no-path-as-is", path);
    }

    private static String curl(NioReactor reactor, int port, String option, String path) throws Exception {
        HttpPeers.Run run = HttpPeers.curl(reactor, "-i", option, "http://127.0.0.1:" + port + path);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout();
    }
}
