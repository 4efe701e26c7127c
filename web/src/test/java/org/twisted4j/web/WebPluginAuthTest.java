package org.twisted4j.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.twisted4j.trial.TrialExtension;

/** {@code twist web --auth}: the whole site behind HTTP authentication, driven by curl. */
@ExtendWith(TrialExtension.class)
class WebPluginAuthTest {

    @TempDir
    Path dir;

    private final WebPlugin plugin = new WebPlugin();
    private final List<Service> started = new ArrayList<>();
    private NioReactor reactor;
    private Path www;

    @BeforeEach
    void site(NioReactor reactor) throws Exception {
        this.reactor = reactor;
        www = Files.createDirectory(dir.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "hello\n");
    }

    @AfterEach
    void stopServices() throws Exception {
        for (Service service : started) {
            Coroutine.await(service.stopService());
        }
    }

    private int start(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--listen", "tcp:0:interface=127.0.0.1", "--path", www.toString()));
        all.addAll(List.of(args));
        MultiService service = (MultiService) plugin.makeService(reactor, plugin.options().parse(all));
        service.privilegedStartService();
        service.startService();
        started.add(service);
        StreamServerEndpointService listening = (StreamServerEndpointService) service.services().getFirst();
        return ((IPv4Address) Coroutine.await(listening.whenListening()).getHost()).port();
    }

    private String curl(int port, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-i"));
        all.addAll(List.of(args));
        all.add("http://127.0.0.1:" + port + "/hello.txt");
        HttpPeers.Run run = HttpPeers.curl(reactor, all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout();
    }

    /** The headers of the last response in curl's output (after a Digest retry there are two). */
    private static String lastResponse(String output) {
        int at = output.lastIndexOf("HTTP/1.1 ");
        return output.substring(at);
    }

    @Test
    void aPasswordFileProtectsTheWholeSiteWithBasicAndDigest() throws Exception {
        Path users = Files.writeString(dir.resolve("users.txt"), "alice:s3cret\n");
        int port = start("--auth", "file:" + users, "--add-header", "X-Site: test");

        String refused = curl(port);
        assertThat(refused).startsWith("HTTP/1.1 401 Unauthorized\r\n").contains("\r\nX-Site: test\r\n")
                .contains("\r\nWWW-Authenticate: basic realm=\"twisted4j\"\r\n")
                .containsPattern("\r\nWWW-Authenticate: digest nonce=\"\\w+\", opaque=\"[^\"]+\", qop=\"auth\", "
                        + "algorithm=\"MD5\", realm=\"twisted4j\"\r\n")
                .endsWith("\r\n\r\nUnauthorized").doesNotContain("hello");
        assertThat(lastResponse(curl(port, "--basic", "-u", "alice:s3cret"))).startsWith("HTTP/1.1 200 OK\r\n")
                .contains("\r\nX-Site: test\r\n").endsWith("\r\n\r\nhello\n");
        assertThat(lastResponse(curl(port, "--basic", "-u", "alice:wrong"))).startsWith("HTTP/1.1 401 ");
        assertThat(lastResponse(curl(port, "--digest", "-u", "alice:s3cret"))).startsWith("HTTP/1.1 200 OK\r\n")
                .endsWith("\r\n\r\nhello\n");
        assertThat(lastResponse(curl(port, "--digest", "-u", "alice:wrong"))).startsWith("HTTP/1.1 401 ");
    }

    @Test
    void theRealmIsTheOneGivenAndUnixPasswordsGetBasicOnly() throws Exception {
        int port = start("--auth", "unix", "--auth-realm", "example \"org\"");
        String refused = curl(port);
        assertThat(refused).startsWith("HTTP/1.1 401 ")
                .contains("\r\nWWW-Authenticate: basic realm=\"example \\\"org\\\"\"\r\n")
                .doesNotContain("digest");
    }

    @Test
    void anonymousAmongTheCheckersServesRequestsWithoutCredentials() throws Exception {
        int port = start("--auth", "anonymous", "--auth", "memory:alice:s3cret");
        assertThat(curl(port)).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nhello\n");
        assertThat(lastResponse(curl(port, "--basic", "-u", "alice:wrong"))).startsWith("HTTP/1.1 401 ");
    }

    @Test
    void withoutAuthTheSiteIsOpen() throws Exception {
        assertThat(curl(start())).startsWith("HTTP/1.1 200 OK\r\n").doesNotContain("WWW-Authenticate");
    }

    @Test
    void unknownAndUnsupportedAuthTypesAreUsageErrors() {
        assertThatThrownBy(() -> start("--auth", "nosuch:x")).isInstanceOf(UsageError.class)
                .hasMessageContaining("--auth 'nosuch:x'");
        assertThatThrownBy(() -> start("--auth", "sshkey")).isInstanceOf(UsageError.class)
                .hasMessageContaining("not supported here");
        assertThatThrownBy(() -> start("--auth", "memory:alice:pw", "--auth-realm", "a\tb"))
                .isInstanceOf(UsageError.class).hasMessageStartingWith("--auth-realm: ");
    }

    @Test
    void helpAuthListsTheTypesTheWebCanUseAndHelpAuthTypeExplainsOne() {
        String types = plugin.requestedHelp(plugin.options().parse(List.of("--help-auth"))).orElseThrow();
        assertThat(types).startsWith("Available types for --auth:\n").contains("  file ").contains("  memory ")
                .contains("  unix ").contains("  anonymous ").doesNotContain("sshkey");
        assertThat(plugin.requestedHelp(plugin.options().parse(List.of("--help-auth-type=file"))).orElseThrow())
                .startsWith("Usage: --auth file:ARGUMENT\n");
        assertThat(plugin.requestedHelp(plugin.options().parse(List.of("--path", "."))))
                .isEmpty();
        assertThatThrownBy(() -> plugin.requestedHelp(plugin.options().parse(List.of("--help-auth-type=nosuch"))))
                .isInstanceOf(UsageError.class);
        assertThat(plugin.options().help()).contains("--auth=TYPE[:ARGUMENT]").contains("--auth-realm=NAME")
                .contains("--help-auth");
    }
}
