package org.twisted4j.web.vhost;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers.Run;
import org.twisted4j.web.LoopbackSite;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/** A Site whose root is a NameVirtualHost, fetched with curl naming different hosts. */
@ExtendWith(TrialExtension.class)
class NameVirtualHostTest {

    /** Says which site it belongs to and the path segments left for it. */
    static final class Named extends Resource {
        private final String name;
        private final boolean leaf;

        Named(String name, boolean leaf) {
            this.name = name;
            this.leaf = leaf;
        }

        @Override
        public boolean isLeaf() {
            return leaf;
        }

        @Override
        protected byte[] renderGET(Request request) {
            return (name + " " + request.postpath() + "\n").getBytes(UTF_8);
        }
    }

    private LoopbackSite server;
    private final NameVirtualHost vhost = new NameVirtualHost();

    @BeforeEach
    void listen(NioReactor reactor) {
        Resource a = new Resource();
        a.putChild("", new Named("a-index", false));
        a.putChild("page", new Named("a-page", false));
        vhost.addHost("A.example", a);
        vhost.addHost("leaf.example", new Named("leaf", true));
        server = LoopbackSite.listen(reactor, vhost);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private Run get(String host, String path) throws Exception {
        return server.curl("-H", "Host: " + host, "-w", " %{http_code}", server.url(path));
    }

    @Test
    void theHostHeaderChoosesTheTreeWithoutRegardToCaseOrPort() throws Exception {
        assertThat(get("a.example", "/").stdout()).isEqualTo("a-index []\n 200");
        assertThat(get("A.EXAMPLE:8080", "/page").stdout()).isEqualTo("a-page []\n 200");
    }

    @Test
    void aLeafHostGetsTheWholePath() throws Exception {
        assertThat(get("leaf.example", "/x/y").stdout()).isEqualTo("leaf [x, y]\n 200");
    }

    @Test
    void anUnknownHostIs404WithoutADefault() throws Exception {
        Run run = get("other.example", "/page");
        assertThat(run.stdout()).endsWith(" 404").contains("host not found: other.example");
    }

    @Test
    void anUnknownHostGetsTheDefault() throws Exception {
        vhost.setDefault(new Named("default", true));
        assertThat(get("other.example", "/page").stdout()).isEqualTo("default [page]\n 200");
    }

    @Test
    void aRemovedHostIsNoLongerServed() throws Exception {
        assertThat(vhost.removeHost("a.EXAMPLE")).isTrue();
        assertThat(get("a.example", "/page").stdout()).endsWith(" 404");
        assertThat(vhost.removeHost("a.example")).isFalse();
    }
}
