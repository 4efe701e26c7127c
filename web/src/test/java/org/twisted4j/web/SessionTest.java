package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.ssl.TlsHandshakeInfo;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.protocols.tls.TlsAware;

class SessionTest {

    private static final Pattern SET_COOKIE = Pattern.compile("\r\nSet-Cookie: ([^\r]*)\r\n");

    /** Answers with the uid of the request's session, asked for twice. */
    static final class Uid extends Resource {
        final List<Session> seen = new ArrayList<>();

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderGET(Request request) {
            Session session = request.getSession();
            assertThat(request.getSession()).isSameAs(session);
            seen.add(session);
            return session.getUid().getBytes(ISO_8859_1);
        }
    }

    private final Uid uid = new Uid();
    private final Served served = new Served(uid);

    SessionTest() {
        served.site.setIdleTimeout(0);
    }

    private String get(String cookie) {
        served.send("GET / HTTP/1.1\r\nHost: h\r\n" + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "\r\n");
        return served.take();
    }

    private static List<String> setCookies(String response) {
        List<String> found = new ArrayList<>();
        Matcher m = SET_COOKIE.matcher(response.substring(0, response.indexOf("\r\n\r\n") + 2));
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void firstUseMakesASessionAndSetsOneHttpOnlyCookieForTheWholeSite() {
        String response = get(null);
        String id = body(response);
        assertThat(id).matches("[0-9a-f]{64}");
        assertThat(setCookies(response)).containsExactly("TWISTED_SESSION=" + id + "; Path=/; HttpOnly");
        assertThat(served.site.getSession(id)).containsSame(uid.seen.get(0));
    }

    @Test
    void theCookieFindsItsSessionOnTheNextRequestAndNoCookieIsSetAgain() {
        String id = body(get(null));
        String second = get("other=1; TWISTED_SESSION=" + id);
        assertThat(body(second)).isEqualTo(id);
        assertThat(setCookies(second)).isEmpty();
        assertThat(uid.seen.get(1)).isSameAs(uid.seen.get(0));
    }

    @Test
    void anUnknownUidGetsANewSessionAndCookie() {
        String response = get("TWISTED_SESSION=" + "ab".repeat(32));
        String id = body(response);
        assertThat(id).isNotEqualTo("ab".repeat(32));
        assertThat(setCookies(response)).containsExactly("TWISTED_SESSION=" + id + "; Path=/; HttpOnly");
    }

    @Test
    void aSessionExpiresAfterItsTimeoutWithoutUseAndItsCookieThenGetsANewOne() {
        String id = body(get(null));
        Session session = uid.seen.get(0);
        List<String> expired = new ArrayList<>();
        session.notifyOnExpire(() -> expired.add("first"));
        session.notifyOnExpire(() -> expired.add("second"));
        served.clock.advance(Session.DEFAULT_SESSION_TIMEOUT - 1);
        assertThat(expired).isEmpty();
        assertThat(served.site.getSession(id)).isPresent();
        served.clock.advance(1);
        assertThat(expired).containsExactly("first", "second");
        assertThat(session.isExpired()).isTrue();
        assertThat(served.site.getSession(id)).isEmpty();

        String again = get("TWISTED_SESSION=" + id);
        assertThat(body(again)).isNotEqualTo(id);
        assertThat(setCookies(again)).containsExactly("TWISTED_SESSION=" + body(again) + "; Path=/; HttpOnly");
    }

    @Test
    void eachRequestUsingTheSessionPushesItsExpiryBack() {
        String id = body(get(null));
        served.clock.advance(800);
        get("TWISTED_SESSION=" + id);
        assertThat(uid.seen.get(0).getLastModified()).isEqualTo(800);
        served.clock.advance(800);
        assertThat(served.site.getSession(id)).as("touched 800 s ago").isPresent();
        served.clock.advance(100);
        assertThat(served.site.getSession(id)).isEmpty();
    }

    @Test
    void expireForgetsTheSessionCancelsItsTimerAndRunsCallbacksOnce() {
        Clock clock = new Clock();
        Site site = new Site(new Resource(), clock);
        Session session = site.makeSession();
        int[] calls = new int[1];
        session.notifyOnExpire(() -> calls[0]++);
        session.notifyOnExpire(() -> {
            throw new IllegalStateException("a failing callback does not stop the others");
        });
        session.notifyOnExpire(() -> calls[0]++);
        assertThat(clock.getDelayedCalls()).hasSize(1);
        session.expire();
        session.expire();
        assertThat(calls[0]).isEqualTo(2);
        assertThat(clock.getDelayedCalls()).isEmpty();
        assertThat(site.getSession(session.getUid())).isEmpty();
        session.notifyOnExpire(() -> calls[0]++);
        assertThat(calls[0]).as("a callback given after expiry runs at once").isEqualTo(3);
    }

    @Test
    void sessionTimeoutCanBeChangedPerSession() {
        Session session = served.site.makeSession();
        session.setSessionTimeout(10);
        served.clock.advance(9);
        assertThat(session.isExpired()).isFalse();
        served.clock.advance(1);
        assertThat(session.isExpired()).isTrue();
        assertThatThrownBy(() -> served.site.makeSession().setSessionTimeout(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sitesMakeDistinctSessionsAndDoNotFindUnknownUids() {
        Session a = served.site.makeSession();
        Session b = served.site.makeSession();
        assertThat(a.getUid()).isNotEqualTo(b.getUid()).matches("[0-9a-f]{64}");
        assertThat(served.site.getSession(a.getUid())).containsSame(a);
        assertThat(served.site.getSession("nope")).isEmpty();
        assertThat(a.getSite()).isSameAs(served.site);
    }

    record Cart(List<String> items) {
    }

    @Test
    void componentsAreKeptOnePerClass() {
        Session session = served.site.makeSession();
        assertThat(session.getComponent(Cart.class)).isNull();
        Cart cart = session.getComponent(Cart.class, () -> new Cart(new ArrayList<>()));
        assertThat(session.getComponent(Cart.class, () -> new Cart(List.of()))).isSameAs(cart);
        session.setComponent(String.class, "name");
        assertThat(session.getComponent(String.class)).isEqualTo("name");
        assertThat(session.getComponent(Cart.class)).isSameAs(cart);
        assertThat(session.removeComponent(Cart.class)).isSameAs(cart);
        assertThat(session.getComponent(Cart.class)).isNull();
    }

    /** A session subclass made by the site's factory. */
    static final class Counted extends Session {
        int visits;

        Counted(Site site, String uid) {
            super(site, uid);
            setSessionTimeout(60);
        }
    }

    @Test
    void aSessionFactoryMakesTheSitesSessions() {
        served.site.setSessionFactory(Counted::new);
        get(null);
        assertThat(uid.seen.get(0)).isInstanceOf(Counted.class);
        served.clock.advance(60);
        assertThat(uid.seen.get(0).isExpired()).isTrue();
    }

    @Test
    void overTlsTheCookieIsTheSecureOneAndMarkedSecure() {
        ((TlsAware) served.protocol).handshakeCompleted(
                new TlsHandshakeInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", null, List.of(), List.of(), null));
        String response = get(null);
        String id = body(response);
        assertThat(setCookies(response)).containsExactly("TWISTED_SECURE_SESSION=" + id + "; Path=/; Secure; HttpOnly");
        assertThat(body(get("TWISTED_SECURE_SESSION=" + id))).isEqualTo(id);
    }

    @Test
    void aNewSessionAfterTheHeadersWentIsRefused() {
        HTTPChannelTest.Later later = new HTTPChannelTest.Later();
        Served streaming = new Served(later);
        streaming.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        Request request = later.held.get(0);
        request.write("x".getBytes(ISO_8859_1));
        assertThatThrownBy(request::getSession).isInstanceOf(IllegalStateException.class);
    }
}
