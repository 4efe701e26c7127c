package org.twisted4j.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.web.Headers;

class CookieJarTest {

    private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");

    private final Clock clock = new Clock();
    private final CookieJar jar = new CookieJar(clock, START);

    private void set(String uri, String... fields) {
        jar.setCookies(URI.create(uri), List.of(fields));
    }

    private String header(String uri) {
        return jar.cookieHeader(URI.create(uri));
    }

    @Test
    void rfcExampleSessionCookieIsSentBack() {
        set("http://www.example.com/", "SID=31d4d96e407aad42");

        assertThat(header("http://www.example.com/")).isEqualTo("SID=31d4d96e407aad42");
        assertThat(header("http://www.example.com/any/path")).isEqualTo("SID=31d4d96e407aad42");
        assertThat(header("http://example.com/")).isNull();
        assertThat(header("http://sub.www.example.com/")).isNull();
    }

    @Test
    void aFieldWithAControlCharacterIsIgnoredSoNoCookieHeaderCarriesOne() {
        set("http://a.example/", "a=1\u0001", "b=2; Path=/\r", "c\u007f=3", "d=\u0000", "e=4\t5; Path=/");

        assertThat(header("http://a.example/")).isEqualTo("e=4\t5");
    }

    @Test
    void rfcExampleSecureAndDomainCookies() {
        set("https://www.example.com/", "SID=31d4d96e407aad42; Path=/; Secure; HttpOnly",
                "lang=en-US; Path=/; Domain=example.com");

        assertThat(header("https://www.example.com/")).isEqualTo("SID=31d4d96e407aad42; lang=en-US");
        assertThat(header("http://www.example.com/")).isEqualTo("lang=en-US");
        assertThat(header("http://example.com/")).isEqualTo("lang=en-US");
        assertThat(header("http://deep.sub.example.com/")).isEqualTo("lang=en-US");
        assertThat(header("http://notexample.com/")).isNull();
        Cookie sid = jar.all().get(0);
        assertThat(sid.secure()).isTrue();
        assertThat(sid.httpOnly()).isTrue();
        assertThat(sid.hostOnly()).isTrue();
        assertThat(jar.all().get(1).hostOnly()).isFalse();
    }

    @Test
    void rfcExampleExpiresAndDeletion() {
        Clock later = new Clock();
        CookieJar jar2021 = new CookieJar(later, Instant.parse("2021-06-09T10:18:13Z"));
        URI uri = URI.create("http://www.example.com/");
        jar2021.setCookies(uri, List.of("lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT"));
        assertThat(jar2021.cookieHeader(uri)).isEqualTo("lang=en-US");
        assertThat(jar2021.all().get(0).persistent()).isTrue();

        later.advance(1);
        assertThat(jar2021.cookieHeader(uri)).isNull();
        assertThat(jar2021.all()).isEmpty();

        jar.setCookies(uri, List.of("lang=en-US"));
        jar.setCookies(uri, List.of("lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT"));
        assertThat(jar.all()).isEmpty();
    }

