package org.twisted4j.web.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers;
import org.twisted4j.web.HttpPeers.Run;
import org.twisted4j.web.LoopbackSite;
import org.twisted4j.web.Resource;

/**
 * The same guard in Python Twisted ({@code twisted_guard_server.py}) and here, asked the same things: the
 * challenges must read the same (nonce and opaque aside), and every {@code Authorization} value must get the same
 * status from both.
 */
@ExtendWith(TrialExtension.class)
class TwistedGuardInteropTest {

    private static final Pattern ANNOUNCED = Pattern.compile("listening on (\\d+)");
    private static final String RIGHT = "YWxpY2U6czNjcmV0"; // alice:s3cret

    private NioReactor reactor;
    private ExternalServer twisted;
    private LoopbackSite ours;

    @BeforeEach
    void start(NioReactor reactor) throws Exception {
        this.reactor = reactor;
        Path script = Path.of(Objects.requireNonNull(getClass().getResource("twisted_guard_server.py")).toURI());
        twisted = ExternalServer.startAnnouncing(reactor, "Twisted guard",
                List.of(Peer.PYTHON_TWISTED.require().toString(), script.toString()), ANNOUNCED);
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(Resource.class,
                new HTTPAuthInteropTest.Greeting(id), LoginResult.NO_LOGOUT)),
                new InMemoryUsernamePasswordDatabaseDontUse(Map.of("alice", "s3cret")));
        Resource root = new Resource();
        root.putChild("guarded", new HTTPAuthSessionWrapper(portal, List.of(new BasicCredentialFactory("interop"),
                new DigestCredentialFactory("MD5", "interop", reactor))));
        ours = LoopbackSite.listen(reactor, root);
    }

    @AfterEach
    void stop() throws Exception {
        if (ours != null) {
            ours.stop();
        }
        if (twisted != null) {
            twisted.stop(reactor);
        }
    }

    private Run curl(int port, @Nullable String authorization, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(more));
        if (authorization != null) {
            args.addAll(List.of("-H", "Authorization: " + authorization));
        }
        args.add("http://127.0.0.1:" + port + "/guarded/x");
        Run run = HttpPeers.curl(reactor, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run;
    }

    private static List<String> challenges(String response) {
        List<String> found = new ArrayList<>();
        for (String line : response.split("\r\n")) {
            if (line.startsWith("WWW-Authenticate: ")) {
                found.add(line.replaceAll("nonce=\"[^\"]*\"", "nonce=*").replaceAll("opaque=\"[^\"]*\"", "opaque=*"));
            }
        }
        return found;
    }

    @Test
    void theChallengesReadTheSameAsTwisteds() throws Exception {
        List<String> theirs = challenges(curl(twisted.port(), null, "-i").stdout());
        assertThat(theirs).hasSize(2);
        assertThat(challenges(curl(ours.port(), null, "-i").stdout())).isEqualTo(theirs);
    }

    @Test
    void everyAuthorizationValueGetsTheStatusTwistedGives() throws Exception {
        List<@Nullable String> values = new ArrayList<>();
        values.add(null);
        values.addAll(List.of("Basic " + RIGHT, "basic " + RIGHT, "BASIC  " + RIGHT, "Basic " + RIGHT + " trailing",
                "Basic " + RIGHT.substring(0, 10) + "!!" + RIGHT.substring(10), "Basic YWxpY2U6d3Jvbmc=", "Basic",
                "Basic A", "Basic Og==", "Basic decode should fail", "Basic YQ==OmI=", "Basic\t" + RIGHT,
                "Digest", "Digest username=\"alice\"", "Digest username=alice, nonce=x, opaque=y", "Digest =",
                "Digest username=\"alice\", nonce=\"x\", opaque=\"y-eA==\", uri=\"/\", response=\"0\"",
                "Negotiate abc", "Bearer " + RIGHT, RIGHT));
        List<String> differences = new ArrayList<>();
        for (String value : values) {
            String theirs = curl(twisted.port(), value, "-o", "/dev/null", "-w", "%{http_code}").stdout();
            String mine = curl(ours.port(), value, "-o", "/dev/null", "-w", "%{http_code}").stdout();
            if (!theirs.equals(mine)) {
                differences.add(value + ": Twisted " + theirs + ", ours " + mine);
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void curlLogsIntoBothTheSameWay() throws Exception {
        for (String scheme : List.of("--basic", "--digest")) {
            assertThat(curl(twisted.port(), null, scheme, "-u", "alice:s3cret").stdout()).isEqualTo("hello alice");
            assertThat(curl(ours.port(), null, scheme, "-u", "alice:s3cret").stdout())
                    .isEqualTo("hello alice over HTTP/1.1");
        }
    }
}
