package org.twisted4j.web.template;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers;
import org.twisted4j.web.LoopbackSite;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/**
 * Our flattener against Python Twisted's ({@code template_render.py}): the same template, renderers and hostile data
 * give the same bytes, through {@link Template#flattenString} and through {@link Template#renderElement} read with
 * curl.
 */
@ExtendWith(TrialExtension.class)
class TemplateInteropTest {

    private static Path resource(String name) throws Exception {
        return Path.of(Objects.requireNonNull(TemplateInteropTest.class.getResource(name)).toURI());
    }

    private static byte[] python(NioReactor reactor, String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = resource("template_render.py").toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Peer.PYTHON_TWISTED.require();
        HttpPeers.Run run = HttpPeers.run(reactor, Peer.PYTHON, command);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout().getBytes(ISO_8859_1);
    }

    private static Path data(Path dir) throws Exception {
        return Files.writeString(dir.resolve("data.json"), InteropPage.Data.HOSTILE.json(), UTF_8);
    }

    @Test
    void parsedTemplateFlattensAsTwistedDoes(NioReactor reactor, @TempDir Path dir) throws Exception {
        byte[] theirs = python(reactor, "page", resource("page.xml").toString(), data(dir).toString());
        InteropPage page = new InteropPage(new XMLFile(resource("page.xml")), InteropPage.Data.HOSTILE);
        byte[] ours = Coroutine.await(Template.flattenString(null, page));
        assertThat(new String(ours, UTF_8)).isEqualTo(new String(theirs, UTF_8));
        assertThat(ours).isEqualTo(theirs);
        assertThat(new String(ours, UTF_8)).doesNotContain("<script>alert").contains("&lt;script&gt;alert(\"t&amp;t\")");
    }

    @Test
    void tagsBuiltInJavaFlattenAsTwistedDoes(NioReactor reactor, @TempDir Path dir) throws Exception {
        byte[] theirs = python(reactor, "stan", data(dir).toString());
        byte[] ours = Coroutine.await(Template.flattenString(null, InteropPage.stan(InteropPage.Data.HOSTILE)));
        assertThat(new String(ours, UTF_8)).isEqualTo(new String(theirs, UTF_8));
        assertThat(ours).isEqualTo(theirs);
    }

    @Test
    void renderElementServesTheDoctypeAndTheSameBytes(NioReactor reactor, @TempDir Path dir) throws Exception {
        byte[] theirs = python(reactor, "page", resource("page.xml").toString(), data(dir).toString());
        TemplateLoader loader = new XMLFile(resource("page.xml"));
        Resource root = new Resource() {
            @Override
            protected byte[] renderGET(Request request) {
                return Template.renderElement(request, new InteropPage(loader, InteropPage.Data.HOSTILE));
            }
        };
        root.putChild("page", root);
        LoopbackSite site = LoopbackSite.listen(reactor, root);
        try {
            Path body = dir.resolve("body");
            HttpPeers.Run run = site.curl("-o", body.toString(), "-w", "%{content_type}", site.url("/page"));
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout()).isEqualTo("text/html; charset=utf-8");
            byte[] expected = ("<!DOCTYPE html>\n" + new String(theirs, UTF_8)).getBytes(UTF_8);
            assertThat(Files.readAllBytes(body)).isEqualTo(expected);
        } finally {
            site.stop();
        }
    }
}
