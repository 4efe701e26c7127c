package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import org.twisted4j.web.Headers;

/**
 * Fuzzes the client's {@code Set-Cookie} parser: one field (ISO-8859-1, as the response parsers give fields)
 * for a request to one of a few URIs, at a fuzzed time.
 *
 * <p>Invariants: it never throws; it ignores the field or gives a cookie that RFC 6265 §5.2 and §5.3 (and
 * RFC 6265bis's refusal of control characters) allow: a name that is not empty, and a name and value free of
 * ';', of control characters but tab and of surrounding whitespace, so that the {@code Cookie} field the jar
 * writes from them is one that {@link Headers#add} takes; a domain in lower case without a leading dot that is
 * the request host for a host-only cookie, else a domain of more than one label that the host domain-matches;
 * a path starting with '/'; an expiry, if any, not before 1601; the flags and SameSite only when the
 * field names them.
 */
class SetCookieParserFuzzTest {

    /** The earliest date an Expires attribute may give (RFC 6265 §5.1.1). */
    private static final Instant EARLIEST_DATE = Instant.parse("1601-01-01T00:00:00Z");
    private static final String[] URIS = {"http://www.example.com/a/b/c", "https://example.com/", "http://localhost/x",
        "http://127.0.0.1:8080/dir/page", "https://[::1]/", "http://EXAMPLE.org/Path/"};

    @FuzzTest
    void setCookieFieldsGiveCookiesTheRfcAllows(FuzzedDataProvider data) {
        URI uri = URI.create(URIS[data.consumeInt(0, URIS.length - 1)]);
        Instant now = Instant.ofEpochSecond(data.consumeLong(0, 4_102_444_800L)); // to 2100
        String field = new String(data.consumeRemainingAsBytes(), ISO_8859_1);

        Cookie cookie = SetCookieParser.parse(field, uri, now);
        if (cookie == null) {
            return;
        }
        checkNameAndValue(cookie);
        String host = CookieJar.canonicalHost(uri);
        assertThat(cookie.domain()).isEqualTo(cookie.domain().toLowerCase(Locale.ROOT)).doesNotStartWith(".");
        if (cookie.hostOnly()) {
            assertThat(cookie.domain()).isEqualTo(host);
        } else {
            assertThat(cookie.domain()).contains(".");
            assertThat(CookieJar.domainMatches(host, cookie.domain())).isTrue();
        }
        assertThat(cookie.path()).startsWith("/").doesNotContain(";");
        if (cookie.expires() != null) {
            assertThat(cookie.expires()).isAfterOrEqualTo(EARLIEST_DATE);
        }
        String lower = field.toLowerCase(Locale.ROOT);
        assertThat(!cookie.secure() || lower.contains("secure")).isTrue();
        assertThat(!cookie.httpOnly() || lower.contains("httponly")).isTrue();
        assertThat(cookie.sameSite() == null || lower.contains("samesite")).isTrue();
        assertThat(cookie.created()).isEqualTo(now);
    }

    private static void checkNameAndValue(Cookie cookie) {
        assertThat(cookie.name()).isNotEmpty().doesNotContain(";").doesNotContain("=");
        assertThat(cookie.value()).doesNotContain(";");
        for (String part : new String[] {cookie.name(), cookie.value()}) {
            assertThat(part.chars().noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f))
                    .as("control character in %s", part).isTrue();
            assertThat(part).doesNotStartWith(" ").doesNotEndWith(" ").doesNotStartWith("\t").doesNotEndWith("\t");
        }
        new Headers().add("Cookie", cookie.name() + "=" + cookie.value());
    }
}
