package org.twisted4j.web.template;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.logger.Logger;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/**
 * One page answering a request: flattened into a buffer while the render method runs, so that a page produced at
 * once is returned whole; written to the request as it comes once the render method has returned.
 */
final class PageResponse {

    private static final Logger LOG = Logger.forClass(PageResponse.class);
    private static final String ERROR_DIV = "<div style=\"font-size:800%;background-color:#FFF;color:#F00\">"
            + "An error occurred while rendering the response.</div>";

    private final Request request;
    private @Nullable ByteArrayOutputStream early = new ByteArrayOutputStream();
    private boolean gone;

    PageResponse(Request request) {
        this.request = request;
    }

    byte[] render(Object page) {
        Deferred<@Nullable Void> flattening = Template.flatten(request, page, this::write);
        boolean[] ended = {false};
        flattening.addErrback(this::failed).addBoth(result -> {
            ended[0] = true;
            if (early == null && !request.isFinished()) {
                request.finish();
            }
            return null;
        });
        ByteArrayOutputStream gathered = early;
        early = null;
        if (ended[0] && gathered != null) {
            return gathered.toByteArray();
        }
        request.notifyFinish().addErrback(failure -> {
            gone = true;
            flattening.cancel();
            return null;
        });
        if (gathered != null && gathered.size() > 0) {
            request.write(gathered.toByteArray());
        }
        return Resource.NOT_DONE_YET;
    }

    private void write(byte[] bytes) {
        ByteArrayOutputStream gathered = early;
        if (gathered != null) {
            gathered.writeBytes(bytes);
        } else if (!gone) {
            request.write(bytes);
        }
    }

    private @Nullable Void failed(Failure failure) {
        if (gone) {
            return null;
        }
        LOG.failure("An error occurred while rendering the response.", failure, "request", request.toString());
        write(utf8(ERROR_DIV));
        if (request.getSite().getDisplayTracebacks()) {
            write(utf8("<pre>" + escape(failure.getTraceback()) + "</pre>"));
        }
        return null;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
