package org.twisted4j.spread.jelly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.spread.banana.Sexps.show;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The taster, the hooks Perspective Broker builds on, and malformed s-expressions. */
class JellyTest {

    static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<Object> sexp(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    record Point(long x, long y) {
    }

    static final StateMapping<Point> POINT = new StateMapping<>() {
        @Override
        public Object getStateFor(Point p, Jellier jellier) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("x", p.x());
            state.put("y", p.y());
            return state;
        }

        @Override
        public Point setStateFor(Object state, Unjellier unjellier) {
            if (state instanceof Map<?, ?> m && m.get("x") instanceof Long x && m.get("y") instanceof Long y) {
                return new Point(x, y);
            }
            throw new InsecureJelly("bad Point state");
        }
    };

    /** As Perspective Broker's Referenceable: [b"remote", id from the invoker]. */
    static final class Remote implements Jellyable {
        @Override
        public Object jellyFor(Jellier jellier) {
            Broker broker = (Broker) jellier.invoker();
            return sexp(b("remote"), broker.register(this));
        }
    }

    /** Stands in for a broker. */
    static final class Broker {
        final List<Object> registered = new ArrayList<>();

        long register(Object o) {
            int index = registered.indexOf(o);
            if (index < 0) {
                registered.add(o);
                index = registered.size() - 1;
            }
            return index + 1;
        }
    }

    @Test
    void strictOptionsAllowOnlyTwistedsDefaultAtoms() {
        SecurityOptions strict = new SecurityOptions();
        assertThat(Jelly.unjelly(sexp(b("unicode"), b("hi")), strict)).isEqualTo("hi");
        assertThat(Jelly.unjelly(5L, strict)).isEqualTo(5L);
        for (String atom : List.of("list", "tuple", "dictionary", "reference", "dereference", "remote",
                "module", "os.system")) {
            assertThatThrownBy(() -> Jelly.unjelly(sexp(b(atom)), strict)).as(atom)
                    .isInstanceOf(InsecureJelly.class).hasMessageContaining("not allowed: " + atom);
        }
        assertThat(Jelly.unjelly(sexp(b("list"), 1L), SecurityOptions.basic())).isEqualTo(List.of(1L));
    }

    @Test
    void aClassNameIsNeverLookedUpOnlyRegistered() {
        SecurityOptions all = SecurityOptions.allowingAll();
        assertThatThrownBy(() -> Jelly.unjelly(sexp(b("java.lang.Runtime"), sexp(b("dictionary"))), all))
                .isInstanceOf(InsecureJelly.class).hasMessageContaining("no unjellier registered");
        for (String atom : List.of("class", "module", "function", "instance", "method")) {
            assertThatThrownBy(() -> Jelly.unjelly(sexp(b(atom), b("os.system")), all)).as(atom)
                    .isInstanceOf(InsecureJelly.class);
        }
    }

    @Test
    void aRegisteredClassTravelsAsItsPythonClassWhenAllowed() {
        JellyRegistry registry = new JellyRegistry().registerClass("geometry.Point", Point.class, POINT);
        SecurityOptions allowed = new SecurityOptions().allowInstancesOf("geometry.Point");
        Object sexp = Jelly.jelly(List.of(new Point(1, 2)), allowed, registry, null);
        assertThat(show(sexp)).isEqualTo("[b\"list\", [b\"geometry.Point\", [b\"dictionary\", "
                + "[[b\"unicode\", b\"x\"], 1], [[b\"unicode\", b\"y\"], 2]]]]");
        assertThat(Jelly.unjelly(sexp, allowed, registry, null)).isEqualTo(List.of(new Point(1, 2)));

        // not allowed: jellied as unpersistable, as Twisted does; refused when unjellied
        SecurityOptions basic = SecurityOptions.basic();
        assertThat(show(Jelly.jelly(new Point(1, 2), basic, registry, null)))
                .isEqualTo("[b\"unpersistable\", b\"instance of class geometry.Point deemed insecure\"]");
        assertThatThrownBy(() -> Jelly.unjelly(sexp, basic, registry, null)).isInstanceOf(InsecureJelly.class)
                .hasMessageContaining("not allowed: geometry.Point");
        assertThat(Jelly.unjelly(sexp, SecurityOptions.basic().allowModules("geometry"), registry, null))
                .isEqualTo(List.of(new Point(1, 2)));
        // allowed but not registered: refused, never looked up
        assertThatThrownBy(() -> Jelly.unjelly(sexp, allowed)).isInstanceOf(InsecureJelly.class)
                .hasMessageContaining("no unjellier registered for type geometry.Point");
        // a bad state is the mapping's refusal
        assertThatThrownBy(() -> Jelly.unjelly(sexp(b("geometry.Point"), 5L), allowed, registry, null))
                .isInstanceOf(InsecureJelly.class).hasMessageContaining("bad Point state");
        assertThatThrownBy(() -> Jelly.unjelly(sexp(b("geometry.Point")), allowed, registry, null))
                .isInstanceOf(InsecureJelly.class).hasMessageContaining("without state");
        assertThatThrownBy(() -> Jelly.unjelly(sexp(b("geometry.Point"), sexp(b("None"))), allowed, registry, null))
                .isInstanceOf(InsecureJelly.class).hasMessageContaining("None for state");
    }

