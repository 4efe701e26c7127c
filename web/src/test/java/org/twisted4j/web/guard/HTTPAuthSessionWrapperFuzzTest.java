package org.twisted4j.web.guard;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.twisted4j.cred.DigestCredentials;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.LoginFailed;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Served;

/**
 * Fuzzes what the guard reads from clients: the {@code Authorization} header as a whole, Basic's lenient base64,
 * and Digest's directives.
 *
 * <p>Invariants of {@link #anyAuthorizationIsAnsweredWith401Or200}: whatever the header's value, the server
 * answers exactly one response, 401 with both challenges unless the credentials are right (200), and never 500;
 * nothing is thrown.
 *
 * <p>Invariants of {@link #basicAnswersDecodeAsWrittenWhateverIsInsertedOrMissing}: only {@link LoginFailed}
 * escapes; the user name never holds a colon; {@code base64(user:password)}, with its padding dropped or not and
 * any characters outside the alphabet inserted anywhere, decodes to that user and password.
 *
 * <p>Invariants of {@link #digestAnswersAreRefusedOrReadBack}: any answer either fails with {@link LoginFailed} or
 * gives credentials of a non-empty user name; an answer written with the directives quoted (backslashes and
 * quotes escaped) to a fresh challenge reads back the user name, and verifies with the password it was made with
 * and with no other.
 */
class HTTPAuthSessionWrapperFuzzTest {

    private static final String[] SCHEMES = {"Basic ", "Digest ", "basic ", "DIGEST ", "", "Bearer "};
    private static final String JUNK = " \t!#$%&*-.:;<>?@[]^_`{|}~\"\\,\u00e9\u00ff";

    @FuzzTest
    void anyAuthorizationIsAnsweredWith401Or200(FuzzedDataProvider data) {
        String scheme = data.pickValue(SCHEMES);
        String value = scheme + new String(data.consumeRemainingAsBytes(), ISO_8859_1).replace('\r', ' ')
                .replace('\n', ' ').replace('\0', ' ');
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(
                new LoginResult(Resource.class, Served.text("in"), LoginResult.NO_LOGOUT)),
                new InMemoryUsernamePasswordDatabaseDontUse(Map.of("alice", "secret")));
        Resource root = new Resource();
        Served served = new Served(root);
        root.putChild("guarded", new HTTPAuthSessionWrapper(portal, List.of(new BasicCredentialFactory("fuzz"),
                new DigestCredentialFactory("MD5", "fuzz", served.clock))));
        served.send("GET /guarded HTTP/1.1\r\nHost: h\r\nAuthorization: " + value + "\r\n\r\n");
        String response = served.take();
        assertThat(response).startsWith("HTTP/1.1 ");
        String status = response.substring(9, 12);
        if (status.equals("401")) {
            assertThat(response).contains("\r\nWWW-Authenticate: basic realm=\"fuzz\"\r\n")
                    .contains("\r\nWWW-Authenticate: digest nonce=").endsWith("\r\n\r\nUnauthorized");
        } else {
            // A header the HTTP parser refuses is 400; only the right password (alice:secret) is let in.
            assertThat(status).as(value).isIn("200", "400");
        }
        assertThat(response.indexOf("HTTP/1.1 ", 1)).as("one response").isEqualTo(-1);
    }

    @FuzzTest
    void basicAnswersDecodeAsWrittenWhateverIsInsertedOrMissing(FuzzedDataProvider data) {
        String user = data.consumeString(40).replace(":", "");
        String password = data.consumeString(40);
        boolean dropPadding = data.consumeBoolean();
        String encoded = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8));
        if (dropPadding) {
            encoded = encoded.replace("=", "");
        }
        StringBuilder noisy = new StringBuilder(encoded);
        int insertions = data.consumeInt(0, 8);
        for (int i = 0; i < insertions; i++) {
            noisy.insert(data.consumeInt(0, noisy.length()), JUNK.charAt(data.consumeInt(0, JUNK.length() - 1)));
        }
        UsernamePassword read = BasicCredentialFactory.decode(noisy.toString());
        assertThat(read.username()).isEqualTo(new String(user.getBytes(UTF_8), UTF_8));
        assertThat(read.password()).isEqualTo(new String(password.getBytes(UTF_8), UTF_8));

        String any = new String(data.consumeRemainingAsBytes(), ISO_8859_1);
        try {
            UsernamePassword anyRead = BasicCredentialFactory.decode(any);
            assertThat(anyRead.username()).doesNotContain(":");
            assertThat(anyRead.username().length() + anyRead.password().length()).isLessThanOrEqualTo(any.length());
        } catch (LoginFailed expected) {
            assertThat(expected).hasMessage("Invalid credentials");
        }
    }

    @FuzzTest
    void digestAnswersAreRefusedOrReadBack(FuzzedDataProvider data) {
        Clock clock = new Clock();
        org.twisted4j.cred.DigestCredentialFactory factory =
                new org.twisted4j.cred.DigestCredentialFactory("MD5", "fuzz", clock);
        String user = data.consumeString(30);
        String password = data.consumeString(30);
        String uri = "/" + data.consumeString(30).replace("\"", "").replace("\\", "");
        String any = new String(data.consumeRemainingAsBytes(), ISO_8859_1);
        try {
            DigestCredentials read = factory.decode(any, "GET", "192.0.2.1");
            assertThat(read.username()).isNotEmpty();
        } catch (LoginFailed expected) {
            assertThat(expected.getMessage()).startsWith("Invalid response");
        }

        Map<String, String> challenge = factory.getChallenge("192.0.2.1");
        String nonce = challenge.get("nonce");
        String ha1 = DigestCredentials.ha1("MD5", user, "fuzz", password);
        String response = DigestCredentials.response("MD5", ha1, "GET", uri, nonce, "00000001", "abc", "auth");
        String answer = "username=" + quoted(user) + ", realm=\"fuzz\", nonce=\"" + nonce + "\", uri=" + quoted(uri)
                + ", qop=auth, nc=00000001, cnonce=\"abc\", response=\"" + response + "\", opaque="
                + quoted(challenge.get("opaque")) + ", algorithm=MD5";
        if (user.isEmpty()) {
            try {
                factory.decode(answer, "GET", "192.0.2.1");
                throw new AssertionError("an empty user name was taken");
            } catch (LoginFailed expected) {
                return;
            }
        }
        DigestCredentials read = factory.decode(answer, "GET", "192.0.2.1");
        assertThat(read.username()).isEqualTo(user);
        assertThat(read.checkPassword(password)).isTrue();
        assertThat(read.checkPassword(password + "x")).isFalse();
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
