package org.twisted4j.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UriReferencesTest {

    private static final URI BASE = URI.create("http://a/b/c/d;p?q");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // RFC 3986 section 5.4.1 and 5.4.2
        "g:h, g:h", "g, http://a/b/c/g", "./g, http://a/b/c/g", "g/, http://a/b/c/g/", "/g, http://a/g",
        "//g, http://g", "?y, http://a/b/c/d;p?y", "g?y, http://a/b/c/g?y", "#s, http://a/b/c/d;p?q#s",
        "g#s, http://a/b/c/g#s", "g?y#s, http://a/b/c/g?y#s", ";x, http://a/b/c/;x", "g;x, http://a/b/c/g;x",
        "g;x?y#s, http://a/b/c/g;x?y#s", "'', http://a/b/c/d;p?q", "., http://a/b/c/", "./, http://a/b/c/",
        ".., http://a/b/", "../, http://a/b/", "../g, http://a/b/g", "../.., http://a/", "../../, http://a/",
        "../../g, http://a/g", "../../../g, http://a/g", "../../../../g, http://a/g", "/./g, http://a/g",
        "/../g, http://a/g", "g., http://a/b/c/g.", ".g, http://a/b/c/.g", "g.., http://a/b/c/g..",
        "..g, http://a/b/c/..g", "./../g, http://a/b/g", "./g/., http://a/b/c/g/", "g/./h, http://a/b/c/g/h",
        "g/../h, http://a/b/c/h", "g;x=1/./y, http://a/b/c/g;x=1/y", "g;x=1/../y, http://a/b/c/y",
        "g?y/./x, http://a/b/c/g?y/./x", "g#s/../x, http://a/b/c/g#s/../x"})
    void resolvesTheExamplesOfRfc3986(String reference, String expected) throws Exception {
        assertThat(UriReferences.resolve(BASE, reference)).hasToString(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"/a b, http://h/a%20b", "/\u00e9, http://h/%E9", "/x|y, http://h/x%7Cy"})
    void escapesCharactersAUriCannotHold(String reference, String expected) throws Exception {
        assertThat(UriReferences.resolve(URI.create("http://h/"), reference)).hasToString(expected);
    }
}
