package org.twisted4j.web.template;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Deferreds;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers;
import org.twisted4j.web.LoopbackSite;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/**
 * {@link Template#renderElement} on a real connection: a page whose Deferred fires late streams its head first (a
 * raw socket reads it before the Deferred is fired), a page produced at once goes out with a Content-Length, and a
 * renderer's failure ends the page with Twisted's error text.
 */
@ExtendWith(TrialExtension.class)
class RenderElementIntegrationTest {

    private static final TemplateLoader PAGE = new XMLString("<html xmlns:t='" + Template.NAMESPACE + "'><head>"
            + "<title>Slow</title></head><body><h1>Top</h1><div t:render='slow'/><p>end</p></body></html>");

    private @Nullable LoopbackSite site;
    private @Nullable Deferred<Object> late;

    /** The page; its "slow" renderer answers with {@link #late} if set, else at once. */
    final class SlowPage extends Element {
        SlowPage() {
            super(PAGE);
        }

        @Renderer
        public Object slow(@Nullable Request request, Tag tag) {
            Deferred<Object> pending = late;
            if (pending == null) {
                return tag.add("fast");
            }
            return pending.addCallback(text -> tag.add(text));
        }

        @Renderer
        public Object broken(@Nullable Request request, Tag tag) {
            throw new IllegalStateException("renderer broke");
        }
    }

    private LoopbackSite serve(NioReactor reactor) {
        Resource root = new Resource() {
            @Override
            public boolean isLeaf() {
                return true;
            }

            @Override
            protected byte[] renderGET(Request request) {
                return Template.renderElement(request, new SlowPage());
            }
        };
        site = LoopbackSite.listen(reactor, root);
        return site;
    }

    @AfterEach
    void stop() throws Exception {
        if (site != null) {
            site.stop();
        }
    }

    @Test
    void theHeadIsReadBeforeTheLateDeferredFires(NioReactor reactor) throws Exception {
        late = new Deferred<>();
        LoopbackSite served = serve(reactor);
        CompletableFuture<String> head = new CompletableFuture<>();
        Deferred<String> rest = reactor.deferToThread(() -> {
            try (Socket socket = new Socket("127.0.0.1", served.port())) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(ISO_8859_1));
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                while (!seen.toString(ISO_8859_1).contains("<h1>Top</h1>")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    seen.write(b);
                }
                head.complete(seen.toString(ISO_8859_1));
                in.transferTo(seen);
                return seen.toString(UTF_8);
            }
        });
        String firstBytes = Coroutine.await(Deferreds.fromCompletionStage(head, reactor::callFromThread));
        assertThat(firstBytes).contains("Transfer-Encoding: chunked").contains("<!DOCTYPE html>\n<html><head>")
                .endsWith("<h1>Top</h1>");
        assertThat(rest.isCalled()).isFalse();
        Objects.requireNonNull(late).callback("slow & late");
        String whole = Coroutine.await(rest);
        assertThat(whole.replaceAll("\r\n[0-9a-f]+\r\n", "")).contains("<h1>Top</h1><div>slow &amp; late</div><p>end</p>"
                + "</body></html>");
    }

    @Test
    void aPageProducedAtOnceHasAContentLength(NioReactor reactor) throws Exception {
        LoopbackSite served = serve(reactor);
        HttpPeers.Run run = served.curl("-i", served.url("/"));
        String expected = "<!DOCTYPE html>\n<html><head><title>Slow</title></head><body><h1>Top</h1><div>fast</div>"
                + "<p>end</p></body></html>";
        assertThat(run.stdout()).contains("Content-Length: " + expected.length()).endsWith("\r\n\r\n" + expected);
    }

    @Test
    void aFailingRendererEndsThePageWithTheErrorText(NioReactor reactor, Trial trial) throws Exception {
        late = Deferred.fail(new IllegalStateException("database down"));
        LoopbackSite served = serve(reactor);
        HttpPeers.Run page = served.curl(served.url("/"));
        assertThat(page.stdout()).isEqualTo("<!DOCTYPE html>\n<html><head><title>Slow</title></head><body><h1>Top</h1>"
                + "<div style=\"font-size:800%;background-color:#FFF;color:#F00\">An error occurred while rendering "
                + "the response.</div>");
        assertThat(trial.flushLoggedErrors(FlattenerError.class)).hasSize(1);
        trial.failureResultOf(Objects.requireNonNull(late), IllegalStateException.class);
    }
}
