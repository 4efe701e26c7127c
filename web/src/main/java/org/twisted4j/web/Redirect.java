package org.twisted4j.web;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A leaf that redirects every request to one URL, and {@link #redirectTo}, the helper behind it.
 *
 * <pre>{@code
 * root.putChild("", new Redirect("/index.html"));
 * // or, inside a render method:
 * return Redirect.redirectTo("/login", request);
 * }</pre>
 *
 * <p>Threading: reactor thread only.
 */
public class Redirect extends Resource {

    private final String url;

    /**
     * Makes one.
     *
     * @param url where requests are sent
     */
    public Redirect(String url) {
        this.url = Objects.requireNonNull(url, "url");
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    public byte[] render(Request request) {
        return redirectTo(url, request);
    }

    /**
     * Sets a 302 to the URL on the request and returns a small HTML page linking to it, for a render method
     * to return.
     *
     * @param url the target, absolute or relative
     * @param request the request being answered
     * @return the page body
     * @throws IllegalArgumentException if the URL holds CR, LF or NUL
     */
    public static byte[] redirectTo(String url, Request request) {
        request.redirect(url);
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        String escaped = Http.escapeHtml(url);
        String page = "<html>\n  <head><meta http-equiv=\"refresh\" content=\"0;URL=" + escaped + "\"></head>\n"
                + "  <body bgcolor=\"#FFFFFF\" text=\"#000000\"><a href=\"" + escaped + "\">click here</a></body>\n"
                + "</html>\n";
        return page.getBytes(StandardCharsets.UTF_8);
    }
}