    @Test
    void sharedRegisteredInstancesBecomeReferences() {
        JellyRegistry registry = new JellyRegistry().registerClass("geometry.Point", Point.class, POINT);
        SecurityOptions allowed = new SecurityOptions().allowInstancesOf("geometry.Point");
        Point p = new Point(3, 4);
        Object sexp = Jelly.jelly(List.of(p, p), allowed, registry, null);
        assertThat(show(sexp)).startsWith("[b\"list\", [b\"reference\", 1, [b\"geometry.Point\", ")
                .endsWith("[b\"dereference\", 1]]");
        List<?> back = (List<?>) Jelly.unjelly(sexp, allowed, registry, null);
        assertThat(back.get(0)).isSameAs(back.get(1));
    }

    @Test
    void aJellyableMakesItsOwnSexpWithTheInvoker() {
        Broker broker = new Broker();
        Remote remote = new Remote();
        Object sexp = Jelly.jelly(Tuple.of(remote, "x", remote), SecurityOptions.allowingAll(), new JellyRegistry(), broker);
        assertThat(show(sexp)).isEqualTo("[b\"tuple\", [b\"remote\", 1], [b\"unicode\", b\"x\"], [b\"remote\", 1]]");
        assertThat(broker.registered).containsExactly(remote);
    }

    @Test
    void aJellyableUsingPrepareAndPreserveCanBeInACycle() {
        final class Node implements Jellyable {
            final List<Object> children = new ArrayList<>();

            @Override
            public Object jellyFor(Jellier jellier) {
                List<Object> sexp = jellier.prepare(this);
                sexp.add(b("tree.Node"));
                sexp.add(jellier.jelly(children));
                return jellier.preserve(this, sexp);
            }
        }
        Node node = new Node();
        node.children.add(node);
        assertThat(show(Jelly.jelly(node))).isEqualTo(
                "[b\"reference\", 1, [b\"tree.Node\", [b\"list\", [b\"dereference\", 1]]]]");
    }

    @Test
    void registeredUnjellyersComeBeforeBuiltInAtomsAndGetTheInvoker() {
        Broker broker = new Broker();
        List<Object> seen = new ArrayList<>();
        JellyRegistry registry = new JellyRegistry()
                .register("remote", (unjellier, sexp) -> {
                    seen.add(unjellier.invoker());
                    return "proxy " + sexp.get(1);
                })
                .register("unicode", (unjellier, sexp) -> "overridden");
        SecurityOptions taster = SecurityOptions.basic().allowTypes("remote");
        Object value = Jelly.unjelly(sexp(b("list"), sexp(b("remote"), 7L), sexp(b("unicode"), b("a"))), taster,
                registry, broker);
        assertThat(value).isEqualTo(List.of("proxy 7", "overridden"));
        assertThat(seen).containsExactly(broker);
        // registering does not allow: the taster comes first
        assertThatThrownBy(() -> Jelly.unjelly(sexp(b("remote"), 7L), SecurityOptions.basic(), registry, broker))
                .isInstanceOf(InsecureJelly.class);
    }

