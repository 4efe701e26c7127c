package org.twisted4j.web.guard;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.cred.AllowAnonymousAccess;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.DigestCredentials;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.LoginDenied;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.Realm;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.Protocol;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Served;

/** The guard on an in-memory connection: each way a request can end, byte for byte where it matters. */
@ExtendWith(TrialExtension.class)
class HTTPAuthSessionWrapperTest {

    private static final String REALM = "test realm";

    /** Gives each user a resource saying who they are and where traversal put them, and counts logouts. */
    static final class TestRealm implements Realm {
        final List<String> avatarIds = new ArrayList<>();
        int loggedOut;
        @Nullable RuntimeException failWith;
        @Nullable Request held;

        @Override
        public Deferred<LoginResult> requestAvatar(String avatarId, @Nullable Object mind, Class<?>... interfaces) {
            if (failWith != null) {
                return Deferred.fail(failWith);
            }
            avatarIds.add(Portal.isAnonymous(avatarId) ? "(anonymous)" : avatarId);
            Resource avatar = new Where("avatar of " + avatarId, false);
            avatar.putChild("child", new Where("child of " + avatarId, true));
            avatar.putChild("form", new Resource() {
                @Override
                protected byte[] renderPOST(Request request) {
                    return ("posted " + request.getArgs() + " by " + avatarId).getBytes(UTF_8);
                }
            });
            avatar.putChild("held", new Resource() {
                @Override
                protected byte[] renderGET(Request request) {
                    held = request;
                    return NOT_DONE_YET;
                }
            });
            return Deferred.succeed(new LoginResult(Resource.class, avatar, () -> loggedOut++));
        }
    }

    /** Says what it is and the request's prepath and postpath. */
    static final class Where extends Resource {
        private final String name;
        private final boolean leaf;

        Where(String name, boolean leaf) {
            this.name = name;
            this.leaf = leaf;
        }

        @Override
        public boolean isLeaf() {
            return leaf;
        }

        @Override
        protected byte[] renderGET(Request request) {
            return (name + " pre=" + request.prepath() + " post=" + request.postpath()).getBytes(UTF_8);
        }
    }

    private final TestRealm realm = new TestRealm();
    private final InMemoryUsernamePasswordDatabaseDontUse users =
            new InMemoryUsernamePasswordDatabaseDontUse(Map.of("alice", "secret"));
    private final Portal portal = new Portal(realm, users);

    private Served served(List<CredentialFactory> factories) {
        Resource root = new Resource();
        root.putChild("guarded", new HTTPAuthSessionWrapper(portal, factories));
        return new Served(root);
    }

    private Served basicSite() {
        return served(List.of(new BasicCredentialFactory(REALM)));
    }

    private static String get(Served served, String path, @Nullable String authorization) {
        return request(served, "GET", path, authorization);
    }

