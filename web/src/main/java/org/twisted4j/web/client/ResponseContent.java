package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * Reads a response's body whole, as treq's {@code content}, {@code text_content} and {@code json_content}.
 *
 * <pre>{@code
 * client.get("https://example.org/")
 *       .addCallbackDeferred(ResponseContent::text)
 *       .addCallback(page -> page.length());
 * }</pre>
 *
 * <p>The charset of a text body is the {@code charset} parameter of the last {@code Content-Type} field; without
 * one, UTF-8 for {@code application/json}, else the fallback given (ISO-8859-1 by default, as treq and
 * RFC 2616 had it).
 *
 * <p>Threading: reactor thread only, as the response.
 */
public final class ResponseContent {

    private ResponseContent() {
    }

    /**
     * Collects the body.
     *
     * @param response the response
     * @return its body
     * @throws IllegalStateException if the body has already been asked for
     */
    public static Deferred<byte[]> content(Response response) {
        return response.readBody();
    }

    /**
     * Collects the body as text, in the charset the headers name, else ISO-8859-1.
     *
     * @param response the response
     * @return its body as text; failing with {@link java.nio.charset.UnsupportedCharsetException} or
     *     {@link java.nio.charset.IllegalCharsetNameException} for a charset the JVM does not know
     * @throws IllegalStateException if the body has already been asked for
     */
    public static Deferred<String> text(Response response) {
        return text(response, ISO_8859_1);
    }

    /**
     * Collects the body as text, in the charset the headers name, else {@code fallback}.
     *
     * @param response the response
     * @param fallback the charset when the headers name none
     * @return its body as text
     * @throws IllegalStateException if the body has already been asked for
     */
    public static Deferred<String> text(Response response, Charset fallback) {
        return response.readBody().addCallback(body -> new String(body, charsetOf(response, fallback)));
    }

    /**
     * Collects the body and decodes it as JSON (re-encoded to UTF-8 first if the headers name another charset).
     *
     * @param response the response
     * @param codec the JSON codec
     * @param type the type wanted
     * @param <T> the type wanted
     * @return the value; failing as the codec fails
     * @throws IllegalStateException if the body has already been asked for
     */
    public static <T> Deferred<T> json(Response response, JsonCodec codec, Class<T> type) {
        return response.readBody().addCallback(body -> {
            Charset charset = charsetOf(response, UTF_8);
            byte[] utf8 = charset.equals(UTF_8) ? body : new String(body, charset).getBytes(UTF_8);
            return codec.decode(utf8, type);
        });
    }

    /** Returns the charset the response's headers name for its body, or {@code fallback}. */
    static Charset charsetOf(Response response, Charset fallback) {
        List<String> types = response.headers().getAll("Content-Type");
        if (types.isEmpty()) {
            return fallback;
        }
        String type = types.get(types.size() - 1);
        String[] parts = type.split(";");
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        for (int i = 1; i < parts.length; i++) {
            @Nullable String charset = parameter(parts[i], "charset");
            if (charset != null && !charset.isEmpty()) {
                return Charset.forName(charset);
            }
        }
        return mediaType.equals("application/json") ? UTF_8 : fallback;
    }

    private static @Nullable String parameter(String part, String name) {
        int eq = part.indexOf('=');
        if (eq < 0 || !part.substring(0, eq).strip().equalsIgnoreCase(name)) {
            return null;
        }
        String value = part.substring(eq + 1).strip();
        if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        }
        return value.strip();
    }
}
