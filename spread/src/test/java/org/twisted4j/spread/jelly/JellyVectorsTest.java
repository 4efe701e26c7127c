package org.twisted4j.spread.jelly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.spread.banana.Sexps.hex;
import static org.twisted4j.spread.banana.Sexps.unhex;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twisted4j.spread.banana.BananaDecoder;
import org.twisted4j.spread.banana.BananaEncoder;

/**
 * Jelly against what Python Twisted's jelly makes of the same values (jelly-vectors.txt, captured by
 * capture_jelly.py next to it), compared as Banana bytes: jellying ours gives Python's bytes, and
 * unjellying Python's then jellying again gives them back (so shared objects and cycles survive).
 */
class JellyVectorsTest {

    static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The Java value of each named case of capture_jelly.py. */
    static Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("none", Null.NULL);
        v.put("true", true);
        v.put("false", false);
        v.put("int", 42L);
        v.put("neg", -5);
        v.put("big", BigInteger.TWO.pow(70));
        v.put("float", 1.5);
        v.put("bytes", b("raw\0bytes"));
        v.put("str", "h\u00e9llo \u2603");
        v.put("str_empty", "");
        v.put("list_empty", new ArrayList<>());
        v.put("list", Arrays.asList(1L, "a", b("b"), null));
        v.put("tuple_empty", Tuple.of());
        v.put("tuple", Tuple.of(1L, Tuple.of(2.5, true)));
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put("a", 1L);
        dict.put(2L, b("x"));
        dict.put(Tuple.of(1L, 2L), List.of(3L));
        v.put("dict", dict);
        v.put("set", new LinkedHashSet<>(List.of(7L)));
        v.put("frozenset", FrozenSet.of((Object) b("f")));
        v.put("datetime", LocalDateTime.of(2020, 1, 2, 3, 4, 5, 6000));
        v.put("date", LocalDate.of(1999, 12, 31));
        v.put("time", LocalTime.of(23, 59, 58, 999_999_000));
        v.put("timedelta", Duration.ofDays(1).plusSeconds(2).plusNanos(3000));
        v.put("timedelta_neg", Duration.ofNanos(-1000));
        v.put("decimal", new BigDecimal("1.50"));
        v.put("decimal_neg", new BigDecimal("-12.345"));
        v.put("decimal_exp", new BigDecimal("1E+5"));
        List<Object> shared = List.of(1L);
        v.put("shared_list", List.of(shared, shared));
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        v.put("cycle_list", cycle);
        Map<Object, Object> self = new LinkedHashMap<>();
        self.put("self", self);
        v.put("cycle_dict", self);
        List<Object> inner = new ArrayList<>();
        Tuple t = Tuple.of(inner);
        inner.add(t);
        v.put("cycle_tuple_via_list", t);
        List<Object> inner2 = new ArrayList<>();
        inner2.add(Tuple.of(inner2));
        v.put("cycle_list_via_tuple", inner2);
        Tuple tup = Tuple.of(1L);
        v.put("shared_tuple", List.of(tup, tup, Map.of("k", tup)));
        List<Object> deep = List.of(List.of(List.of(List.of())));
        v.put("nested", List.of(deep, Map.of("x", List.of(deep))));
        return v;
    }

    /** Stands for null in the table, which a map cannot hold. */
    enum Null { NULL }

    static Map<String, byte[]> vectors() throws IOException {
        try (InputStream in = JellyVectorsTest.class.getResourceAsStream("jelly-vectors.txt")) {
            assertThat(in).as("jelly-vectors.txt").isNotNull();
            Map<String, byte[]> vectors = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                String[] parts = line.split(" ");
                vectors.put(parts[0], unhex(parts[1]));
            }
            return vectors;
        }
    }

    static Object decode(byte[] bytes) {
        List<Object> out = new ArrayList<>();
        new BananaDecoder(out::add).feed(bytes);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    static String jellyHex(Object value) {
        return hex(new BananaEncoder().encode(Jelly.jelly(value == Null.NULL ? null : value)));
    }

    @Test
    void jelliesEveryCaseAsPythonDoes() throws IOException {
        Map<String, Object> values = values();
        Map<String, byte[]> vectors = vectors();
        assertThat(vectors.keySet()).containsExactlyElementsOf(values.keySet());
        for (var entry : vectors.entrySet()) {
            assertThat(jellyHex(values.get(entry.getKey()))).as(entry.getKey()).isEqualTo(hex(entry.getValue()));
        }
    }

    @Test
    void unjelliesPythonsJellyAndJelliesItBackTheSame() throws IOException {
        for (var entry : vectors().entrySet()) {
            Object value = Jelly.unjelly(decode(entry.getValue()), SecurityOptions.basic());
            assertThat(jellyHex(value == null ? Null.NULL : value)).as(entry.getKey()).isEqualTo(hex(entry.getValue()));
        }
    }

    @Test
    void unjelliesToTheDocumentedJavaTypes() throws IOException {
        Map<String, byte[]> vectors = vectors();
        Map<String, Object> values = values();
        for (String name : List.of("true", "int", "big", "float", "str", "tuple", "set", "datetime",
                "date", "time", "timedelta", "timedelta_neg", "decimal", "decimal_neg", "decimal_exp")) {
            assertThat(Jelly.unjelly(decode(vectors.get(name)), SecurityOptions.basic())).as(name)
                    .isEqualTo(values.get(name));
        }
        assertThat(Jelly.unjelly(decode(vectors.get("none")), new SecurityOptions())).isNull();
        assertThat(Jelly.unjelly(decode(vectors.get("bytes")), new SecurityOptions())).isEqualTo(b("raw\0bytes"));
        FrozenSet frozen = (FrozenSet) Jelly.unjelly(decode(vectors.get("frozenset")), new SecurityOptions());
        assertThat(frozen.elements()).singleElement().isEqualTo(b("f"));
        Object dict = Jelly.unjelly(decode(vectors.get("dict")), SecurityOptions.basic());
        assertThat(dict).isInstanceOf(LinkedHashMap.class);
        assertThat(new ArrayList<Object>(((Map<?, ?>) dict).keySet())).containsExactly("a", 2L, Tuple.of(1L, 2L));
        assertThat(((Map<?, ?>) dict).get(Tuple.of(1L, 2L))).isEqualTo(List.of(3L));
    }

    @Test
    void sharedObjectsAndCyclesComeBackAsTheSameJavaObject() throws IOException {
        Map<String, byte[]> vectors = vectors();
        List<?> shared = (List<?>) Jelly.unjelly(decode(vectors.get("shared_list")), SecurityOptions.basic());
        assertThat(shared.get(0)).isSameAs(shared.get(1));
        List<?> cycle = (List<?>) Jelly.unjelly(decode(vectors.get("cycle_list")), SecurityOptions.basic());
        assertThat(cycle.get(0)).isSameAs(cycle);
        Map<?, ?> self = (Map<?, ?>) Jelly.unjelly(decode(vectors.get("cycle_dict")), SecurityOptions.basic());
        assertThat(self.get("self")).isSameAs(self);
        Tuple t = (Tuple) Jelly.unjelly(decode(vectors.get("cycle_tuple_via_list")), SecurityOptions.basic());
        assertThat(((List<?>) t.get(0)).get(0)).isSameAs(t);
        List<?> l = (List<?>) Jelly.unjelly(decode(vectors.get("cycle_list_via_tuple")), SecurityOptions.basic());
        assertThat(((Tuple) l.get(0)).get(0)).isSameAs(l);
    }
}
