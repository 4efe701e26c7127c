package org.twisted4j.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Deferred;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class DeferredResourceTest {

    private final Deferred<Resource> later = new Deferred<>();

    private Served served() {
        Resource root = new Resource();
        root.putChild("later", new DeferredResource(later));
        return new Served(root);
    }

    @Test
    void theRequestWaitsForTheResourceThenWalksTheRestOfThePathFromIt() {
        Served served = served();
        served.send("GET /later/a/b HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(served.take()).isEmpty();
        Resource dir = new Resource();
        dir.putChild("a", new ResourceTest.Where(true));
        later.callback(dir);
        assertThat(served.take()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\npre=[later, a] post=[b]");
    }

    @Test
    void aFailedDeferredIs500AndLogged(Trial trial) {
        Served served = served();
        served.send("GET /later HTTP/1.1\r\nHost: h\r\n\r\n");
        later.errback(new IllegalStateException("no resource"));
        String response = served.take();
        assertThat(response).startsWith("HTTP/1.1 500 Internal Server Error\r\n").doesNotContain("no resource");
        assertThat(trial.flushLoggedErrors(IllegalStateException.class)).hasSize(1);
    }

    @Test
    void aResourceThatIsThereAlreadyRendersAtOnce() {
        Deferred<Resource> now = Deferred.succeed(Served.text("now"));
        Resource root = new Resource();
        root.putChild("now", new DeferredResource(now));
        Served served = new Served(root);
        served.send("GET /now HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(served.take()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nnow");
    }
}
