package org.twisted4j.web.cgi;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ProcessDone;
import org.twisted4j.internet.ProcessExitedAlready;
import org.twisted4j.internet.ProcessProtocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.logger.Logger;
import org.twisted4j.web.ErrorPage;
import org.twisted4j.web.Headers;
import org.twisted4j.web.Request;

/**
 * Talks to one running CGI script for one request: writes the request body to the script's standard input
 * and closes it, parses the headers the script writes, then passes its output to the client piece by piece
 * as it comes. It is registered with the request as a push producer, so a slow client pauses the reading of
 * the script's output (and, once the pipe is full, the script). If the client goes away, the script is
 * killed. Reactor thread only.
 */
final class CgiProcess extends ProcessProtocol implements PushProducer {

    private static final Logger LOG = Logger.forClass(CgiProcess.class);
    /** Most bytes of the script's standard error kept for the log. */
    private static final int MAX_ERROR_BYTES = 8192;

    private final Request request;
    private final byte[] body;
    private final boolean nph;
    private final CgiHeaderParser parser = new CgiHeaderParser();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private boolean headersDone;
    private boolean failed;
    private boolean clientGone;
    private boolean exited;
    private boolean registered;

    CgiProcess(Request request, byte[] body, boolean nph) {
        this.request = request;
        this.body = body;
        this.nph = nph;
    }

    @Override
    public void connectionMade() {
        request.registerProducer(this, true);
        registered = true;
        request.notifyFinish().addErrback(reason -> {
            clientGone();
            return null;
        });
        if (body.length > 0) {
            transport().write(ByteBuffer.wrap(body));
        }
        transport().closeStdin();
    }

    @Override
    public void outReceived(ByteBuffer data) {
        if (failed || clientGone) {
            data.position(data.limit());
            return;
        }
        if (nph) {
            headersDone = true; // the script's own status line and headers go out as they are
            request.writeRaw(copy(data));
            return;
        }
        if (headersDone) {
            request.write(copy(data));
            return;
        }
        switch (parser.feed(data)) {
            case CgiHeaderParser.NeedMore more -> {
            }
            case CgiHeaderParser.Bad bad -> fail("bad CGI headers: " + bad.reason());
            case CgiHeaderParser.Complete complete -> {
                Headers checked = new Headers();
                CgiHeaderParser.Head head;
                try {
                    head = CgiHeaderParser.interpret(complete.fields());
                    for (CgiHeaderParser.Field field : head.headers()) {
                        checked.add(field.name(), field.value());
                    }
                } catch (IllegalArgumentException e) {
                    fail("bad CGI headers: " + e.getMessage());
                    return;
                }
                request.setResponseCode(head.status(), head.reason());
                checked.forEach(request::addHeader);
                headersDone = true;
                ByteBuffer rest = complete.body();
                if (rest.hasRemaining()) {
                    request.write(rest);
                }
            }
        }
    }

    @Override
    public void errReceived(ByteBuffer data) {
        int keep = Math.min(data.remaining(), MAX_ERROR_BYTES - errors.size());
        if (keep > 0) {
            byte[] bytes = new byte[keep];
            data.get(bytes);
            errors.writeBytes(bytes);
        }
        data.position(data.limit());
    }

    @Override
    public void processExited(Failure reason) {
        exited = true;
    }

    @Override
    public void processEnded(Failure reason) {
        exited = true;
        boolean clean = reason.check(ProcessDone.class) != null;
        if (errors.size() > 0) {
            LOG.warn("CGI {uri} wrote to standard error: {errors}", "uri", request.getUri(),
                    "errors", errors.toString(UTF_8).strip());
        }
        if (!clean) {
            LOG.warn("CGI {uri} ended badly: {reason}", "uri", request.getUri(), "reason", reason.getErrorMessage());
        }
        if (failed || clientGone) {
            end();
            return;
        }
        if (!headersDone) {
            String what = nph ? "the script ended without writing anything"
                    : "the script ended before the end of its headers";
            fail(clean ? what : what + ": " + reason.getErrorMessage());
            return;
        }
        end();
    }

    // ---- the client connection's producer

    @Override
    public void pauseProducing() {
        transport().pauseProducing();
    }

    @Override
    public void resumeProducing() {
        transport().resumeProducing(); // also after the exit: output may still wait to be delivered
    }

    @Override
    public void stopProducing() {
        clientGone();
    }

    // ---- endings

    /** Answers 500 (if nothing has been sent yet), logs why, and stops the script. */
    private void fail(String why) {
        failed = true;
        LOG.error("CGI {uri} failed: {why}", "uri", request.getUri(), "why", why);
        if (!request.isFinished()) {
            byte[] page = new ErrorPage(500, "CGI Script Error", "The script failed to answer; the server has "
                    + "logged why.").render(request);
            request.setHeader("Content-Length", Integer.toString(page.length));
            request.write(page);
        }
        kill();
        end();
    }

    private void clientGone() {
        if (clientGone) {
            return;
        }
        clientGone = true;
        kill();
    }

    private void kill() {
        if (exited) {
            return;
        }
        try {
            transport().signalProcess("KILL");
        } catch (ProcessExitedAlready e) {
            exited = true;
        }
    }

    private void end() {
        if (registered) {
            registered = false;
            if (!clientGone) {
                request.unregisterProducer();
            }
        }
        if (!request.isFinished()) {
            request.finish();
        }
    }

    private static ByteBuffer copy(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        return copy;
    }
}
