package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceTest {

    /** Records the prepath and postpath it was reached with. */
    static final class Where extends Resource {
        private final boolean leaf;

        Where(boolean leaf) {
            this.leaf = leaf;
        }

        @Override
        public boolean isLeaf() {
            return leaf;
        }

        @Override
        protected byte[] renderGET(Request request) {
            return ("pre=" + request.prepath() + " post=" + request.postpath()).getBytes(ISO_8859_1);
        }
    }

    private static String body(Served served, String path) {
        served.send("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n");
        String response = served.take();
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    private static String statusLine(String response) {
        return response.substring(0, response.indexOf("\r\n"));
    }

    @Test
    void slashAsksTheRootForItsEmptyChild() {
        Resource root = new Resource();
        root.putChild("", new Where(false));
        assertThat(body(new Served(root), "/")).isEqualTo("pre=[] post=[]");
        Served served = new Served(new Resource());
        served.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(statusLine(served.take())).isEqualTo("HTTP/1.1 404 Not Found");
    }

    @Test
    void traversalMovesSegmentsFromPostpathToPrepath() {
        Resource root = new Resource();
        Resource dir = new Resource();
        root.putChild("dir", dir);
        dir.putChild("", new Where(false));
        dir.putChild("page", new Where(false));
        Served served = new Served(root);
        assertThat(body(served, "/dir/page")).isEqualTo("pre=[dir, page] post=[]");
        assertThat(body(served, "/dir/")).isEqualTo("pre=[dir, ] post=[]");
    }

    @Test
    void aLeafKeepsTheRemainingSegmentsInPostpath() {
        Resource root = new Resource();
        root.putChild("leaf", new Where(true));
        assertThat(body(new Served(root), "/leaf/a/b/")).isEqualTo("pre=[leaf] post=[a, b, ]");
        assertThat(body(new Served(root), "/leaf")).isEqualTo("pre=[leaf] post=[]");
    }

    @Test
    void trailingSlashOnAResourceWithoutAnEmptyChildIsNotFound() {
        Resource root = new Resource();
        root.putChild("page", new Where(false));
        Served served = new Served(root);
        served.send("GET /page/ HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(statusLine(served.take())).isEqualTo("HTTP/1.1 404 Not Found");
    }

    @Test
    void segmentsArePercentDecodedAndTheQueryIsNotPartOfThePath() {
        Resource root = new Resource();
        root.putChild("a b", new Where(true));
        assertThat(body(new Served(root), "/a%20b/%C3%A9t%C3%A9?x=/y")).isEqualTo("pre=[a b] post=[\u00e9t\u00e9]");
    }

    @Test
    void getChildMakesDynamicChildren() {
        List<String> asked = new ArrayList<>();
        Resource root = new Resource() {
            @Override
            public Resource getChild(String path, Request request) {
                asked.add(path);
                return Served.text("dynamic " + path);
            }
        };
        root.putChild("static", Served.text("static"));
        Served served = new Served(root);
        assertThat(body(served, "/static")).isEqualTo("static");
        assertThat(body(served, "/other")).isEqualTo("dynamic other");
        assertThat(asked).containsExactly("other");
    }

    @Test
    void unsupportedMethodIs405WithAllowNamingTheOverriddenMethods() {
        Resource root = new Resource();
        root.putChild("r", new Resource() {
            @Override
            protected byte[] renderGET(Request request) {
                return new byte[0];
            }

            @Override
            protected byte[] renderPOST(Request request) {
                return new byte[0];
            }
        });
        Served served = new Served(root);
        served.send("DELETE /r HTTP/1.1\r\nHost: h\r\n\r\n");
        String response = served.take();
        assertThat(response).startsWith("HTTP/1.1 405 Method Not Allowed\r\n").contains("\r\nAllow: GET, HEAD, POST\r\n");
        served.send("BREW /r HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(served.take()).startsWith("HTTP/1.1 405 ");
    }

    @Test
    void headRendersGetWithItsLengthButNoBody() {
        Resource root = new Resource();
        root.putChild("r", Served.text("twelve bytes"));
        Served served = new Served(root);
        served.send("HEAD /r HTTP/1.1\r\nHost: h\r\n\r\nGET /r HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(served.take()).isEqualTo(
                "HTTP/1.1 200 OK\r\nDate: *\r\n" + Served.SERVER + "Content-Length: 12\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nDate: *\r\n" + Served.SERVER + "Content-Length: 12\r\n\r\ntwelve bytes");
    }

    @Test
    void errorPagesCarryTheirCodeForAnyPathBelowThem() {
        Resource root = new Resource();
        root.putChild("secret", new ForbiddenResource());
        root.putChild("gone", new ErrorPage(410, "Gone", "<removed>"));
        Served served = new Served(root);
        served.send("POST /secret/x/y HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(statusLine(served.take())).isEqualTo("HTTP/1.1 403 Forbidden");
        served.send("GET /gone HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(served.take()).startsWith("HTTP/1.1 410 Gone\r\n").contains("&lt;removed&gt;")
                .doesNotContain("<removed>");
    }

    @Test
    void redirectToSetsFoundWithLocationAndALinkingPage() {
        Resource root = new Resource();
        root.putChild("old", new Redirect("/new?a=1&b=2"));
        Served served = new Served(root);
        served.send("GET /old HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(served.take()).startsWith("HTTP/1.1 302 Found\r\n").contains("\r\nLocation: /new?a=1&b=2\r\n")
                .contains("href=\"/new?a=1&amp;b=2\"");
    }

    @Test
    void allowedMethodsIncludesHeadWheneverGetIsThere() {
        assertThat(Served.text("x").allowedMethods()).containsExactly("GET", "HEAD");
        assertThat(new Resource().allowedMethods()).isEmpty();
    }
}