    @Test
    void anUnjellyerGetsChildrenThroughTheUnjellierUnderTheSameTaster() {
        List<Runnable> order = new ArrayList<>();
        JellyRegistry registry = new JellyRegistry().register("copy", (unjellier, sexp) -> {
            Object state = unjellier.unjelly(sexp.get(1));
            unjellier.afterUnjelly(() -> order.add(() -> { }));
            return state;
        });
        SecurityOptions taster = new SecurityOptions().allowTypes("copy");
        assertThat(Jelly.unjelly(sexp(b("copy"), sexp(b("unicode"), b("s"))), taster, registry, null)).isEqualTo("s");
        assertThat(order).hasSize(1);
        assertThatThrownBy(() -> Jelly.unjelly(sexp(b("copy"), sexp(b("list"))), taster, registry, null))
                .isInstanceOf(InsecureJelly.class).hasMessageContaining("not allowed: list");
    }

    @Test
    void malformedSexpsAreInsecureJelly() {
        SecurityOptions basic = SecurityOptions.basic();
        List<Object> bad = List.of(
                sexp(), sexp(1L), sexp(sexp(b("list"))),
                sexp(b("unicode")), sexp(b("unicode"), 5L), sexp(b("unicode"), new byte[] {(byte) 0xff}),
                sexp(b("boolean"), b("yes")), sexp(b("datetime"), b("2020 13 1")), sexp(b("datetime"), b("x")),
                sexp(b("date"), b("2020 2 30")), sexp(b("time"), b("24 0 0 0")), sexp(b("time"), b("1 2 3 4 5")),
                sexp(b("timedelta"), b("1 2")), sexp(b("timedelta"), b("1000000000 0 0")),
                sexp(b("timedelta"), b("99999999999999999999 0 0")),
                sexp(b("decimal"), 1L), sexp(b("decimal"), 1L, 1L << 40), sexp(b("decimal"), b("1"), 0L),
                sexp(b("dictionary"), sexp(1L)), sexp(b("dictionary"), 1L),
                sexp(b("dictionary"), sexp(sexp(b("list")), 1L)), sexp(b("set"), sexp(b("dictionary"))),
                sexp(b("reference"), 1L), sexp(b("reference"), b("id"), 1L), sexp(b("dereference")),
                sexp(b("dereference"), 9L), sexp(b("list"), sexp(b("dereference"), 9L)),
                sexp(b("list"), sexp(b("reference"), 1L, 1L), sexp(b("reference"), 1L, 2L)),
                sexp(b("reference"), 1L, sexp(b("dereference"), 1L)),
                sexp(b("reference"), 1L, sexp(b("tuple"), sexp(b("dereference"), 1L))),
                sexp(b("reference"), 1L, sexp(b("set"), sexp(b("dereference"), 1L))),
                sexp(b("unpersistable")), sexp(new byte[] {1, 2}));
        for (Object sexp : bad) {
            assertThatThrownBy(() -> Jelly.unjelly(sexp, basic)).as(show(sexp)).isInstanceOf(InsecureJelly.class);
        }
    }

    @Test
    void unhashableSetElementsAndKeysAreRefusedAsPythonDoes() {
        SecurityOptions basic = SecurityOptions.basic();
        assertThatThrownBy(() -> Jelly.unjelly(sexp(b("set"), sexp(b("list"))), basic))
                .isInstanceOf(InsecureJelly.class).hasMessageContaining("unhashable");
        assertThatThrownBy(() -> Jelly.unjelly(sexp(b("frozenset"), sexp(b("tuple"), sexp(b("set")))), basic))
                .isInstanceOf(InsecureJelly.class);
        assertThat(Jelly.unjelly(sexp(b("set"), sexp(b("tuple"), 1L), sexp(b("frozenset"))), basic))
                .isEqualTo(new java.util.LinkedHashSet<>(List.of(Tuple.of(1L), FrozenSet.of())));
    }

    @Test
    void aStateThatRefersBackIntoAnIncompleteRegisteredObjectIsRefused() {
        JellyRegistry registry = new JellyRegistry().registerClass("geometry.Point", Point.class, POINT);
        SecurityOptions allowed = new SecurityOptions().allowInstancesOf("geometry.Point");
        Object sexp = sexp(b("reference"), 1L, sexp(b("geometry.Point"), sexp(b("dictionary"),
                sexp(sexp(b("unicode"), b("x")), sexp(b("dereference"), 1L)))));
        assertThatThrownBy(() -> Jelly.unjelly(sexp, allowed, registry, null)).isInstanceOf(InsecureJelly.class)
                .hasMessageContaining("not yet complete");
    }

