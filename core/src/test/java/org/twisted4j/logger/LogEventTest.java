package org.twisted4j.logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogEventTest {

    @Test
    void fieldsAreACopyInTheGivenOrder() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("z", 1);
        fields.put("a", 2);
        fields.put("m", 3);
        LogEvent event = new LogEvent("f", LogLevel.INFO, "ns", 1.0, null, fields);
        fields.put("late", 4);
        assertThat(event.fields()).containsExactly(entry("z", 1), entry("a", 2), entry("m", 3));
    }

    @Test
    void fieldsCannotBeChanged() {
        LogEvent event = Events.event("f", "a", 1);
        assertThatThrownBy(() -> event.fields().put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullValuesAreAllowedButNullNamesAreNot() {
        assertThat(Events.event("f", "a", null).field("a")).isNull();
        Map<String, Object> withNullKey = new HashMap<>();
        withNullKey.put(null, 1);
        assertThatThrownBy(() -> new LogEvent("f", LogLevel.INFO, "ns", 1.0, null, withNullKey))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void levelAndNamespaceAreRequired() {
        assertThatThrownBy(() -> new LogEvent("f", null, "ns", 1.0, null, Map.of()))
                .isInstanceOf(NullPointerException.class).hasMessage("level");
        assertThatThrownBy(() -> new LogEvent("f", LogLevel.INFO, null, 1.0, null, Map.of()))
                .isInstanceOf(NullPointerException.class).hasMessage("namespace");
    }

    @Test
    void fieldLooksUpByName() {
        LogEvent event = Events.event("f", "peer", "10.0.0.7");
        assertThat(event.field("peer")).isEqualTo("10.0.0.7");
        assertThat(event.field("other")).isNull();
    }

    @Test
    void toStringNeverThrows() {
        Object bad = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        };
        LogEvent event = new LogEvent("say \"{x}\"", LogLevel.WARN, "ns", 2.5, bad, Map.of("x", bad));
        assertThat(event.toString())
                .startsWith("LogEvent[format=\"say \\\"{x}\\\"\", level=warn, namespace=ns, time=2.5, source=<unprintable ")
                .contains("fields={x=<unprintable ");
    }

    @Test
    void eventsWithEqualComponentsAreEqual() {
        assertThat(Events.event("f", "a", 1)).isEqualTo(Events.event("f", "a", 1))
                .isNotEqualTo(Events.event("f", "a", 2));
    }
}
