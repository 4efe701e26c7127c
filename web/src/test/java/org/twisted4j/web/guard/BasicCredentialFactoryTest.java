package org.twisted4j.web.guard;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.twisted4j.cred.LoginFailed;
import org.twisted4j.cred.UsernamePassword;

class BasicCredentialFactoryTest {

    private static String basic(String userColonPassword) {
        return Base64.getEncoder().encodeToString(userColonPassword.getBytes(UTF_8));
    }

    @Test
    void decodesTheUserNameAndPasswordSplitAtTheFirstColon() {
        UsernamePassword credentials = BasicCredentialFactory.decode(basic("alice:se:cr:et"));
        assertThat(credentials.username()).isEqualTo("alice");
        assertThat(credentials.checkPassword("se:cr:et")).isTrue();
        assertThat(credentials.checkPassword("se")).isFalse();
    }

    @Test
    void missingPaddingIsSupplied() {
        String encoded = basic("al:se");
        assertThat(encoded).endsWith("=");
        UsernamePassword credentials = BasicCredentialFactory.decode(encoded.replace("=", ""));
        assertThat(credentials.username()).isEqualTo("al");
        assertThat(credentials.checkPassword("se")).isTrue();
    }

    @Test
    void theUserNameAndPasswordAreUtf8() {
        UsernamePassword credentials = BasicCredentialFactory.decode(basic("j\u00fcrgen:p\u00e4ss"));
        assertThat(credentials.username()).isEqualTo("j\u00fcrgen");
        assertThat(credentials.checkPassword("p\u00e4ss")).isTrue();
    }

    @Test
    void octetsWithoutAColonOrAnImpossibleLengthAreRefused() {
        assertThatThrownBy(() -> BasicCredentialFactory.decode(basic("nocolon")))
                .isInstanceOf(LoginFailed.class).hasMessage("Invalid credentials");
        assertThatThrownBy(() -> BasicCredentialFactory.decode("ABCDE"))
                .isInstanceOf(LoginFailed.class).hasMessage("Invalid credentials");
        assertThatThrownBy(() -> BasicCredentialFactory.decode("decode should fail"))
                .isInstanceOf(LoginFailed.class);
    }

    @Test
    void theChallengeNamesTheRealmAndTheSchemeIsBasic() {
        BasicCredentialFactory factory = new BasicCredentialFactory("example.org");
        assertThat(factory.scheme()).isEqualTo("basic");
        assertThat(Challenges.format(factory.scheme(), factory.getChallenge(null)))
                .isEqualTo("basic realm=\"example.org\"");
    }

    @Test
    void aRealmThatCannotGoIntoAHeaderIsRefused() {
        assertThatThrownBy(() -> new BasicCredentialFactory("a\r\nSet-Cookie: x=1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Each line of the fixture is what Python Twisted 22.4 decoded the same header value into. */
    @Test
    void decodesEveryCapturedValueAsTwistedDoes() throws IOException {
        List<String[]> cases = fixture();
        assertThat(cases).hasSizeGreaterThan(30);
        HexFormat hex = HexFormat.of();
        for (String[] c : cases) {
            String input = c[0].equals("-") ? "" : new String(hex.parseHex(c[0]), ISO_8859_1);
            String expected = c[1];
            if (expected.equals("LoginFailed")) {
                assertThatThrownBy(() -> BasicCredentialFactory.decode(input)).as(c[0])
                        .isInstanceOf(LoginFailed.class);
            } else {
                int colon = expected.indexOf(':');
                UsernamePassword credentials = BasicCredentialFactory.decode(input);
                assertThat(credentials.username()).as(c[0])
                        .isEqualTo(new String(hex.parseHex(expected.substring(0, colon)), UTF_8));
                assertThat(credentials.password()).as(c[0])
                        .isEqualTo(new String(hex.parseHex(expected.substring(colon + 1)), UTF_8));
            }
        }
    }

    private static List<String[]> fixture() throws IOException {
        try (InputStream in = BasicCredentialFactoryTest.class.getResourceAsStream("twisted-basic-decode.txt")) {
            List<String[]> cases = new ArrayList<>();
            for (String line : new String(Objects.requireNonNull(in).readAllBytes(), UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    cases.add(line.split(" "));
                }
            }
            return cases;
        }
    }
}
