package org.twisted4j.web.http2;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A stream handler factory that records what each stream's handler saw, and can answer at end of stream. */
final class Recorder implements Http2StreamHandler.Factory {
    final List<String> events = new ArrayList<>();
    final Map<Integer, Http2Stream> streams = new LinkedHashMap<>();
    boolean consume = true;
    Consumer<Http2Stream> onEnd = stream -> { };

    @Override
    public Http2StreamHandler newStream(Http2Stream stream) {
        streams.put(stream.id(), stream);
        StringBuilder head = new StringBuilder("open " + stream.id());
        for (HeaderField field : stream.requestHeaders()) {
            head.append(' ').append(field.name()).append('=').append(field.value());
        }
        events.add(head.toString());
        return new Http2StreamHandler() {
            @Override
            public void dataReceived(ByteBuffer data) {
                int length = data.remaining();
                byte[] bytes = new byte[length];
                data.get(bytes);
                events.add("data " + stream.id() + " " + (length > 40 ? length + " octets"
                        : "\"" + new String(bytes, ISO_8859_1) + "\""));
                if (consume) {
                    stream.consumed(length);
                }
            }

            @Override
            public void trailersReceived(List<HeaderField> trailers) {
                events.add("trailers " + stream.id() + " " + trailers);
            }

            @Override
            public void endOfStream() {
                events.add("end " + stream.id());
                onEnd.accept(stream);
            }

            @Override
            public void reset(ErrorCode code) {
                events.add("reset " + stream.id() + " " + code);
            }
        };
    }

    /** Answers every completed request with 200 and "hello " + its path. */
    static Consumer<Http2Stream> hello() {
        return stream -> {
            String path = stream.requestHeaders().stream().filter(f -> f.name().equals(":path")).findFirst()
                    .orElseThrow().value();
            stream.sendHeaders(List.of(new HeaderField(":status", "200")), false);
            stream.sendData(ByteBuffer.wrap(("hello " + path).getBytes(ISO_8859_1)), true);
        };
    }
}
