package org.twisted4j.bench.soak;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;
import org.twisted4j.web.StaticFile;
import org.twisted4j.web.websocket.WebSocketConnection;
import org.twisted4j.web.websocket.WebSocketHandler;
import org.twisted4j.web.websocket.WebSocketOptions;
import org.twisted4j.web.websocket.WebSocketResource;

/**
 * The root the soak run serves through {@code twist web --class}: the files of the working directory, as
 * {@code --path .} would serve them ({@link StaticFile} with its defaults), and a WebSocket echo at {@code /ws}
 * ({@link WebSocketResource} with its default options, permessage-deflate accepted), which echoes each text and
 * binary message back as it came. {@code twist web} has no WebSocket resource of its own; {@code --class} is its
 * way to serve one.
 *
 * <h2>Threading</h2>
 * Reactor thread only, as every resource.
 */
public final class SoakRoot extends Resource {

    private final StaticFile files = new StaticFile(Path.of("").toAbsolutePath());
    private @Nullable WebSocketResource echo;

    /** Serves the working directory; {@code twist web --class} calls this. */
    public SoakRoot() {
    }

    /** Returns true: {@link #render} routes every path itself. */
    @Override
    public boolean isLeaf() {
        return true;
    }

    /** Answers {@code /ws} (and below) with the WebSocket echo and every other path from the files. */
    @Override
    public byte[] render(Request request) throws Exception {
        List<String> postpath = request.postpath();
        if (!postpath.isEmpty() && postpath.get(0).equals("ws")) {
            request.prepath().add(postpath.remove(0));
            return echo(request).render(request);
        }
        return files.getChildForRequest(request).render(request);
    }

    /** The echo resource, made on first use: the site's clock is known from a request only. */
    private WebSocketResource echo(Request request) {
        WebSocketResource resource = echo;
        if (resource == null) {
            resource = new WebSocketResource(request.getSite().getReactorTime(), WebSocketOptions.defaults(),
                    upgrade -> new Echo());
            echo = resource;
        }
        return resource;
    }

    /** Sends every message back; stops reading while the connection cannot send. */
    private static final class Echo implements WebSocketHandler {
        private @Nullable WebSocketConnection connection;

        @Override
        public void onOpen(WebSocketConnection opened) {
            connection = opened;
        }

        @Override
        public void onText(String text) {
            if (connection != null) {
                connection.sendText(text);
            }
        }

        @Override
        public void onBinary(ByteBuffer data) {
            if (connection != null) {
                connection.sendBinary(data);
            }
        }

        @Override
        public void pauseSending() {
            if (connection != null) {
                connection.pauseReceiving();
            }
        }

        @Override
        public void resumeSending() {
            if (connection != null) {
                connection.resumeReceiving();
            }
        }
    }
}
