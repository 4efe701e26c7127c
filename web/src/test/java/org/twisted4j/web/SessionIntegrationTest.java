package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers.Run;

/** Sessions on the real reactor, kept by curl's cookie jar, over TCP and over TLS. */
@ExtendWith(TrialExtension.class)
class SessionIntegrationTest {

    /** Answers with the session's uid and how many requests it has seen. */
    static final class Visits extends Resource {
        final List<Session> sessions = new ArrayList<>();

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderGET(Request request) {
            Session session = request.getSession();
            sessions.add(session);
            int[] count = session.getComponent(int[].class, () -> new int[1]);
            count[0]++;
            return (session.getUid() + " " + count[0]).getBytes(ISO_8859_1);
        }
    }

    private LoopbackSite plain;
    private LoopbackSite secure;
    private Site site;
    private final Visits visits = new Visits();

    @BeforeEach
    void listen(NioReactor reactor) {
        site = new Site(visits, reactor);
        plain = LoopbackSite.listen(reactor, site);
        secure = LoopbackSite.listenTls(reactor, site);
    }

    @AfterEach
    void stop() throws Exception {
        plain.stop();
        secure.stop();
        visits.sessions.forEach(Session::expire); // their timers would outlive the test
    }

    @Test
    void curlsCookieJarKeepsOneSessionAcrossRequests(@TempDir Path dir) throws Exception {
        String jar = dir.resolve("cookies").toString();
        String url = plain.url("/");
        Run first = plain.curl("-i", "-c", jar, "-b", jar, url);
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        String uid = first.stdout().substring(first.stdout().indexOf("\r\n\r\n") + 4).split(" ")[0];
        assertThat(first.stdout()).contains("\r\nSet-Cookie: TWISTED_SESSION=" + uid + "; Path=/; HttpOnly\r\n")
                .endsWith(uid + " 1");
        Run second = plain.curl("-i", "-c", jar, "-b", jar, url);
        assertThat(second.stdout()).doesNotContain("Set-Cookie").endsWith("\r\n\r\n" + uid + " 2");
        assertThat(site.getSession(uid)).isPresent();
    }

    @Test
    void overTlsTheCookieIsTheSecureOne() throws Exception {
        Run run = secure.curl("-k", "-i", secure.url("/"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String uid = run.stdout().substring(run.stdout().indexOf("\r\n\r\n") + 4).split(" ")[0];
        // curl negotiates HTTP/2 through ALPN here, whose header names are lower case.
        assertThat(run.stdout()).startsWith("HTTP/2 200")
                .contains("\r\nset-cookie: TWISTED_SECURE_SESSION=" + uid + "; Path=/; Secure; HttpOnly\r\n");
    }
}
