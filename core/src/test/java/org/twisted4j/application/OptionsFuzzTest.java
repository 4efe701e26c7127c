package org.twisted4j.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fuzzes {@link Options#parse} with command lines (the input's words, split at NUL bytes) against a spec
 * with flags, a number and an octal number with defaults, a choice, a text value, a required value and a
 * repeatable option, each with a one-letter alias, under the three ways of taking arguments (none, anywhere,
 * stopping at the first). Whatever the words:
 * <ul>
 *   <li>the only error is a {@link UsageError}, as documented;</li>
 *   <li>the values respect the spec: flags are booleans, numbers are numbers with their defaults when
 *       absent, choices are among the choices, repeated values and arguments are words of the command line,
 *       in order, and the required option is there unless help was asked for;</li>
 *   <li>the values, written back as a command line (each option in one of its spellings, picked at random:
 *       {@code --name=V}, {@code --name V}, {@code -xV}, {@code -x V}, then {@code --} and the arguments),
 *       parse to the same values.</li>
 * </ul>
 */
class OptionsFuzzTest {

    private static final List<String> FORMATS = List.of("text", "json");

    private static Options spec(int arguments) {
        Options spec = new Options("fuzz [options] [FILE...]")
                .add(Option.flag("verbose").shortName('v'))
                .add(Option.flag("quiet").shortName('q'))
                .add(Option.integer("port").shortName('p').defaultValue("8080"))
                .add(Option.value("umask").shortName('u').converter(Option.OCTAL, "an octal number")
                        .defaultValue("022"))
                .add(Option.choice("format", FORMATS.toArray(String[]::new)).shortName('f').defaultValue("text"))
                .add(Option.value("name").shortName('n'))
                .add(Option.value("dest").shortName('d').required())
                .add(Option.repeatable("header").shortName('H'));
        return switch (arguments) {
            case 0 -> spec;
            case 1 -> spec.arguments("FILE...", false);
            default -> spec.arguments("PLUGIN [plugin options]", true);
        };
    }

    @FuzzTest
    void commandLinesParseToValuesThatRespectTheSpec(FuzzedDataProvider data) {
        String input = data.consumeRemainingAsString();
        List<String> words = List.of(input.split("\0", -1));
        for (int arguments = 0; arguments < 3; arguments++) {
            Options spec = spec(arguments);
            ParsedOptions parsed;
            try {
                parsed = spec.parse(words);
            } catch (UsageError e) {
                assertThat(e.getMessage()).isNotBlank();
                continue;
            }
            checkAgainstSpec(parsed, words, arguments);
            ParsedOptions again = spec.parse(written(spec, parsed, new SplittableRandom(input.hashCode())));
            for (Option option : spec.options()) {
                assertThat(again.get(option.name(), Object.class)).as(option.name())
                        .isEqualTo(parsed.get(option.name(), Object.class));
                assertThat(again.isGiven(option.name())).isEqualTo(parsed.isGiven(option.name()));
            }
            assertThat(again.arguments()).isEqualTo(parsed.arguments());
            assertThat(again.helpRequested()).isEqualTo(parsed.helpRequested());
        }
    }

    private static void checkAgainstSpec(ParsedOptions parsed, List<String> words, int arguments) {
        assertThat(parsed.flag("verbose")).isEqualTo(parsed.isGiven("verbose"));
        assertThat(parsed.flag("quiet")).isEqualTo(parsed.isGiven("quiet"));
        if (!parsed.isGiven("port")) {
            assertThat(parsed.integer("port")).isEqualTo(8080);
        }
        if (!parsed.isGiven("umask")) {
            assertThat(parsed.get("umask", Integer.class)).isEqualTo(022);
        }
        assertThat(FORMATS).contains(parsed.string("format"));
        if (!parsed.helpRequested()) {
            assertThat(parsed.string("dest")).isNotNull();
        }
        assertThat(parsed.isGiven("name")).isEqualTo(parsed.string("name") != null);
        assertInOrderAmong(parsed.arguments(), words);
        if (arguments == 0) {
            assertThat(parsed.arguments()).isEmpty();
        }
        assertThat(parsed.strings("header").size()).isLessThanOrEqualTo(words.size());
        for (String header : parsed.strings("header")) {
            assertThat(words).anyMatch(word -> word.endsWith(header));
        }
    }

    /** Checks that {@code found} are words of {@code words}, in the same order. */
    private static void assertInOrderAmong(List<String> found, List<String> words) {
        int next = 0;
        for (String argument : found) {
            while (next < words.size() && !words.get(next).equals(argument)) {
                next++;
            }
            assertThat(next).as("argument '%s' among the words, in order", argument).isLessThan(words.size());
            next++;
        }
    }

    /** Writes the values back as a command line, each option in a spelling picked at random. */
    private static List<String> written(Options spec, ParsedOptions parsed, SplittableRandom random) {
        List<String> line = new ArrayList<>();
        if (parsed.helpRequested()) {
            line.add(random.nextBoolean() ? "--help" : "-h");
        }
        for (Option option : spec.options()) {
            if (!parsed.isGiven(option.name())) {
                continue;
            }
            switch (option.kind()) {
                case FLAG -> line.add(random.nextBoolean() ? "--" + option.name() : "-" + option.shortName());
                case REPEATABLE -> parsed.strings(option.name()).forEach(v -> spell(line, option, v, random));
                case VALUE -> spell(line, option, text(option, parsed.get(option.name(), Object.class)), random);
            }
        }
        if (!parsed.arguments().isEmpty()) {
            line.add("--");
            line.addAll(parsed.arguments());
        }
        return line;
    }

    private static void spell(List<String> line, Option option, String value, SplittableRandom random) {
        switch (random.nextInt(value.isEmpty() ? 3 : 4)) {
            case 0 -> line.add("--" + option.name() + "=" + value);
            case 1 -> line.addAll(List.of("--" + option.name(), value));
            case 2 -> line.addAll(List.of("-" + option.shortName(), value));
            default -> line.add("-" + option.shortName() + value);
        }
    }

    /** The text that converts back to {@code value}: octal for the umask, the value's own text otherwise. */
    private static String text(Option option, Object value) {
        return option.converter() == Option.OCTAL ? Integer.toString((Integer) value, 8) : String.valueOf(value);
    }
}