    @Test
    void unpersistableAndPersistentComeBackAsUnpersistable() {
        SecurityOptions basic = SecurityOptions.basic();
        assertThat(Jelly.unjelly(sexp(b("unpersistable"), b("why")), basic)).isEqualTo(new Unpersistable("why"));
        assertThat(Jelly.unjelly(sexp(b("persistent"), b("x")), basic))
                .isEqualTo(new Unpersistable("Persistent callback not found"));
        assertThat(show(Jelly.jelly(new Unpersistable("why")))).isEqualTo("[b\"unpersistable\", b\"why\"]");
    }

    @Test
    void aJavaValueWithNoJellyFormIsRefused() {
        assertThatThrownBy(() -> Jelly.jelly(List.of(new Object()))).isInstanceOf(InsecureJelly.class)
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void nullAndNumbersJellyAsPythonsNoneAndInts() {
        @Nullable Object none = null;
        assertThat(show(Jelly.jelly(none))).isEqualTo("[b\"None\"]");
        assertThat(Jelly.jelly(7)).isEqualTo(7L);
        assertThat(Jelly.jelly(java.math.BigInteger.TEN)).isEqualTo(10L);
        assertThat(Jelly.jelly(2.5f)).isEqualTo(2.5);
    }

    /** As a Perspective Broker copy: a mutable object that keeps its state dictionary. */
    static final class Simple {
        Map<?, ?> state = Map.of();
    }

    static JellyRegistry simpleRegistry() {
        return new JellyRegistry().register("test.Simple", (unjellier, sexp) -> {
            Simple simple = new Simple();
            simple.state = (Map<?, ?>) unjellier.unjelly(sexp.get(1));
            return simple;
        });
    }

    static Object simpleWith(Object attribute) {
        return sexp(b("reference"), 1L, sexp(b("test.Simple"), sexp(b("dictionary"),
                sexp(sexp(b("unicode"), b("x")), attribute))));
    }

    @Test
    void aSetOrFrozenSetCanHoldAnObjectThatHoldsItAsTwistedsTestsSay() {
        SecurityOptions taster = SecurityOptions.basic().allowInstancesOf("test.Simple");
        Simple a = (Simple) Jelly.unjelly(simpleWith(sexp(b("set"), sexp(b("dereference"), 1L))), taster,
                simpleRegistry(), null);
        assertThat(a.state.get("x")).isInstanceOf(Set.class);
        assertThat((Set<?>) a.state.get("x")).singleElement().isSameAs(a);

        Simple b = (Simple) Jelly.unjelly(simpleWith(sexp(b("frozenset"), 2L, sexp(b("dereference"), 1L))), taster,
                simpleRegistry(), null);
        assertThat(((FrozenSet) b.state.get("x")).elements()).hasSize(2).contains(2L).contains(b);
    }

    @Test
    void aDictionaryKeyThatRefersBackJoinsWhenItIsComplete() {
        SecurityOptions taster = SecurityOptions.basic().allowInstancesOf("test.Simple");
        Simple a = (Simple) Jelly.unjelly(simpleWith(sexp(b("dictionary"),
                sexp(sexp(b("dereference"), 1L), sexp(b("dereference"), 1L)), sexp(1L, 2L))), taster,
                simpleRegistry(), null);
        Map<?, ?> index = (Map<?, ?>) a.state.get("x");
        assertThat(index.get(a)).isSameAs(a);
        assertThat(index.get(1L)).isEqualTo(2L);
        assertThat(show(Jelly.jelly(index.keySet().stream().map(k -> k == a ? "a" : k).toList())))
                .isEqualTo("[b\"list\", 1, [b\"unicode\", b\"a\"]]");
    }

    @Test
    void immutablesThatWouldContainThemselvesAreRefused() {
        SecurityOptions basic = SecurityOptions.basic();
        for (Object sexp : List.of(
                sexp(b("reference"), 1L, sexp(b("tuple"), sexp(b("frozenset"), sexp(b("dereference"), 1L)))),
                sexp(b("reference"), 1L, sexp(b("tuple"), sexp(b("reference"), 2L,
                        sexp(b("frozenset"), sexp(b("dereference"), 1L))))),
                sexp(b("reference"), 1L, sexp(b("frozenset"), sexp(b("dereference"), 1L))),
                sexp(b("reference"), 1L, sexp(b("dictionary"), sexp(sexp(b("dereference"), 1L), 1L))))) {
            assertThatThrownBy(() -> Jelly.unjelly(sexp, basic)).as(show(sexp)).isInstanceOf(InsecureJelly.class);
        }
    }
}
