package org.twisted4j.web.template;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.web.Request;

/**
 * Fuzzes the template parser with arbitrary text, then flattens what it parsed with renderers that give back the
 * tag they are handed.
 *
 * <p>Invariants: parsing fails only with {@link TemplateSyntaxError}; a parsed template flattens at once, or fails
 * only with a {@link FlattenerError} caused by an {@link UnfilledSlot}; flattening it twice gives the same bytes
 * (rendering does not change the template), and they are well-formed UTF-8.
 */
class TemplateParserFuzzTest {

    /** Renders a parsed document; each renderer answers with the tag it was given. */
    private record Echo(List<Object> document) implements Renderable {
        @Override
        public Object render(@Nullable Request request) {
            return document;
        }

        @Override
        public RenderMethod lookupRenderMethod(String name) {
            return (request, tag) -> tag;
        }
    }

    @FuzzTest
    void parsesOrRefusesThenFlattensTheSameTwice(FuzzedDataProvider data) {
        String text = new String(data.consumeRemainingAsBytes(), UTF_8);
        List<Object> document;
        try {
            document = new XMLString(text).load();
        } catch (TemplateSyntaxError refused) {
            return;
        }
        byte[] first = flatten(document);
        byte[] second = flatten(document);
        if (first == null) {
            assertThat(second).isNull();
            return;
        }
        assertThat(second).isEqualTo(first);
        try {
            UTF_8.newDecoder().decode(ByteBuffer.wrap(first));
        } catch (CharacterCodingException e) {
            throw new AssertionError("the output is not UTF-8", e);
        }
    }

    private static byte @Nullable [] flatten(List<Object> document) {
        Deferred<byte[]> done = Template.flattenString(null, new Echo(document));
        assertThat(done.isCalled()).isTrue();
        Object[] outcome = new Object[1];
        done.addCallbacks(bytes -> outcome[0] = bytes, failure -> outcome[0] = failure.value());
        if (outcome[0] instanceof byte[] bytes) {
            return bytes;
        }
        assertThat(outcome[0]).isInstanceOf(FlattenerError.class);
        assertThat(((Throwable) outcome[0]).getCause()).isInstanceOf(UnfilledSlot.class);
        return null;
    }
}
