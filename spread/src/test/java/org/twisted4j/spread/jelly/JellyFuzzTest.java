package org.twisted4j.spread.jelly;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.twisted4j.spread.banana.BananaDecoder;
import org.twisted4j.spread.banana.BananaEncoder;
import org.twisted4j.spread.banana.BananaError;
import org.twisted4j.spread.banana.Sexps;

/**
 * Fuzzes unjellying on whatever s-expressions Banana decodes from the input.
 *
 * <p>Invariants: under Twisted's strict default {@link SecurityOptions} only {@link InsecureJelly} escapes;
 * under the basic types, whatever unjellies jellies again, that jelly unjellies, and jellying that gives
 * the same s-expression (unjelly then jelly is stable once applied), with shared objects and cycles;
 * with registry entries (an atom as Perspective Broker's {@code remote}, a registered class) allowed, only
 * {@code InsecureJelly} escapes and a registered class is only ever made from a complete state.
 */
class JellyFuzzTest {

    private static List<Object> expressions(FuzzedDataProvider data) {
        boolean vocabulary = data.consumeBoolean();
        List<Object> out = new ArrayList<>();
        try {
            new BananaDecoder(out::add).setMaxDepth(64).setVocabulary(vocabulary).feed(data.consumeRemainingAsBytes());
        } catch (BananaError e) {
            // what decoded before the error is still fuzz input
        }
        return out;
    }

    @FuzzTest
    void strictOptionsOnlyEverRefuse(FuzzedDataProvider data) {
        for (Object sexp : expressions(data)) {
            try {
                Jelly.unjelly(sexp, new SecurityOptions());
            } catch (InsecureJelly e) {
                assertThat(e.getMessage()).isNotEmpty();
            }
        }
    }

    @FuzzTest
    void unjellyThenJellyIsStableUnderBasicTypes(FuzzedDataProvider data) {
        BananaEncoder encoder = new BananaEncoder().setMaxDepth(100_000).setSizeLimit(Integer.MAX_VALUE);
        for (Object sexp : expressions(data)) {
            Object value;
            try {
                value = Jelly.unjelly(sexp, SecurityOptions.basic());
            } catch (InsecureJelly e) {
                continue;
            }
            Object first = Jelly.jelly(value);
            Object again = Jelly.unjelly(first, SecurityOptions.basic());
            Object second = Jelly.jelly(again);
            assertThat(Sexps.hex(encoder.encode(second))).as(Sexps.show(first))
                    .isEqualTo(Sexps.hex(encoder.encode(first)));
        }
    }

    record Point(long x, long y) {
    }

    private static final JellyRegistry REGISTRY = new JellyRegistry()
            .register("remote", (unjellier, sexp) -> {
                if (sexp.size() != 2 || !(sexp.get(1) instanceof Long id)) {
                    throw new InsecureJelly("bad remote");
                }
                return Tuple.of("remote", id);
            })
            .registerClass("geometry.Point", Point.class, new StateMapping<>() {
                @Override
                public Object getStateFor(Point p, Jellier jellier) {
                    return Map.of("x", p.x(), "y", p.y());
                }

                @Override
                public Point setStateFor(Object state, Unjellier unjellier) {
                    if (state instanceof Map<?, ?> m && m.get("x") instanceof Long x && m.get("y") instanceof Long y) {
                        return new Point(x, y);
                    }
                    throw new InsecureJelly("bad Point state");
                }
            });

    @FuzzTest
    void registeredTypesOnlyEverRefuse(FuzzedDataProvider data) {
        SecurityOptions taster = SecurityOptions.basic().allowTypes("remote").allowInstancesOf("geometry.Point");
        for (Object sexp : expressions(data)) {
            try {
                Object value = Jelly.unjelly(sexp, taster, REGISTRY, null);
                Jelly.jelly(value, taster, REGISTRY, null);
            } catch (InsecureJelly e) {
                assertThat(e.getMessage()).isNotEmpty();
            }
        }
    }
}
