package org.twisted4j.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A leaf that answers every request with one status code and a small HTML page naming it.
 *
 * <pre>{@code
 * root.putChild("old", new ErrorPage(410, "Gone", "This page was removed."));
 * }</pre>
 *
 * <p>Threading: reactor thread only.
 */
public class ErrorPage extends Resource {

    private final int code;
    private final String brief;
    private final String detail;

    /**
     * Makes one.
     *
     * @param code the status code
     * @param brief a short title
     * @param detail a sentence of explanation; escaped into the page
     */
    public ErrorPage(int code, String brief, String detail) {
        this.code = code;
        this.brief = brief;
        this.detail = detail;
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    public Resource getChild(String path, Request request) {
        return this;
    }

    /** Renders the page for any method. */
    @Override
    public byte[] render(Request request) {
        request.setResponseCode(code);
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        String page = "<html>\n  <head><title>" + code + " - " + Http.escapeHtml(brief) + "</title></head>\n"
                + "  <body>\n    <h1>" + Http.escapeHtml(brief) + "</h1>\n    <p>" + Http.escapeHtml(detail)
                + "</p>\n  </body>\n</html>\n";
        return page.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public List<String> allowedMethods() {
        return List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    }
}
