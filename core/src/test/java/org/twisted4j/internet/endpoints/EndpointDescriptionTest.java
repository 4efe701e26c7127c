package org.twisted4j.internet.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class EndpointDescriptionTest {

    @Test
    void positionalArgumentsFollowTheType() {
        EndpointDescription d = EndpointDescription.parse("tcp:80:127.0.0.1");

        assertThat(d.prefix()).isEqualTo("tcp");
        assertThat(d.positional()).containsExactly("80", "127.0.0.1");
        assertThat(d.options()).isEmpty();
    }

    @Test
    void partsWithEqualsAreOptionsInTheOrderGiven() {
        EndpointDescription d = EndpointDescription.parse("tcp:80:interface=127.0.0.1:backlog=5");

        assertThat(d.positional()).containsExactly("80");
        assertThat(d.options()).containsExactly(entry("interface", "127.0.0.1"), entry("backlog", "5"));
    }

    @Test
    void positionalArgumentsKeepTheirOrderAroundOptions() {
        EndpointDescription d = EndpointDescription.parse("a:b:d=1:c");

        assertThat(d.positional()).containsExactly("b", "c");
        assertThat(d.options()).containsExactly(entry("d", "1"));
    }

    @Test
    void laterEqualsSignsBelongToTheValue() {
        EndpointDescription d = EndpointDescription.parse("x:key=a=b");

        assertThat(d.options()).containsExactly(entry("key", "a=b"));
    }

    @Test
    void backslashEscapesColonEqualsAndBackslash() {
        EndpointDescription d = EndpointDescription.parse("unix:C\\:\\\\sock:name\\=x=v\\:w");

        assertThat(d.positional()).containsExactly("C:\\sock");
        assertThat(d.options()).containsExactly(entry("name=x", "v:w"));
    }

    @Test
    void escapedEqualsKeepsAPartPositional() {
        EndpointDescription d = EndpointDescription.parse("unix:/tmp/a\\=b");

        assertThat(d.positional()).containsExactly("/tmp/a=b");
        assertThat(d.options()).isEmpty();
    }

    @Test
    void backslashBeforeAnOrdinaryCharacterKeepsJustTheCharacter() {
        assertThat(EndpointDescription.parse("unix:\\a").positional()).containsExactly("a");
    }

    @Test
    void emptyPartsArePositionalEmptyStrings() {
        EndpointDescription d = EndpointDescription.parse("tcp::x=");

        assertThat(d.positional()).containsExactly("");
        assertThat(d.options()).containsExactly(entry("x", ""));
    }

    @Test
    void typeIsMatchedInLowerCase() {
        assertThat(EndpointDescription.parse("TCP:80").prefix()).isEqualTo("tcp");
    }

    @Test
    void quotedArgumentsComeBackUnchanged() {
        String value = "C:\\path=with:all\\";
        EndpointDescription d = EndpointDescription.parse("unix:" + Endpoints.quoteStringArgument(value)
                + ":k=" + Endpoints.quoteStringArgument(value));

        assertThat(d.positional()).containsExactly(value);
        assertThat(d.options()).containsExactly(entry("k", value));
    }

    @Test
    void quoteStringArgumentEscapesTheThreeSpecialCharacters() {
        assertThat(Endpoints.quoteStringArgument("a:b=c\\d")).isEqualTo("a\\:b\\=c\\\\d");
    }

    @Test
    void trailingBackslashIsAnError() {
        assertThatThrownBy(() -> EndpointDescription.parse("tcp:80\\"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trailing backslash in 'tcp:80\\'");
    }

    @Test
    void emptyDescriptionIsAnError() {
        assertThatThrownBy(() -> EndpointDescription.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty endpoint description");
    }

    @Test
    void descriptionMustStartWithAType() {
        assertThatThrownBy(() -> EndpointDescription.parse(":80"))
                .hasMessage("missing endpoint type in ':80'");
        assertThatThrownBy(() -> EndpointDescription.parse("port=80:tcp"))
                .hasMessage("missing endpoint type in 'port=80:tcp'");
    }

    @Test
    void optionGivenTwiceIsAnError() {
        assertThatThrownBy(() -> EndpointDescription.parse("tcp:80:backlog=1:backlog=2"))
                .hasMessage("option 'backlog' given twice in 'tcp:80:backlog=1:backlog=2'");
    }

    @Test
    void bindFillsParametersByPositionThenByName() {
        EndpointDescription d = EndpointDescription.parse("tcp:backlog=7:80");

        assertThat(d.bind("port", "interface", "backlog"))
                .containsExactly(entry("port", "80"), entry("backlog", "7"));
    }

    @Test
    void bindRejectsUnknownOptionsNamingTheKnownOnes() {
        EndpointDescription d = EndpointDescription.parse("tcp:80:bakclog=5");

        assertThatThrownBy(() -> d.bind("port", "interface", "backlog"))
                .hasMessage("unknown option 'bakclog' for tcp in 'tcp:80:bakclog=5'; known: port, interface, backlog");
    }

    @Test
    void bindRejectsTooManyPositionalArguments() {
        EndpointDescription d = EndpointDescription.parse("tcp:80:lo:5:extra");

        assertThatThrownBy(() -> d.bind("port", "interface", "backlog"))
                .hasMessage("too many arguments for tcp in 'tcp:80:lo:5:extra'; it takes port, interface, backlog");
    }

    @Test
    void bindRejectsAParameterGivenByPositionAndByName() {
        EndpointDescription d = EndpointDescription.parse("tcp:80:port=81");

        assertThatThrownBy(() -> d.bind("port", "interface", "backlog"))
                .hasMessage("port given both by position and as an option in 'tcp:80:port=81'");
    }

    @Test
    void requiredRejectsMissingAndEmptyValues() {
        EndpointDescription d = EndpointDescription.parse("tcp:");

        assertThatThrownBy(() -> d.required(d.bind("port"), "port")).hasMessage("missing port in 'tcp:'");
        EndpointDescription none = EndpointDescription.parse("tcp");
        assertThatThrownBy(() -> none.required(none.bind("port"), "port")).hasMessage("missing port in 'tcp'");
    }

    @Test
    void portMustBeADecimalNumberInRange() {
        EndpointDescription d = EndpointDescription.parse("tcp:x");

        assertThat(d.port("port", "0")).isZero();
        assertThat(d.port("port", "65535")).isEqualTo(65535);
        assertThatThrownBy(() -> d.port("port", "abc")).hasMessage("port 'abc' in 'tcp:x' is not a number");
        assertThatThrownBy(() -> d.port("port", "-1")).hasMessage("port '-1' in 'tcp:x' is not a number");
        assertThatThrownBy(() -> d.port("port", "65536"))
                .hasMessage("port '65536' in 'tcp:x' is out of range 0-65535");
        assertThatThrownBy(() -> d.port("port", "99999999999999"))
                .hasMessage("port '99999999999999' in 'tcp:x' is too large");
    }

    @Test
    void nonNegativeIntRejectsNonNumbers() {
        EndpointDescription d = EndpointDescription.parse("tcp:x");

        assertThat(d.nonNegativeInt("backlog", "12")).isEqualTo(12);
        assertThatThrownBy(() -> d.nonNegativeInt("backlog", "many"))
                .hasMessage("backlog 'many' in 'tcp:x' is not a number");
        assertThatThrownBy(() -> d.nonNegativeInt("backlog", "3000000000"))
                .hasMessage("backlog '3000000000' in 'tcp:x' is too large");
    }

    @Test
    void secondsArePositiveDecimals() {
        EndpointDescription d = EndpointDescription.parse("tcp:x");

        assertThat(d.seconds("timeout", "30")).isEqualTo(30.0);
        assertThat(d.seconds("timeout", "2.5")).isEqualTo(2.5);
        assertThatThrownBy(() -> d.seconds("timeout", "soon"))
                .hasMessage("timeout 'soon' in 'tcp:x' is not a number of seconds");
        assertThatThrownBy(() -> d.seconds("timeout", "0"))
                .hasMessage("timeout '0' in 'tcp:x' must be more than 0 seconds");
    }

    @Test
    void flagsAreZeroOrOne() {
        EndpointDescription d = EndpointDescription.parse("unix:x");

        assertThat(d.flag("lockfile", "0")).isFalse();
        assertThat(d.flag("lockfile", "1")).isTrue();
        assertThatThrownBy(() -> d.flag("lockfile", "yes"))
                .hasMessage("lockfile 'yes' in 'unix:x' must be 0 or 1");
    }

    @Test
    void modesAreOctal() {
        EndpointDescription d = EndpointDescription.parse("unix:x");

        assertThat(d.octal("mode", "660")).isEqualTo(0660);
        assertThat(d.octal("mode", "0600")).isEqualTo(0600);
        assertThatThrownBy(() -> d.octal("mode", "689"))
                .hasMessage("mode '689' in 'unix:x' is not an octal mode from 0 to 7777");
        assertThatThrownBy(() -> d.octal("mode", "17777"))
                .hasMessage("mode '17777' in 'unix:x' is not an octal mode from 0 to 7777");
    }

    @Test
    void ipAddressesAreLiteralsOnly() {
        EndpointDescription d = EndpointDescription.parse("tcp:x");

        assertThat(d.ipAddress("bindAddress", "192.0.2.9"))
                .isEqualTo(new InetSocketAddress("192.0.2.9", 0));
        assertThat(d.ipAddress("bindAddress", "::1").getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThatThrownBy(() -> d.ipAddress("bindAddress", "localhost"))
                .hasMessage("bindAddress 'localhost' in 'tcp:x' is not an IP address");
        assertThatThrownBy(() -> d.ipAddress("bindAddress", "256.1.1.1"))
                .hasMessage("bindAddress '256.1.1.1' in 'tcp:x' is not an IP address");
    }

    @Test
    void reactorAsNamesTheMissingInterface() {
        EndpointDescription d = EndpointDescription.parse("tcp:80");

        assertThat(d.reactorAs("text", CharSequence.class)).isEqualTo("text");
        assertThatThrownBy(() -> d.reactorAs("a string", Runnable.class))
                .hasMessage("the reactor a string is not a Runnable, which tcp endpoints need in 'tcp:80'");
    }
}
