package org.twisted4j.words.xmpp.xish;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the XML stream parser with fuzzed bytes after a fixed or fuzzed stream header.
 *
 * <p>Invariants: only {@link XmlParseException} escapes, and all input is consumed; the same bytes give the same
 * events (and the same failure or none) whole or split at fuzzed points when no size limit is in play; with a
 * small fuzzed limit, no element delivered holds more characters than the limit plus two feed chunks, and
 * nesting never passes the depth limit; each stanza delivered, written out and parsed again inside a stream,
 * gives back the same XML.
 */
class XmlStreamParserFuzzTest {

    private static final String HEADER = "<stream:stream xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>";

    @FuzzTest
    void streamsParseTheSameHoweverSplit(FuzzedDataProvider data) {
        boolean withHeader = data.consumeBoolean();
        int limit = data.consumeInt(1, 2_000);
        int depth = data.consumeInt(1, 10);
        int[] cuts = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, 0xffff);
        }
        byte[] body = data.consumeRemainingAsBytes();
        byte[] input = withHeader ? concat(HEADER.getBytes(StandardCharsets.UTF_8), body) : body;

        Result whole = run(List.of(ByteBuffer.wrap(input)), Integer.MAX_VALUE, depth);
        Result split = run(pieces(input, cuts), Integer.MAX_VALUE, depth);
        assertThat(split.events).isEqualTo(whole.events);
        assertThat(split.failure).isEqualTo(whole.failure);

        Result limited = run(pieces(input, cuts), limit, depth);
        for (Element stanza : limited.stanzas) {
            // Counting starts after the chunk a stanza began in, and a stanza ending in the chunk that crosses the
            // limit is still delivered: two chunks of slack.
            assertThat(size(stanza)).isLessThanOrEqualTo(limit + 2 * XmlStreamParser.CHUNK);
            assertThat(depth(stanza)).isLessThanOrEqualTo(depth);
        }
        for (Element stanza : whole.stanzas) {
            roundTrip(stanza);
        }
    }

    private static void roundTrip(Element stanza) {
        String xml = new Serializer().serialize(stanza);
        XmlStreamParserTest.Recorder again = new XmlStreamParserTest.Recorder();
        XmlStreamParser parser = new XmlStreamParser(again);
        try {
            parser.feed(ByteBuffer.wrap(("<s>" + xml + "</s>").getBytes(StandardCharsets.UTF_8)));
        } catch (XmlParseException e) {
            throw new AssertionError("written stanza does not parse: " + xml, e);
        }
        assertThat(again.stanzas).hasSize(1);
        assertThat(new Serializer().serialize(again.stanzas.get(0))).isEqualTo(xml);
    }

    private record Result(List<String> events, List<Element> stanzas, String failure) {
    }

    private static Result run(List<ByteBuffer> pieces, int limit, int depth) {
        XmlStreamParserTest.Recorder recorder = new XmlStreamParserTest.Recorder();
        XmlStreamParser parser = new XmlStreamParser(recorder);
        parser.setMaxStanzaBytes(limit);
        parser.setMaxDepth(depth);
        String failure = "";
        for (ByteBuffer piece : pieces) {
            ByteBuffer copy = piece.duplicate();
            try {
                parser.feed(copy);
            } catch (XmlParseException e) {
                failure = e.condition().wireName();
            }
            assertThat(copy.hasRemaining()).as("input left unconsumed").isFalse();
        }
        return new Result(recorder.events, recorder.stanzas, failure.isEmpty() ? "" : "failed");
    }

    private static int size(Element e) {
        int n = e.name().length();
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            n += a.getValue().length();
        }
        for (Object child : e.children()) {
            n += child instanceof Element c ? size(c) : ((String) child).length();
        }
        return n;
    }

    private static int depth(Element e) {
        int deepest = 0;
        for (Element c : e.elements()) {
            deepest = Math.max(deepest, depth(c));
        }
        return deepest + 1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static List<ByteBuffer> pieces(byte[] input, int[] cuts) {
        int[] at = new int[cuts.length];
        for (int i = 0; i < cuts.length; i++) {
            at[i] = cuts[i] % (input.length + 1);
        }
        Arrays.sort(at);
        List<ByteBuffer> pieces = new ArrayList<>();
        int from = 0;
        for (int to : at) {
            pieces.add(ByteBuffer.wrap(input, from, to - from).slice());
            from = to;
        }
        pieces.add(ByteBuffer.wrap(input, from, input.length - from).slice());
        return pieces;
    }
}
