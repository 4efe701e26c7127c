package org.twisted4j.web.cgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CgiEnvironmentTest {

    private static final Path SCRIPT = Path.of("/srv/cgi-bin/env.pl");

    private static CgiEnvironment.Input input(String method, String uri, List<String> prepath,
            List<String> postpath, boolean secure, long length, String[]... headers) {
        return new CgiEnvironment.Input(method, uri, "HTTP/1.1", prepath, postpath, "example.org", "127.0.0.1", 8080,
                "10.0.0.7", secure, List.of(headers), length);
    }

    @Test
    void theMetaVariablesOfRfc3875AreSetFromTheRequest() {
        Map<String, String> env = CgiEnvironment.build(input("POST", "/cgi-bin/env.pl/a/b?x=1&y=2",
                List.of("cgi-bin", "env.pl"), List.of("a", "b"), false, 5,
                new String[] {"Host", "example.org:8080"}, new String[] {"Content-Type", "text/plain"},
                new String[] {"Content-Length", "5"}), SCRIPT, Map.of());

        assertThat(env).containsEntry("SERVER_SOFTWARE", CgiEnvironment.SERVER_SOFTWARE)
                .containsEntry("SERVER_NAME", "example.org").containsEntry("GATEWAY_INTERFACE", "CGI/1.1")
                .containsEntry("SERVER_PROTOCOL", "HTTP/1.1").containsEntry("SERVER_PORT", "8080")
                .containsEntry("REQUEST_METHOD", "POST").containsEntry("SCRIPT_NAME", "/cgi-bin/env.pl")
                .containsEntry("SCRIPT_FILENAME", "/srv/cgi-bin/env.pl")
                .containsEntry("REQUEST_URI", "/cgi-bin/env.pl/a/b?x=1&y=2").containsEntry("PATH_INFO", "/a/b")
                .containsEntry("PATH_TRANSLATED", "/srv/cgi-bin/a/b").containsEntry("QUERY_STRING", "x=1&y=2")
                .containsEntry("REMOTE_ADDR", "10.0.0.7").containsEntry("REMOTE_HOST", "10.0.0.7")
                .containsEntry("CONTENT_TYPE", "text/plain").containsEntry("CONTENT_LENGTH", "5")
                .containsEntry("HTTP_HOST", "example.org:8080")
                .doesNotContainKeys("HTTPS", "HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH");
    }

    @Test
    void withoutExtraPathQueryOrBodyThoseAreEmptyOrAbsent() {
        Map<String, String> env = CgiEnvironment.build(input("GET", "/env.pl", List.of("env.pl"), List.of(), false, 0),
                SCRIPT, Map.of());
        assertThat(env).containsEntry("QUERY_STRING", "").containsEntry("SCRIPT_NAME", "/env.pl")
                .doesNotContainKeys("PATH_INFO", "PATH_TRANSLATED", "CONTENT_LENGTH", "CONTENT_TYPE");
    }

    @Test
    void aChunkedBodyGetsItsReceivedLength() {
        Map<String, String> env = CgiEnvironment.build(input("POST", "/env.pl", List.of("env.pl"), List.of(), false,
                12345, new String[] {"Transfer-Encoding", "chunked"}), SCRIPT, Map.of());
        assertThat(env).containsEntry("CONTENT_LENGTH", "12345").containsEntry("HTTP_TRANSFER_ENCODING", "chunked");
    }

    @Test
    void headersBecomeHttpVariablesWithRepeatsJoinedAndProxyLeftOut() {
        Map<String, String> env = CgiEnvironment.build(input("GET", "/", List.of(""), List.of(), true, 0,
                new String[] {"X-Forwarded-For", "a"}, new String[] {"x-forwarded-for", "b"},
                new String[] {"Cookie", "a=1"}, new String[] {"Cookie", "b=2"}, new String[] {"Proxy", "http://evil/"}),
                SCRIPT, Map.of());
        assertThat(env).containsEntry("HTTP_X_FORWARDED_FOR", "a, b").containsEntry("HTTP_COOKIE", "a=1; b=2")
                .containsEntry("HTTPS", "on").doesNotContainKey("HTTP_PROXY");
    }

    @Test
    void theServersEnvironmentIsPassedOnButNeverUnderTheCgiNames() {
        Map<String, String> env = CgiEnvironment.build(input("GET", "/x", List.of("x"), List.of(), false, 0),
                SCRIPT, Map.of("PATH", "/usr/bin", "HTTP_PROXY", "http://proxy/", "PATH_INFO", "/stale",
                        "HTTPS", "on", "REQUEST_METHOD", "DELETE"));
        assertThat(env).containsEntry("PATH", "/usr/bin").containsEntry("REQUEST_METHOD", "GET")
                .doesNotContainKeys("HTTP_PROXY", "PATH_INFO", "HTTPS");
    }

    @Test
    void withoutAHostTheServerNameIsItsAddress() {
        CgiEnvironment.Input in = new CgiEnvironment.Input("GET", "/x", "HTTP/1.0", List.of("x"), List.of(), "",
                "127.0.0.1", 80, "127.0.0.1", false, List.of(), 0);
        assertThat(CgiEnvironment.build(in, SCRIPT, Map.of())).containsEntry("SERVER_NAME", "127.0.0.1")
                .containsEntry("SERVER_PROTOCOL", "HTTP/1.0");
    }

    @Test
    void aQueryWithoutEqualsIsSplitIntoDecodedArguments() {
        assertThat(CgiEnvironment.searchArguments("/s.pl?hello+big%20world")).containsExactly("hello", "big world");
        assertThat(CgiEnvironment.searchArguments("/s.pl?a=1+2")).isEmpty();
        assertThat(CgiEnvironment.searchArguments("/s.pl")).isEmpty();
        assertThat(CgiEnvironment.searchArguments("/s.pl?")).isEmpty();
        assertThat(CgiEnvironment.searchArguments("/s.pl?bad%zz")).isEmpty();
    }
}
