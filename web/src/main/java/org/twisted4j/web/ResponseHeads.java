package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/** Writes a response's status line and header block, adding Date and Server unless the response set them. */
final class ResponseHeads {

    private ResponseHeads() {
    }

    static ByteBuffer encode(int code, @Nullable String message, Headers h, Site site) {
        StringBuilder out = new StringBuilder(256);
        out.append("HTTP/1.1 ").append(code).append(' ').append(message != null ? message : Http.reasonPhrase(code))
                .append("\r\n");
        if (!h.contains("Date")) {
            out.append("Date: ").append(site.currentDate()).append("\r\n");
        }
        if (!h.contains("Server")) {
            out.append("Server: ").append(site.getServerName()).append("\r\n");
        }
        h.appendTo(out);
        out.append("\r\n");
        return ByteBuffer.wrap(out.toString().getBytes(ISO_8859_1));
    }
}
