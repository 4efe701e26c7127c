package org.twisted4j.web.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers;
import org.twisted4j.web.LoopbackSite;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/**
 * A browser's {@code EventSource} (headless Chromium) receiving our events: the page lists each event's id and data,
 * closes the source after the third, and Chromium prints the page as it then stands and takes a screenshot of it
 * (kept as {@code target/screenshots/chromium-eventsource.png}), which must show the three events' lines.
 */
@ExtendWith(TrialExtension.class)
class EventSourceBrowserTest {

    private static final Peer CHROMIUM = Peer.command("chromium", "chromium");

    private static final String PAGE = """
            <!DOCTYPE html><html><body><ul id="log"></ul><script>
            let seen = 0;
            const source = new EventSource("/events");
            source.addEventListener("tick", e => {
              const li = document.createElement("li");
              li.textContent = e.lastEventId + "=" + e.data.replace("\\n", "|");
              document.getElementById("log").appendChild(li);
              if (++seen === 3) { source.close(); document.title = "done"; }
            });
            </script></body></html>""";

    /** Where the screenshot is kept, under the module's build directory. */
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;

    /**
     * Counts the bands of rows holding dark pixels (text) on the page's white background: a blank page or one
     * missing its events has none or fewer.
     */
    static int textLines(BufferedImage image) {
        int bands = 0;
        boolean inBand = false;
        for (int y = 0; y < image.getHeight(); y++) {
            boolean dark = false;
            for (int x = 0; x < image.getWidth() && !dark; x++) {
                int rgb = image.getRGB(x, y);
                int luma = (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
                dark = luma < 128;
            }
            if (dark && !inBand) {
                bands++;
            }
            inBand = dark;
        }
        return bands;
    }

    @Test
    void chromiumsEventSourceReceivesTheEvents(NioReactor reactor, @TempDir Path profile) throws Exception {
        EventSourceResource events = new EventSourceResource(reactor);
        Deferred<@Nullable Void> connected = new Deferred<>();
        Resource root = new Resource() {
            @Override
            protected byte[] renderGET(Request request) {
                request.setHeader("Content-Type", "text/html; charset=utf-8");
                return PAGE.getBytes(UTF_8);
            }
        };
        root.putChild("", root);
        root.putChild("events", new Resource() {
            @Override
            public boolean isLeaf() {
                return true;
            }

            @Override
            public byte[] render(Request request) throws Exception {
                byte[] answer = events.render(request);
                if (!connected.isCalled()) {
                    connected.callback(null);
                }
                return answer;
            }
        });
        LoopbackSite site = LoopbackSite.listen(reactor, root);
        try {
            Path screenshot = Files.createDirectories(SCREENSHOTS).resolve("chromium-eventsource.png");
            Files.deleteIfExists(screenshot);
            // the DOM is printed and the screenshot taken at the same moment: once the page is idle (the source
            // closed) or its 10 s of virtual time have run out
            Deferred<HttpPeers.Run> browser = Coroutine.start(() -> HttpPeers.run(reactor, CHROMIUM, "--headless",
                    "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile, "--virtual-time-budget=10000",
                    "--window-size=" + WIDTH + "," + HEIGHT, "--hide-scrollbars", "--screenshot=" + screenshot,
                    "--dump-dom", site.url("/")));
            Coroutine.await(connected);
            events.publish("tick", "one");
            events.publish("other", "not listened to");
            events.publish("tick", "two\nlines");
            events.publish("tick", "<three> & \"four\"");
            events.closeAll();
            HttpPeers.Run run = Coroutine.await(browser);
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout()).contains("<title>done</title>").contains("<ul id=\"log\"><li>1=one</li>"
                    + "<li>3=two|lines</li><li>4=&lt;three&gt; &amp; \"four\"</li></ul>");
            BufferedImage image = ImageIO.read(screenshot.toFile());
            assertThat(image).as("a PNG at " + screenshot).isNotNull();
            assertThat(image.getWidth()).isEqualTo(WIDTH);
            assertThat(image.getHeight()).isEqualTo(HEIGHT);
            assertThat(textLines(image)).as("lines of text in " + screenshot).isEqualTo(3);
        } finally {
            site.stop();
        }
    }
}
