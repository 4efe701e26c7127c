package org.twisted4j.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static Options spec() {
        return new Options("serve [options]")
                .description("Serves things.")
                .add(Option.integer("port").shortName('p').defaultValue("8080").help("Where to listen."))
                .add(Option.value("host").help("The host."))
                .add(Option.flag("quiet").shortName('q').help("Say less."))
                .add(Option.flag("verbose").shortName('v'))
                .add(Option.repeatable("header").shortName('H').help("A header."))
                .add(Option.choice("format", "text", "json").defaultValue("text"));
    }

    private static ParsedOptions parse(String... args) {
        return spec().parse(List.of(args));
    }

    @Test
    void defaultsApplyWhenOptionsAreAbsent() {
        ParsedOptions opts = parse();
        assertThat(opts.integer("port")).isEqualTo(8080);
        assertThat(opts.string("host")).isNull();
        assertThat(opts.flag("quiet")).isFalse();
        assertThat(opts.strings("header")).isEmpty();
        assertThat(opts.string("format")).isEqualTo("text");
        assertThat(opts.isGiven("port")).isFalse();
        assertThat(opts.helpRequested()).isFalse();
    }

    @Test
    void longOptionsTakeValuesAfterEqualsOrAsNextWord() {
        ParsedOptions opts = parse("--port=9000", "--host", "example.org");
        assertThat(opts.integer("port")).isEqualTo(9000);
        assertThat(opts.string("host")).isEqualTo("example.org");
        assertThat(opts.isGiven("port")).isTrue();
    }

    @Test
    void shortAliasesTakeValuesAttachedOrAsNextWordAndFlagsGroup() {
        assertThat(parse("-p", "81").integer("port")).isEqualTo(81);
        assertThat(parse("-p82").integer("port")).isEqualTo(82);
        ParsedOptions grouped = parse("-qvp83");
        assertThat(grouped.flag("quiet")).isTrue();
        assertThat(grouped.flag("verbose")).isTrue();
        assertThat(grouped.integer("port")).isEqualTo(83);
    }

    @Test
    void aValueGivenTwiceKeepsTheLastAndARepeatableKeepsAllInOrder() {
        ParsedOptions opts = parse("--port", "1", "-H", "a: 1", "--port=2", "--header=b: 2");
        assertThat(opts.integer("port")).isEqualTo(2);
        assertThat(opts.strings("header")).containsExactly("a: 1", "b: 2");
    }

    @Test
    void aValueMayStartWithADashWhenItIsTheNextWord() {
        assertThat(parse("--host", "-weird-").string("host")).isEqualTo("-weird-");
    }

    @Test
    void unknownLongAndShortOptionsAreNamed() {
        assertThatThrownBy(() -> parse("--prot=1")).isInstanceOf(UsageError.class)
                .hasMessage("unknown option --prot");
        assertThatThrownBy(() -> parse("-x")).isInstanceOf(UsageError.class).hasMessage("unknown option -x");
    }

    @Test
    void aMissingValueNamesTheOption() {
        assertThatThrownBy(() -> parse("--port")).isInstanceOf(UsageError.class)
                .hasMessage("option --port needs a value");
        assertThatThrownBy(() -> parse("-q", "-p")).isInstanceOf(UsageError.class)
                .hasMessage("option -p (--port) needs a value");
    }

    @Test
    void aBadValueNamesTheOptionTheTextAndWhatWasExpected() {
        assertThatThrownBy(() -> parse("--port", "abc")).isInstanceOf(UsageError.class)
                .hasMessage("--port: 'abc' is not a number");
        assertThatThrownBy(() -> parse("--format=xml")).isInstanceOf(UsageError.class)
                .hasMessage("--format: 'xml' is not one of text, json");
    }

    @Test
    void aBadDefaultIsReportedLikeABadValue() {
        Options bad = new Options("x").add(Option.integer("n").defaultValue("many"));
        assertThatThrownBy(() -> bad.parse(List.of())).isInstanceOf(UsageError.class)
                .hasMessage("--n: 'many' is not a number");
    }

    @Test
    void aFlagGivenAValueIsAnError() {
        assertThatThrownBy(() -> parse("--quiet=yes")).isInstanceOf(UsageError.class)
                .hasMessage("option --quiet takes no value");
    }

    @Test
    void aMissingRequiredOptionIsNamedUnlessHelpWasAsked() {
        Options spec = new Options("x").add(Option.value("dest").required());
        assertThatThrownBy(() -> spec.parse(List.of())).isInstanceOf(UsageError.class)
                .hasMessage("option --dest is required");
        assertThat(spec.parse(List.of("--help")).helpRequested()).isTrue();
        assertThat(spec.parse(List.of("--dest", "d")).string("dest")).isEqualTo("d");
    }

    @Test
    void argumentsAreRejectedUnlessAllowed() {
        assertThatThrownBy(() -> parse("extra")).isInstanceOf(UsageError.class)
                .hasMessage("unexpected argument 'extra'");
        ParsedOptions opts = spec().arguments("FILE...", false).parse(List.of("a", "-q", "b"));
        assertThat(opts.arguments()).containsExactly("a", "b");
        assertThat(opts.flag("quiet")).isTrue();
    }

    @Test
    void stoppingAtTheFirstArgumentHandsTheRestOnUntouched() {
        ParsedOptions opts = spec().arguments("PLUGIN [options]", true)
                .parse(List.of("-q", "web", "--port", "x", "--unknown"));
        assertThat(opts.flag("quiet")).isTrue();
        assertThat(opts.arguments()).containsExactly("web", "--port", "x", "--unknown");
        assertThat(opts.integer("port")).isEqualTo(8080);
    }

    @Test
    void doubleDashEndsTheOptions() {
        ParsedOptions opts = spec().arguments("ARGS", false).parse(List.of("--", "--port", "-q"));
        assertThat(opts.arguments()).containsExactly("--port", "-q");
        assertThat(opts.flag("quiet")).isFalse();
    }

    @Test
    void helpIsAlwaysKnownAndHIsHelpUnlessAnOptionClaimsIt() {
        assertThat(parse("--help").helpRequested()).isTrue();
        assertThat(parse("-h").helpRequested()).isTrue();
        Options claimed = new Options("x").add(Option.value("host").shortName('h'));
        ParsedOptions opts = claimed.parse(List.of("-h", "example.org"));
        assertThat(opts.helpRequested()).isFalse();
        assertThat(opts.string("host")).isEqualTo("example.org");
    }

    @Test
    void helpListsEveryOptionWithAliasesDefaultsAndMarks() {
        String help = spec().add(Option.value("dest").required().help("Where to.")).help();
        assertThat(help).startsWith("Usage: serve [options]\nServes things.\nOptions:\n");
        assertThat(help).containsPattern("-p, --port=PORT +Where to listen\\. \\[default: 8080\\]\n");
        assertThat(help).containsPattern("    --host=HOST +The host\\.\n");
        assertThat(help).containsPattern("-q, --quiet +Say less\\.\n");
        assertThat(help).containsPattern("-H, --header=HEADER +A header\\. \\(may be repeated\\)\n");
        assertThat(help).containsPattern("--format=FORMAT +\\[default: text\\]\n");
        assertThat(help).containsPattern("--dest=DEST +Where to\\. \\(required\\)\n");
        assertThat(help).containsPattern("-h, --help +Display this help and exit\\.\n");
        assertThat(spec().help("twist")).startsWith("Usage: twist serve [options]\n");
    }

    @Test
    void helpDescriptionsLineUpInOneColumn() {
        List<String> lines = List.of(spec().help().split("\n"));
        int port = lines.stream().filter(l -> l.contains("--port")).findFirst().orElseThrow().indexOf("Where to listen");
        int quiet = lines.stream().filter(l -> l.contains("--quiet")).findFirst().orElseThrow().indexOf("Say less");
        int help = lines.stream().filter(l -> l.contains("--help")).findFirst().orElseThrow().indexOf("Display");
        assertThat(port).isPositive().isEqualTo(quiet).isEqualTo(help);
    }

    @Test
    void definingANameTwiceOrHelpIsRefused() {
        assertThatThrownBy(() -> spec().add(Option.flag("port"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spec().add(Option.flag("other").shortName('p')))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spec().add(Option.flag("help"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Option.flag("x").defaultValue("1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void askingForAnUndeclaredOptionIsAnError() {
        assertThatThrownBy(() -> parse().string("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void octalValuesParseAsOctal() {
        Options spec = new Options("x").add(Option.value("umask").converter(Option.OCTAL, "an octal number"));
        assertThat(spec.parse(List.of("--umask", "077")).get("umask", Integer.class)).isEqualTo(63);
        assertThatThrownBy(() -> spec.parse(List.of("--umask=8"))).hasMessage("--umask: '8' is not an octal number");
    }
}
