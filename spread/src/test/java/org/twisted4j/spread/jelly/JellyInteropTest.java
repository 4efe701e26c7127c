package org.twisted4j.spread.jelly;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.spread.banana.Sexps.hex;
import static org.twisted4j.spread.banana.Sexps.unhex;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.twisted4j.peers.Peer;
import org.twisted4j.spread.banana.BananaEncoder;

/**
 * The round trip Java → Python → Java: we jelly every value of {@link JellyVectorsTest} and a registered
 * class; Python Twisted ({@code jelly_roundtrip.py}) unjellies each under its {@code globalSecurity} and
 * jellies it again; Python's jelly must be ours byte for byte, and must unjelly here to a value that
 * jellies the same.
 */
class JellyInteropTest {

    record Point(long x, long y) {
    }

    @Test
    void pythonUnjelliesWhatWeJellyAndJelliesItBackTheSame() throws Exception {
        Path python = Peer.PYTHON_TWISTED.require();
        Path script = Path.of(Objects.requireNonNull(getClass().getResource("jelly_roundtrip.py")).toURI());

        JellyRegistry registry = new JellyRegistry().registerClass("geometry.Point", Point.class, new StateMapping<>() {
            @Override
            public Object getStateFor(Point p, Jellier jellier) {
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("x", p.x());
                state.put("y", p.y());
                return state;
            }

            @Override
            public Point setStateFor(Object state, Unjellier unjellier) {
                Map<?, ?> map = (Map<?, ?>) state;
                return new Point((Long) map.get("x"), (Long) map.get("y"));
            }
        });
        SecurityOptions taster = SecurityOptions.basic().allowInstancesOf("geometry.Point");
        Map<String, Object> values = new LinkedHashMap<>(JellyVectorsTest.values());
        Point p = new Point(3, -4);
        values.put("point", p);
        values.put("shared_points", List.of(p, Tuple.of(p, "again")));

        BananaEncoder encoder = new BananaEncoder();
        List<String> sent = new ArrayList<>();
        for (Object value : values.values()) {
            sent.add(hex(encoder.encode(Jelly.jelly(value == JellyVectorsTest.Null.NULL ? null : value, taster,
                    registry, null))));
        }

        Process process = new ProcessBuilder(python.toString(), script.toString()).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((String.join("\n", sent) + "\n").getBytes(UTF_8));
        }
        List<String> lines = new String(process.getInputStream().readAllBytes(), UTF_8).lines().toList();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).hasSameSizeAs(sent);

        List<String> names = new ArrayList<>(values.keySet());
        for (int i = 0; i < sent.size(); i++) {
            String[] parts = lines.get(i).split(" ");
            assertThat(parts[0]).as(names.get(i) + " (a Python " + parts[1] + ")").isEqualTo(sent.get(i));
            Object back = Jelly.unjelly(JellyVectorsTest.decode(unhex(parts[0])), taster, registry, null);
            assertThat(hex(encoder.encode(Jelly.jelly(back, taster, registry, null)))).as(names.get(i))
                    .isEqualTo(sent.get(i));
        }
        assertThat(lines.get(names.indexOf("tuple")).split(" ")[1]).isEqualTo("tuple");
        assertThat(lines.get(names.indexOf("str")).split(" ")[1]).isEqualTo("str");
        assertThat(lines.get(names.indexOf("point")).split(" ")[1]).isEqualTo("Point");
        assertThat(lines.get(names.indexOf("decimal")).split(" ")[1]).isEqualTo("Decimal");
        assertThat(lines.get(names.indexOf("frozenset")).split(" ")[1]).isEqualTo("frozenset");
    }
}