    private static String request(Served served, String method, String path, @Nullable String authorization) {
        served.send(method + " " + path + " HTTP/1.1\r\nHost: h\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n");
        return served.take();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8));
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    private static String statusLine(String response) {
        return response.substring(0, response.indexOf("\r\n"));
    }

    private static List<String> headers(String response, String name) {
        List<String> found = new ArrayList<>();
        for (String line : response.substring(0, response.indexOf("\r\n\r\n")).split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                found.add(line.substring(name.length() + 1).strip());
            }
        }
        return found;
    }

    // ---- 401

    @Test
    void noAuthorizationIsChallengedOncePerFactoryInOrder() {
        Served served = served(List.of(new BasicCredentialFactory(REALM),
                new DigestCredentialFactory("md5", REALM, new Clock())));
        String response = get(served, "/guarded/child", null);
        assertThat(statusLine(response)).isEqualTo("HTTP/1.1 401 Unauthorized");
        List<String> challenges = headers(response, "WWW-Authenticate");
        assertThat(challenges).hasSize(2);
        assertThat(challenges.get(0)).isEqualTo("basic realm=\"test realm\"");
        assertThat(challenges.get(1)).matches("digest nonce=\"[0-9a-f]{24}\", opaque=\"[0-9a-f]{32}-[A-Za-z0-9+/=]+\", "
                + "qop=\"auth\", algorithm=\"md5\", realm=\"test realm\"");
        assertThat(body(response)).isEqualTo("Unauthorized");
        assertThat(realm.avatarIds).isEmpty();
    }

    @Test
    void theWholeUnauthorizedResponseIsAsTwistedsWithOurServerHeader() {
        String response = get(basicSite(), "/guarded", null);
        assertThat(response).isEqualTo("HTTP/1.1 401 Unauthorized\r\nDate: *\r\n" + Served.SERVER
                + "WWW-Authenticate: basic realm=\"test realm\"\r\nContent-Length: 12\r\n\r\nUnauthorized");
    }

    @Test
    void headIsChallengedWithoutABody() {
        String response = request(basicSite(), "HEAD", "/guarded", null);
        assertThat(statusLine(response)).isEqualTo("HTTP/1.1 401 Unauthorized");
        assertThat(headers(response, "WWW-Authenticate")).containsExactly("basic realm=\"test realm\"");
        assertThat(headers(response, "Content-Length")).containsExactly("0");
        assertThat(body(response)).isEmpty();
    }

    @Test
    void aRealmWithQuotesAndBackslashesIsQuotedInTheChallenge() {
        Served served = served(List.of(new BasicCredentialFactory("example\\\"foo")));
        assertThat(headers(get(served, "/guarded", null), "WWW-Authenticate"))
                .containsExactly("basic realm=\"example\\\\\\\"foo\"");
    }

    @Test
    void aWrongPasswordAnUnknownUserAndAnUnknownSchemeAreChallengedAgain() {
        Served served = basicSite();
        for (String authorization : List.of(basic("alice", "wrong"), basic("mallory", "secret"),
                "Bearer abc", "Negotiate", "basicYWxpY2U6c2VjcmV0")) {
            String response = get(served, "/guarded/child", authorization);
            assertThat(statusLine(response)).as(authorization).isEqualTo("HTTP/1.1 401 Unauthorized");
            assertThat(headers(response, "WWW-Authenticate")).containsExactly("basic realm=\"test realm\"");
        }
        assertThat(realm.avatarIds).isEmpty();
    }

    @Test
    void malformedBasicAnswersAre401AsInTwistedNot400() {
        Served served = basicSite();
        for (String authorization : List.of("Basic A", "Basic decode should fail", "Basic "
                + Base64.getEncoder().encodeToString("nocolon".getBytes(UTF_8)), "Basic")) {
            assertThat(statusLine(get(served, "/guarded", authorization))).as(authorization)
                    .isEqualTo("HTTP/1.1 401 Unauthorized");
        }
    }

    @Test
    void withoutAnAnonymousCheckerNoHeaderIsChallenged() {
        assertThat(statusLine(get(basicSite(), "/guarded", ""))).isEqualTo("HTTP/1.1 401 Unauthorized");
    }

    @Test
    void aRealmDenyingTheLoginIsChallenged() {
        realm.failWith = new LoginDenied("not today");
        assertThat(statusLine(get(basicSite(), "/guarded", basic("alice", "secret"))))
                .isEqualTo("HTTP/1.1 401 Unauthorized");
    }

    // ---- the avatar

    @Test
    void theRightPasswordGetsTheAvatarWhichStandsWhereTheWrapperStands() {
        Served served = basicSite();
        assertThat(body(get(served, "/guarded", basic("alice", "secret"))))
                .isEqualTo("avatar of alice pre=[guarded] post=[]");
        assertThat(body(get(served, "/guarded/child/x/y", "bAsIc " + basic("alice", "secret").substring(6))))
                .isEqualTo("child of alice pre=[guarded, child] post=[x, y]");
        assertThat(realm.avatarIds).containsExactly("alice", "alice");
        assertThat(realm.loggedOut).isEqualTo(2);
    }

    @Test
    void aFormBodyReachesTheAvatarAndAWrongPasswordIsRefusedWithoutIt() {
        Served served = basicSite();
        String form = "a=1&b=two";
        String head = "POST /guarded/form HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + form.length() + "\r\n";
        served.send(head + "Authorization: " + basic("alice", "secret") + "\r\n\r\n" + form);
        assertThat(body(served.take())).isEqualTo("posted {a=[1], b=[two]} by alice");
        served.send(head + "Authorization: " + basic("alice", "wrong") + "\r\n\r\n" + form);
        String refused = served.take();
        assertThat(statusLine(refused)).isEqualTo("HTTP/1.1 401 Unauthorized");
        assertThat(body(refused)).isEqualTo("Unauthorized");
    }

    @Test
    void asTheSitesRootTheWrapperHandsTheWholePathToTheAvatar() {
        Served served = new Served(new HTTPAuthSessionWrapper(portal, List.of(new BasicCredentialFactory(REALM))));
        assertThat(body(get(served, "/child/x", basic("alice", "secret"))))
                .isEqualTo("child of alice pre=[child] post=[x]");
        assertThat(statusLine(get(served, "/", basic("alice", "secret")))).isEqualTo("HTTP/1.1 404 Not Found");
        assertThat(statusLine(get(served, "/child", null))).isEqualTo("HTTP/1.1 401 Unauthorized");
    }

    @Test
    void aMissingChildOfTheAvatarIs404() {
        assertThat(statusLine(get(basicSite(), "/guarded/nothing", basic("alice", "secret"))))
                .isEqualTo("HTTP/1.1 404 Not Found");
        assertThat(realm.loggedOut).isEqualTo(1);
    }

    @Test
    void anonymousAccessServesWithoutAHeaderWhenThePortalAllowsIt() {
        portal.registerChecker(new AllowAnonymousAccess());
        Served served = basicSite();
        assertThat(body(get(served, "/guarded/child", null))).startsWith("child of <anonymous>");
        assertThat(realm.avatarIds).containsExactly("(anonymous)");
        assertThat(statusLine(get(served, "/guarded/child", basic("alice", "wrong"))))
                .isEqualTo("HTTP/1.1 401 Unauthorized");
    }

    @Test
    void theLogoutWaitsForTheResponseToFinish() {
        Served served = basicSite();
        served.send("GET /guarded/held HTTP/1.1\r\nHost: h\r\nAuthorization: " + basic("alice", "secret") + "\r\n\r\n");
        Request held = realm.held;
        assertThat(held).isNotNull();
        assertThat(realm.loggedOut).isZero();
        held.write("done".getBytes(ISO_8859_1));
        held.finish();
        assertThat(realm.loggedOut).isEqualTo(1);
        assertThat(served.take()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("4\r\ndone\r\n0\r\n\r\n");
    }

    @Test
    void theLogoutRunsWhenTheClientGoesAway() {
        Served served = basicSite();
        served.send("GET /guarded/held HTTP/1.1\r\nHost: h\r\nAuthorization: " + basic("alice", "secret") + "\r\n\r\n");
        assertThat(realm.held).isNotNull();
        assertThat(realm.loggedOut).isZero();
        served.protocol.connectionLost(new Failure(new ConnectionLost("gone")));
        assertThat(realm.loggedOut).isEqualTo(1);
    }

    // ---- 500

    @Test
    void anUnexpectedErrorFromAFactoryIs500WithoutDetailAndLoggedOnce(Trial trial) {
        CredentialFactory broken = new CredentialFactory() {
            @Override
            public String scheme() {
                return "broken";
            }

            @Override
            public Map<String, String> getChallenge(Request request) {
                return Map.of();
            }

            @Override
            public Credentials decode(String response, Request request) {
                throw new IllegalStateException("secret detail");
            }
        };
        String response = get(served(List.of(broken)), "/guarded", "Broken x");
        assertThat(statusLine(response)).isEqualTo("HTTP/1.1 500 Internal Server Error");
        assertThat(body(response)).contains("Internal Error").doesNotContain("secret detail")
                .doesNotContain("IllegalStateException").doesNotContain("at org.");
        assertThat(trial.flushLoggedErrors(IllegalStateException.class)).hasSize(1);
    }

    @Test
    void anUnexpectedLoginErrorIs500WithoutDetailAndLoggedOnce(Trial trial) {
        realm.failWith = new IllegalStateException("secret detail");
        String response = get(basicSite(), "/guarded/child", basic("alice", "secret"));
        assertThat(statusLine(response)).isEqualTo("HTTP/1.1 500 Internal Server Error");
        assertThat(body(response)).contains("Internal Error").doesNotContain("secret detail");
        assertThat(trial.flushLoggedErrors(IllegalStateException.class)).hasSize(1);
    }

    @Test
    void theWrapperTakesNoChildren() {
        HTTPAuthSessionWrapper wrapper = new HTTPAuthSessionWrapper(portal, List.of());
        assertThatThrownBy(() -> wrapper.putChild("x", new Resource()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- Digest, on the site's Clock

    private static final Pattern DIRECTIVE = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private static Map<String, String> challenge(String header) {
        Map<String, String> directives = new LinkedHashMap<>();
        Matcher m = DIRECTIVE.matcher(header);
        while (m.find()) {
            directives.put(m.group(1), m.group(2));
        }
        return directives;
    }

    private static String digestAnswer(Map<String, String> challenge, String user, String password, String method,
            String uri) {
        String ha1 = DigestCredentials.ha1("MD5", user, REALM, password);
        String response = DigestCredentials.response("MD5", ha1, method, uri, challenge.get("nonce"), "00000001",
                "0a4f113b", "auth");
        return "Digest username=\"" + user + "\", realm=\"" + REALM + "\", nonce=\"" + challenge.get("nonce")
                + "\", uri=\"" + uri + "\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"" + response
                + "\", opaque=\"" + challenge.get("opaque") + "\", algorithm=MD5";
    }

    private Served digestSite() {
        Resource root = new Resource();
        Served served = new Served(root);
        served.site.setIdleTimeout(0); // the challenges age on this clock; the connection should not
        served.site.setHeaderTimeout(0);
        root.putChild("guarded", new HTTPAuthSessionWrapper(portal,
                List.of(new DigestCredentialFactory("md5", REALM, served.clock))));
        return served;
    }

    @Test
    void digestAnswersOfTheRightPasswordGetTheAvatarUntilTheChallengeIsFifteenMinutesOld() {
        Served served = digestSite();
        Map<String, String> c = challenge(headers(get(served, "/guarded/child", null), "WWW-Authenticate").get(0));
        assertThat(c).containsEntry("realm", REALM).containsEntry("qop", "auth").containsEntry("algorithm", "md5");

        String right = digestAnswer(c, "alice", "secret", "GET", "/guarded/child");
        assertThat(body(get(served, "/guarded/child", right))).isEqualTo("child of alice pre=[guarded, child] post=[]");
        assertThat(statusLine(get(served, "/guarded/child", digestAnswer(c, "alice", "wrong", "GET",
                "/guarded/child")))).isEqualTo("HTTP/1.1 401 Unauthorized");
        assertThat(statusLine(get(served, "/guarded/child", digestAnswer(c, "alice", "secret", "POST",
                "/guarded/child")))).isEqualTo("HTTP/1.1 401 Unauthorized");

        served.clock.advance(org.twisted4j.cred.DigestCredentialFactory.CHALLENGE_LIFETIME_SECONDS);
        assertThat(statusLine(get(served, "/guarded/child", right))).isEqualTo("HTTP/1.1 200 OK");
        served.clock.advance(1.0);
        String stale = get(served, "/guarded/child", right);
        assertThat(statusLine(stale)).isEqualTo("HTTP/1.1 401 Unauthorized");
        assertThat(challenge(headers(stale, "WWW-Authenticate").get(0)).get("nonce")).isNotEqualTo(c.get("nonce"));
        assertThat(realm.avatarIds).containsExactly("alice", "alice");
    }

    @Test
    void aDigestOpaqueValueIsBoundToTheClientAndCannotBeAltered() {
        Served served = digestSite();
        Map<String, String> c = challenge(headers(get(served, "/guarded", null), "WWW-Authenticate").get(0));
        Map<String, String> altered = new LinkedHashMap<>(c);
        altered.put("opaque", "0" + c.get("opaque").substring(1));
        if (altered.get("opaque").equals(c.get("opaque"))) {
            altered.put("opaque", "1" + c.get("opaque").substring(1));
        }
        assertThat(statusLine(get(served, "/guarded", digestAnswer(altered, "alice", "secret", "GET", "/guarded"))))
                .isEqualTo("HTTP/1.1 401 Unauthorized");

        StringTransport elsewhere = new StringTransport(StringTransport.DEFAULT_HOST,
                new IPv4Address(AddressType.TCP, "192.168.1.2", 54321));
        Protocol second = served.site.buildProtocol(elsewhere.getPeer());
        second.makeConnection(elsewhere);
        second.dataReceived(ByteBuffer.wrap(("GET /guarded HTTP/1.1\r\nHost: h\r\nAuthorization: "
                + digestAnswer(c, "alice", "secret", "GET", "/guarded") + "\r\n\r\n").getBytes(ISO_8859_1)));
        assertThat(elsewhere.valueAsString(ISO_8859_1)).startsWith("HTTP/1.1 401 Unauthorized\r\n");
        assertThat(body(get(served, "/guarded", digestAnswer(c, "alice", "secret", "GET", "/guarded"))))
                .startsWith("avatar of alice");
        assertThat(realm.avatarIds).containsExactly("alice");
    }

    @Test
    void digestAnswersMissingDirectivesAreChallengedAgain() {
        Served served = digestSite();
        for (String answer : List.of("Digest", "Digest username=\"alice\"", "Digest nonce=\"x\", opaque=\"y\"",
                "Digest username=\"alice\", nonce=\"x\", opaque=\"y-!!\"", "Digest username=\"unterminated",
                "Digest =novalue")) {
            assertThat(statusLine(get(served, "/guarded", answer))).as(answer).isEqualTo("HTTP/1.1 401 Unauthorized");
        }
    }
}
