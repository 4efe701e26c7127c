package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.web.client.Cookie;
import org.twisted4j.web.client.CookieJar;
import org.twisted4j.web.files.HttpDate;
import org.twisted4j.web.internal.FieldChecks;

/**
 * Fuzzes the server's cookie handling against the client's: the {@code Cookie} request header as the server
 * reads it ({@link Request#getCookie}), and the {@code Set-Cookie} value the server writes
 * ({@link Request#addCookie}).
 *
 * <p>Invariants of {@link #cookieHeaderReadsBackWhatTheClientSent}: whatever the {@code Set-Cookie} fields a
 * client's {@link CookieJar} took, the {@code Cookie} field it writes for a request is one a header list
 * accepts, and the server reads back from it, for each name, the value of the first cookie of that name sent;
 * any text as a {@code Cookie} field gives, for each name in it, a value free of ';' and of surrounding
 * whitespace, and never throws.
 *
 * <p>Invariants of {@link #setCookieWrittenByTheServerReadsBackInTheClient}: the server refuses (with
 * {@link IllegalArgumentException}) exactly a name that is not a token and a value or attribute holding a
 * control character, ';' or ','; a {@code Set-Cookie} it writes reads back in the client's jar with the same
 * name, the value without surrounding whitespace, and the path, domain, expiry and flags its attributes set
 * (Max-Age winning over Expires, a cookie already expired deleting, a domain the host is not in ignored).
 */
class RequestTargetsFuzzTest {

    private static final URI URI = java.net.URI.create("https://www.example.com/shop/cart");
    private static final Instant NOW = Instant.parse("2025-12-06T10:00:00Z");
    private static final String[] DOMAINS = {"example.com", ".Example.COM", "www.example.com", "other.org", "com"};
    private static final String[] PATHS = {"/", "/shop", "/shop/", "/account", "relative"};
    private static final String[] SAME_SITE = {"Lax", "Strict", "None"};

    @FuzzTest
    void cookieHeaderReadsBackWhatTheClientSent(FuzzedDataProvider data) {
        String text = new String(data.consumeRemainingAsBytes(), ISO_8859_1);

        CookieJar jar = new CookieJar(new Clock(), NOW);
        jar.setCookies(URI, List.of(text.split("\n", -1)));
        List<Cookie> sent = jar.cookiesFor(URI);
        String header = jar.cookieHeader(URI);
        if (header != null) {
            Headers headers = new Headers();
            headers.add("Cookie", header);
            Set<String> seen = new HashSet<>();
            for (Cookie cookie : sent) {
                if (seen.add(cookie.name())) {
                    assertThat(RequestTargets.cookie(headers, cookie.name())).as(cookie.name()).isEqualTo(cookie.value());
                }
            }
        }

        Headers raw = new Headers();
        raw.addUnchecked("Cookie", text);
        for (String pair : text.split(";", -1)) {
            int eq = pair.indexOf('=');
            String name = pair.substring(0, Math.max(eq, 0)).strip();
            String value = RequestTargets.cookie(raw, name);
            if (eq > 0) {
                assertThat(value).isNotNull().doesNotContain(";").isEqualTo(value.strip());
            }
        }
    }

    @FuzzTest
    void setCookieWrittenByTheServerReadsBackInTheClient(FuzzedDataProvider data) {
        @Nullable String domain = data.consumeBoolean() ? DOMAINS[data.consumeInt(0, DOMAINS.length - 1)] : null;
        @Nullable String path = data.consumeBoolean() ? PATHS[data.consumeInt(0, PATHS.length - 1)] : null;
        @Nullable Long maxAge = data.consumeBoolean() ? data.consumeLong(-10, 1L << 40) : null;
        @Nullable Instant expires = data.consumeBoolean()
                ? Instant.ofEpochSecond(data.consumeLong(-11_644_473_600L, 253_402_300_799L)) : null;
        boolean secure = data.consumeBoolean();
        boolean httpOnly = data.consumeBoolean();
        @Nullable String sameSite = data.consumeBoolean() ? SAME_SITE[data.consumeInt(0, SAME_SITE.length - 1)] : null;
        String name = new String(data.consumeBytes(data.consumeInt(0, 40)), ISO_8859_1);
        String value = new String(data.consumeRemainingAsBytes(), ISO_8859_1);

        List<String> attributes = new ArrayList<>();
        if (domain != null) {
            attributes.add("Domain=" + domain);
        }
        if (path != null) {
            attributes.add("Path=" + path);
        }
        if (maxAge != null) {
            attributes.add("Max-Age=" + maxAge);
        }
        if (expires != null) {
            attributes.add("Expires=" + HttpDate.format(expires));
        }
        if (secure) {
            attributes.add("Secure");
        }
        if (httpOnly) {
            attributes.add("HttpOnly");
        }
        if (sameSite != null) {
            attributes.add("SameSite=" + sameSite);
        }
        String[] written = attributes.toArray(String[]::new);
        if (!FieldChecks.isToken(name) || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == ';' || c == ',')) {
            assertThatThrownBy(() -> RequestTargets.setCookie(name, value, written))
                    .isInstanceOf(IllegalArgumentException.class);
            return;
        }
        String field = RequestTargets.setCookie(name, value, written);
        new Headers().add("Set-Cookie", field);

        CookieJar jar = new CookieJar(new Clock(), NOW);
        jar.setCookies(URI, List.of(field));
        List<Cookie> kept = jar.all();
        Instant expiry = maxAge != null ? (maxAge <= 0 ? Instant.EPOCH : NOW.plusSeconds(maxAge)) : expires;
        boolean domainRefused = domain != null && !domain.toLowerCase(Locale.ROOT).endsWith("example.com");
        if (domainRefused || (expiry != null && !expiry.isAfter(NOW))) {
            assertThat(kept).isEmpty();
            return;
        }
        assertThat(kept).hasSize(1);
        Cookie cookie = kept.getFirst();
        assertThat(cookie.name()).isEqualTo(name);
        assertThat(cookie.value()).isEqualTo(value.strip());
        assertThat(cookie.domain()).isEqualTo(domain == null ? "www.example.com" : domain.substring(domain.startsWith(".")
                ? 1 : 0).toLowerCase(Locale.ROOT));
        assertThat(cookie.hostOnly()).isEqualTo(domain == null);
        assertThat(cookie.path()).isEqualTo(path == null || !path.startsWith("/") ? "/shop" : path);
        assertThat(cookie.expires()).isEqualTo(expiry);
        assertThat(cookie.secure()).isEqualTo(secure);
        assertThat(cookie.httpOnly()).isEqualTo(httpOnly);
        assertThat(cookie.sameSite()).isEqualTo(sameSite);
    }
}
