package org.twisted4j.protocols.amp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class SchemaTest {
    record Request(long count, @Nullable String note, boolean dry_run) {
    }

    record Empty() {
    }

    static final Schema<Request> REQUEST = Schema.of(Request.class).field("count", Arguments.integer())
            .optional("note", Arguments.unicode()).field("dry-run", Arguments.bool()).build();

    record Secured(long count, @Nullable Object options) {
    }

    @Test
    void localComponentNeverGoesOnTheWire() {
        Schema<Secured> schema = Schema.of(Secured.class).field("count", Arguments.integer()).local("options").build();
        AmpBox box = schema.toBox(new Secured(2, "secret options"), new AmpBox());
        assertThat(box).isEqualTo(new AmpBox().put("count", "2"));
        assertThat(schema.wireNames()).containsExactly("count");
        assertThat(schema.fromBox(box.put("options", "from the peer"))).isEqualTo(new Secured(2, null));
        assertThat(schema.localValue(new Secured(2, "secret options"), "options")).isEqualTo("secret options");
        assertThatThrownBy(() -> Schema.of(Secured.class).local("count")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void switchingCommandsNeedTheirLocalComponents() {
        Schema<Secured> schema = Schema.of(Secured.class).field("count", Arguments.integer()).local("options").build();
        assertThatThrownBy(() -> Command.builder("X", schema, schema).startsTls())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tls");
        assertThatThrownBy(() -> Command.builder("X", schema, schema).switchesProtocol())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factory");
        assertThat(StartTLS.COMMAND.startsTls()).isTrue();
        assertThat(StartTLS.OPTIONS.wireNames()).isEmpty();
        assertThatThrownBy(Arguments::descriptor).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("SCM_RIGHTS");
    }

    @Test
    void recordGoesToABoxAndBack() {
        AmpBox box = REQUEST.toBox(new Request(3, "hi", true), new AmpBox());
        assertThat(box).isEqualTo(new AmpBox().put("count", "3").put("note", "hi").put("dry-run", "True"));
        assertThat(REQUEST.fromBox(box)).isEqualTo(new Request(3, "hi", true));
    }

    @Test
    void optionalFieldIsLeftOutWhenNullAndNullWhenMissing() {
        AmpBox box = REQUEST.toBox(new Request(3, null, false), new AmpBox());
        assertThat(box.keys()).containsExactly("count", "dry-run");
        assertThat(REQUEST.fromBox(box)).isEqualTo(new Request(3, null, false));
    }

    @Test
    void missingRequiredKeyAndBadValuesAreErrors() {
        assertThatThrownBy(() -> REQUEST.fromBox(new AmpBox().put("count", "3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dry-run");
        assertThatThrownBy(() -> REQUEST.fromBox(new AmpBox().put("count", "x").put("dry-run", "True")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count");
    }

    @Test
    void unknownKeysAreIgnored() {
        assertThat(REQUEST.fromBox(new AmpBox().put("count", "1").put("dry-run", "False").put("other", "x")))
                .isEqualTo(new Request(1, null, false));
    }

    @Test
    void everyComponentNeedsOneFieldOfAFittingType() {
        assertThatThrownBy(() -> Schema.of(Request.class).field("count", Arguments.integer()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("note");
        assertThatThrownBy(() -> Schema.of(Request.class).field("count", Arguments.unicode()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot hold");
        assertThatThrownBy(() -> Schema.of(Request.class).optional("count", Arguments.integer()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("primitive");
        assertThatThrownBy(() -> Schema.of(Request.class).field("nope", Arguments.integer()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no component");
        assertThat(Schema.empty(Empty.class).fromBox(new AmpBox())).isEqualTo(new Empty());
    }
}