    @Test
    void maxAgeWinsOverExpiresAndCountsOnTheClock() {
        set("http://a.example/", "a=1; Expires=Wed, 09 Jun 2100 10:18:14 GMT; Max-Age=60",
                "b=2; Max-Age=60; Expires=Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(header("http://a.example/")).isEqualTo("a=1; b=2");
        assertThat(jar.all().get(0).expires()).isEqualTo(START.plusSeconds(60));

        clock.advance(59.5);
        assertThat(header("http://a.example/")).isEqualTo("a=1; b=2");
        clock.advance(0.5);
        assertThat(header("http://a.example/")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Max-Age=0", "Max-Age=-1", "max-age=-100"})
    void maxAgeOfZeroOrLessDeletes(String attribute) {
        set("http://a.example/", "a=1");
        set("http://a.example/", "a=x; " + attribute);

        assertThat(jar.all()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Max-Age=abc", "Max-Age=1x", "Max-Age=", "Max-Age=+5"})
    void malformedMaxAgeIsIgnored(String attribute) {
        set("http://a.example/", "a=1; " + attribute);

        assertThat(jar.all()).singleElement().satisfies(c -> assertThat(c.persistent()).isFalse());
    }

    @Test
    void domainAttributeWithLeadingDotAndCaseIsCanonical() {
        set("http://www.Example.com/", "a=1; Domain=.EXAMPLE.com");

        assertThat(jar.all().get(0).domain()).isEqualTo("example.com");
        assertThat(header("http://other.example.com/")).isEqualTo("a=1");
    }

    @ParameterizedTest
    @CsvSource({"http://www.example.com/, other.com", "http://www.example.com/, ample.com",
        "http://example.com/, www.example.com", "http://www.example.com/, com", "http://a.local/, local",
        "http://192.168.0.1/, 168.0.1"})
    void cookiesForDomainsTheHostIsNotInAreIgnored(String uri, String domain) {
        set(uri, "a=1; Domain=" + domain);

        assertThat(jar.all()).isEmpty();
    }

    @Test
    void singleLabelDomainEqualToTheHostMakesAHostOnlyCookie() {
        set("http://localhost/", "a=1; Domain=localhost");

        assertThat(jar.all()).singleElement().satisfies(c -> {
            assertThat(c.hostOnly()).isTrue();
            assertThat(c.domain()).isEqualTo("localhost");
        });
    }

    @Test
    void emptyDomainAttributeIsIgnored() {
        set("http://www.example.com/", "a=1; Domain=");

        assertThat(jar.all().get(0).hostOnly()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"/docs/web/index.html, /docs/web", "/docs, /", "/, /", "'', /", "/docs/, /docs"})
    void defaultPathIsTheRequestPathUpToItsLastSlash(String path, String expected) {
        set("http://a.example" + path, "a=1");

        assertThat(jar.all().get(0).path()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"/docs, /docs, true", "/docs, /docs/, true", "/docs, /docs/web, true", "/docs, /docsweb, false",
        "/docs, /, false", "/docs/, /docs/x, true", "/docs/, /docs, false", "/, /anything, true"})
    void pathMatchesAsTheRfcSays(String cookiePath, String requestPath, boolean sent) {
        set("http://a.example/", "a=1; Path=" + cookiePath);

        assertThat(header("http://a.example" + requestPath)).isEqualTo(sent ? "a=1" : null);
    }

    @Test
    void pathThatDoesNotStartWithSlashGetsTheDefault() {
        set("http://a.example/x/y", "a=1; Path=relative", "b=2; Path=/p; Path=");

        assertThat(jar.all()).extracting(Cookie::path).containsExactly("/x", "/x");
    }

    @Test
    void cookiesAreSentLongestPathFirstThenOldestFirst() {
        set("http://a.example/", "short=1; Path=/");
        clock.advance(1);
        set("http://a.example/", "long=2; Path=/a/b");
        clock.advance(1);
        set("http://a.example/", "mid1=3; Path=/a");
        set("http://a.example/", "mid2=4; Path=/a");
        clock.advance(1);
        set("http://a.example/", "mid0=5; Path=/a");

        assertThat(header("http://a.example/a/b/c")).isEqualTo("long=2; mid1=3; mid2=4; mid0=5; short=1");
    }

    @Test
    void replacingACookieKeepsItsCreationTimeAndPlace() {
        set("http://a.example/", "first=1", "second=2");
        clock.advance(10);
        set("http://a.example/", "first=changed");

        assertThat(header("http://a.example/")).isEqualTo("first=changed; second=2");
        assertThat(jar.all().get(0).created()).isEqualTo(START);
    }

    @Test
    void sameNameWithOtherPathOrDomainIsAnotherCookie() {
        set("http://www.example.com/", "a=host", "a=domain; Domain=example.com", "a=path; Path=/p");

        assertThat(jar.all()).hasSize(3);
        assertThat(header("http://www.example.com/p")).isEqualTo("a=path; a=host; a=domain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"noequals", "=value", " =value", "; a=1", ""})
    void fieldsWithoutANameAreIgnored(String field) {
        set("http://a.example/", field);

        assertThat(jar.all()).isEmpty();
    }

    @Test
    void valuesAndAttributesAreTrimmedAndKeptAsSent() {
        set("http://a.example/", " name = \"quoted value\" ;  SameSite = Lax ; httponly ; unknown=1");

        Cookie c = jar.all().get(0);
        assertThat(c.name()).isEqualTo("name");
        assertThat(c.value()).isEqualTo("\"quoted value\"");
        assertThat(c.sameSite()).isEqualTo("Lax");
        assertThat(c.httpOnly()).isTrue();
        assertThat(c.secure()).isFalse();
    }

    @Test
    void clearSessionKeepsOnlyPersistentCookies() {
        set("http://a.example/", "session=1", "kept=2; Max-Age=100");
        jar.clearSession();

        assertThat(jar.all()).extracting(Cookie::name).containsExactly("kept");
    }

    @Test
    void tooManyCookiesForADomainDropTheLeastRecentlyUsed() {
        for (int i = 0; i < CookieJar.MAX_PER_DOMAIN; i++) {
            set("http://a.example/", "c" + i + "=1");
            clock.advance(1);
        }
        jar.cookiesFor(URI.create("http://a.example/"));  // uses them all at once
        clock.advance(1);
        set("http://a.example/", "c0=again");  // c0 is now the most recently stored
        clock.advance(1);
        set("http://a.example/", "extra=1");

        assertThat(jar.all()).hasSize(CookieJar.MAX_PER_DOMAIN);
        assertThat(jar.all()).extracting(Cookie::name).contains("c0", "extra").doesNotContain("c1");
    }

    @Test
    void putStoresAHandMadeCookie() {
        jar.put(new Cookie("k", "v", "a.example", "/", null, true, false, false, null, jar.now()));

        assertThat(header("http://a.example/x")).isEqualTo("k=v");
        assertThat(header("http://b.a.example/x")).isNull();
    }

    @Test
    void ipAddressHostsMatchOnlyExactly() {
        set("http://10.0.0.1/", "a=1; Domain=10.0.0.1");

        assertThat(header("http://10.0.0.1/")).isEqualTo("a=1");
        assertThat(CookieJar.domainMatches("1.10.0.0.1", "10.0.0.1")).isTrue();
        assertThat(CookieJar.domainMatches("10.0.0.1", "0.0.1")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Sun, 06 Nov 1994 08:49:37 GMT|1994-11-06T08:49:37Z",
        "Sunday, 06-Nov-94 08:49:37 GMT|1994-11-06T08:49:37Z",
        "Sun Nov  6 08:49:37 1994|1994-11-06T08:49:37Z",
        "6 nov 2010 8:9:7|2010-11-06T08:09:07Z",
        "Thu, 01 Jan 70 00:00:00 GMT|1970-01-01T00:00:00Z",
        "Mon, 01-Jan-2001 00:00:00 UTC junk|2001-01-01T00:00:00Z",
        "2030 DECEMBER 31 23:59:59|2030-12-31T23:59:59Z",
        "Wed, 29 Feb 2012 12:00:00 GMT|2012-02-29T12:00:00Z"})
    void forgivingDatesParse(String text, String expected) {
        assertThat(CookieDates.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Sun, 06 Nov 1994", "06 Nov 1994 24:00:00", "32 Nov 1994 08:49:37",
        "30 Feb 2020 10:00:00", "06 Nov 1600 08:49:37", "06 Foo 1994 08:49:37", "06 Nov 1994 08:60:00"})
    void impossibleDatesDoNotParse(String text) {
        assertThat(CookieDates.parse(text)).isNull();
    }

    @Test
    void unparseableExpiresLeavesASessionCookie() {
        set("http://a.example/", "a=1; Expires=whenever");

        assertThat(jar.all().get(0).persistent()).isFalse();
    }

    @Test
    void agentSendsTheJarsCookiesAndKeepsTheResponses() {
        FakeAgent inner = FakeAgent.answering(sent -> FakeResponse.of(200, sent.uri.toString())
                .header("Set-Cookie", "from=" + sent.uri.getPath().substring(1)).header("Set-Cookie", "x=1; Path=/"));
        CookieAgent agent = new CookieAgent(inner, jar);
        Headers mine = new Headers();
        mine.add("Accept", "*/*");

        Outcomes.result(agent.request("GET", URI.create("http://a.example/one"), mine, null));
        Outcomes.result(agent.request("GET", URI.create("http://a.example/two"), mine, null));

        assertThat(inner.sent.get(0).header("Cookie")).isNull();
        assertThat(inner.sent.get(1).header("Cookie")).isEqualTo("from=one; x=1");
        assertThat(inner.sent.get(1).header("Accept")).isEqualTo("*/*");
        assertThat(mine.contains("Cookie")).isFalse();
        assertThat(header("http://a.example/")).isEqualTo("from=two; x=1");
    }

    @Test
    void explicitCookieHeaderTurnsTheJarOffForThatRequest() {
        set("http://a.example/", "jar=1");
        FakeAgent inner = FakeAgent.answering(sent -> FakeResponse.of(200, sent.uri.toString()));
        Headers mine = new Headers();
        mine.add("Cookie", "mine=2");

        Outcomes.result(new CookieAgent(inner, jar).request("GET", URI.create("http://a.example/"), mine, null));

        assertThat(inner.sent.get(0).headers.getAll("Cookie")).containsExactly("mine=2");
    }

    @Test
    void cookiesSetByARedirectGoToTheNextHop() {
        FakeAgent inner = FakeAgent.answering(sent -> sent.uri.getPath().equals("/login")
                ? FakeResponse.of(302, sent.uri.toString()).header("Location", "/home")
                        .header("Set-Cookie", "session=s3cr3t; Path=/; HttpOnly")
                : FakeResponse.of(200, sent.uri.toString()));
        HttpAgent agent = new BrowserLikeRedirectAgent(new CookieAgent(inner, jar));

        Outcomes.result(agent.request("POST", URI.create("http://a.example/login"), null, null));

        assertThat(inner.sent.get(1).header("Cookie")).isEqualTo("session=s3cr3t");
        assertThat(Map.of("n", jar.all().size())).containsEntry("n", 1);
    }
}
