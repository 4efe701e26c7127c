package org.twisted4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class AdbapiGuestbookTest {

    @TempDir
    Path directory;

    @Test
    void signedEntriesAreListedEscapedAndKeptInTheEmbeddedDatabase(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(AdbapiGuestbook.start(reactor, "tcp:0:interface=127.0.0.1", List.of(), directory));
        String url = WebHelloTest.url(port, "/");

        String posted = WebHelloTest.curl(reactor, "-i", "--data-urlencode", "name=ann", "--data-urlencode",
                "message=hello <b>'; DROP TABLE guestbook_entry; --", url);
        assertThat(posted).startsWith("HTTP/1.1 303 ").contains("\r\nLocation: /\r\n");
        WebHelloTest.curl(reactor, "--data-urlencode", "name=bob", "--data-urlencode", "message=second", url);

        String page = WebHelloTest.curl(reactor, url);
        assertThat(page).contains("<li><b>ann</b>: hello &lt;b&gt;&#39;; DROP TABLE guestbook_entry; --</li>",
                "<li><b>bob</b>: second</li>");
        assertThat(page.indexOf("ann")).isLessThan(page.indexOf("bob"));
        assertThat(directory.resolve("adbapi.mv.db")).isRegularFile();
        Coroutine.await(port.stopListening());
    }

    @Test
    void aPostWithoutAMessageIsRefused(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(AdbapiGuestbook.start(reactor, "tcp:0:interface=127.0.0.1", List.of(), directory));
        String answer = WebHelloTest.curl(reactor, "-i", "--data-urlencode", "name=ann", WebHelloTest.url(port, "/"));
        assertThat(answer).startsWith("HTTP/1.1 400 ").endsWith("name and message are both needed\n");
        Coroutine.await(port.stopListening());
    }
}
