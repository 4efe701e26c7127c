package org.twisted4j.web.guard;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.Realm;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers;
import org.twisted4j.web.HttpPeers.Run;
import org.twisted4j.web.LoopbackSite;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Site;

/** The guard on a loopback site, logged into by curl (HTTP/1.1 and h2c) and by Python's urllib. */
@ExtendWith(TrialExtension.class)
class HTTPAuthInteropTest {

    /** Greets the user it was made for, with the protocol the request came over. */
    static final class Greeting extends Resource {
        private final String user;

        Greeting(String user) {
            this.user = user;
        }

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderGET(Request request) {
            return ("hello " + user + " over " + request.getClientProto()).getBytes(UTF_8);
        }
    }

    private NioReactor reactor;
    private LoopbackSite server;
    private final List<String> logins = new ArrayList<>();

    @BeforeEach
    void listen(NioReactor reactor) {
        this.reactor = reactor;
        Realm realm = (avatarId, mind, interfaces) -> {
            logins.add(avatarId);
            return Deferred.succeed(new LoginResult(Resource.class, new Greeting(avatarId), LoginResult.NO_LOGOUT));
        };
        Portal portal = new Portal(realm, new InMemoryUsernamePasswordDatabaseDontUse(Map.of("alice", "s3cret")));
        Resource root = new Resource();
        root.putChild("basic", new HTTPAuthSessionWrapper(portal, List.of(new BasicCredentialFactory("interop"))));
        root.putChild("digest", new HTTPAuthSessionWrapper(portal,
                List.of(new DigestCredentialFactory("MD5", "interop", reactor))));
        root.putChild("both", new HTTPAuthSessionWrapper(portal, List.of(new BasicCredentialFactory("interop"),
                new DigestCredentialFactory("MD5", "interop", reactor))));
        server = LoopbackSite.listen(reactor, root);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private Run curl(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-w", " %{http_code}"));
        all.addAll(List.of(args));
        return server.curl(all.toArray(String[]::new));
    }

    private static String ok(Run run) {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout();
    }

    @Test
    void curlBasicWithTheRightPasswordIsServedAndWithAWrongOneIsRefused() throws Exception {
        assertThat(ok(curl("--basic", "-u", "alice:s3cret", server.url("/basic/page"))))
                .isEqualTo("hello alice over HTTP/1.1 200");
        assertThat(ok(curl("--basic", "-u", "alice:wrong", server.url("/basic/page")))).isEqualTo("Unauthorized 401");
        assertThat(ok(curl(server.url("/basic/page")))).isEqualTo("Unauthorized 401");
        assertThat(logins).containsExactly("alice");
    }

    @Test
    void curlDigestWithTheRightPasswordIsServedAndWithAWrongOneIsRefused() throws Exception {
        assertThat(ok(curl("--digest", "-u", "alice:s3cret", server.url("/digest/page?x=1"))))
                .isEqualTo("hello alice over HTTP/1.1 200");
        assertThat(ok(curl("--digest", "-u", "alice:wrong", server.url("/digest/page")))).isEqualTo("Unauthorized 401");
        assertThat(logins).containsExactly("alice");
    }

    @Test
    void curlPicksDigestFromBothChallengesWithAnyAuth() throws Exception {
        Run run = curl("--anyauth", "-v", "-u", "alice:s3cret", server.url("/both/page"));
        assertThat(ok(run)).isEqualTo("hello alice over HTTP/1.1 200");
        assertThat(run.stderr()).contains("WWW-Authenticate: basic realm=\"interop\"")
                .contains("WWW-Authenticate: digest nonce=").contains("Authorization: Digest username=\"alice\"");
    }

    @Test
    void curlOverH2cLogsInWithBasic() throws Exception {
        assertThat(ok(curl("--http2-prior-knowledge", "--basic", "-u", "alice:s3cret", server.url("/basic/page"))))
                .isEqualTo("hello alice over HTTP/2.0 200");
        Run refused = curl("--http2-prior-knowledge", "-i", "--basic", "-u", "alice:wrong", server.url("/basic/page"));
        assertThat(ok(refused)).startsWith("HTTP/2 401").contains("\r\nwww-authenticate: basic realm=\"interop\"\r\n")
                .endsWith("Unauthorized 401");
    }

    /**
     * Digest takes two requests on one connection; curl 7.88 cannot reuse an h2c prior-knowledge connection
     * (curl/curl#10634, fixed in 8.0), so this runs over TLS, where h2 comes from ALPN.
     */
    @Test
    void curlOverH2OnTlsLogsInWithDigest() throws Exception {
        LoopbackSite secure = LoopbackSite.listenTls(reactor, new Site(server.site().getResource(), reactor));
        try {
            assertThat(ok(secure.curl("-k", "--http2", "-w", " %{http_code}", "--digest", "-u", "alice:s3cret",
                    secure.url("/digest/page")))).isEqualTo("hello alice over HTTP/2.0 200");
            Run refused = secure.curl("-k", "--http2", "-i", "-w", " %{http_code}", "--digest", "-u", "alice:wrong",
                    secure.url("/digest/page"));
            assertThat(ok(refused)).startsWith("HTTP/2 401").contains("\r\nwww-authenticate: digest nonce=")
                    .endsWith("Unauthorized 401");
        } finally {
            secure.stop();
        }
        assertThat(logins).containsExactly("alice");
    }

    private String python(String mode, String path, String user, String password) throws Exception {
        Path script = Path.of(Objects.requireNonNull(HTTPAuthInteropTest.class.getResource("urllib_auth.py")).toURI());
        Run run = HttpPeers.run(reactor, Peer.PYTHON, script.toString(), mode, server.url(path), user, password);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout().strip();
    }

    @Test
    void pythonUrllibLogsInWithBasicAndDigest() throws Exception {
        assertThat(python("basic", "/basic/page", "alice", "s3cret")).isEqualTo("200 hello alice over HTTP/1.1");
        assertThat(python("digest", "/digest/page", "alice", "s3cret")).isEqualTo("200 hello alice over HTTP/1.1");
        assertThat(logins).containsExactly("alice", "alice");
    }

    @Test
    void pythonUrllibWithAWrongPasswordIsRefused() throws Exception {
        assertThat(python("basic", "/basic/page", "alice", "wrong")).isEqualTo("401 Unauthorized");
        assertThat(python("digest", "/digest/page", "alice", "wrong")).isEqualTo("401 digest auth failed");
        assertThat(logins).isEmpty();
    }

}
