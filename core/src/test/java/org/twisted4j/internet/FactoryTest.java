package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class FactoryTest {
    private static final Address PEER = new IPv4Address(AddressType.TCP, "192.0.2.7", 5555);

    private static final class Plain extends Protocol {
    }

    /** Records startFactory and stopFactory. */
    private static final class Counting extends Factory {
        final List<String> events = new ArrayList<>();

        Counting() {
            super(Plain::new);
        }

        @Override
        protected void startFactory() {
            events.add("start");
        }

        @Override
        protected void stopFactory() {
            events.add("stop");
        }
    }

    /** Refuses every connection. */
    private static final class Refusing extends Factory {
        @Override
        public @Nullable Protocol buildProtocol(Address peer) {
            return null;
        }
    }

    @Test
    void forProtocolBuildsANewProtocolEachTimeWithItsFactorySet() {
        Factory factory = Factory.forProtocol(Plain::new);

        Protocol first = factory.buildProtocol(PEER);
        Protocol second = factory.buildProtocol(PEER);

        assertThat(first).isInstanceOf(Plain.class).isNotSameAs(second);
        assertThat(first.factory()).isSameAs(factory);
        assertThat(second.factory()).isSameAs(factory);
    }

    @Test
    void clientFactoryForProtocolIsAClientFactory() {
        ClientFactory factory = ClientFactory.forProtocol(Plain::new);

        Protocol built = factory.buildProtocol(PEER);

        assertThat(built).isInstanceOf(Plain.class);
        assertThat(built.factory()).isSameAs(factory);
    }

    @Test
    void supplierReturningNullIsReportedNotPassedOn() {
        Factory factory = Factory.forProtocol(() -> null);
        assertThatThrownBy(() -> factory.buildProtocol(PEER)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void subclassWithoutSupplierMustOverrideBuildProtocol() {
        Factory bare = new Factory() {
        };
        assertThatThrownBy(() -> bare.buildProtocol(PEER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("buildProtocol");
    }

    @Test
    void buildProtocolMayRefuseWithNull() {
        assertThat(new Refusing().buildProtocol(PEER)).isNull();
    }

    @Test
    void startFactoryRunsForTheFirstPortOnlyAndStopFactoryForTheLast() {
        Counting factory = new Counting();

        factory.doStart();
        factory.doStart();
        assertThat(factory.events).containsExactly("start");
        assertThat(factory.numPorts()).isEqualTo(2);

        factory.doStop();
        assertThat(factory.events).containsExactly("start");
        factory.doStop();
        assertThat(factory.events).containsExactly("start", "stop");
        assertThat(factory.numPorts()).isZero();
    }

    @Test
    void doStopOnAnUnstartedFactoryDoesNothing() {
        Counting factory = new Counting();
        factory.doStop();
        assertThat(factory.events).isEmpty();
        assertThat(factory.numPorts()).isZero();
    }

    @Test
    void factoryCanBeStartedAgainAfterStopping() {
        Counting factory = new Counting();
        factory.doStart();
        factory.doStop();
        factory.doStart();
        assertThat(factory.events).containsExactly("start", "stop", "start");
    }
}
