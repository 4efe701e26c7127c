package org.twisted4j.web.http2;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One parsed HTTP/2 frame (RFC 9113 §6), as the {@link FrameReader} hands them out. */
sealed interface Frame {
    /** The stream the frame belongs to, 0 for the connection. */
    int streamId();

    /** The deprecated priority fields of HEADERS and PRIORITY, read and then ignored. */
    record PriorityFields(int dependency, boolean exclusive, int weight) {
    }

    /**
     * DATA: {@code flowLength} is the whole payload, padding included, which flow control counts.
     */
    record Data(int streamId, byte[] data, boolean endStream, int flowLength) implements Frame {
    }

    record Headers(int streamId, byte[] fragment, boolean endStream, boolean endHeaders,
            @Nullable PriorityFields priority) implements Frame {
    }

    record Priority(int streamId, PriorityFields priority) implements Frame {
    }

    record RstStream(int streamId, long errorCode) implements Frame {
    }

    /** One SETTINGS parameter: identifier and value. */
    record Setting(int id, long value) {
    }

    record Settings(boolean ack, List<Setting> settings) implements Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    record PushPromise(int streamId, int promisedStreamId, byte[] fragment, boolean endHeaders) implements Frame {
    }

    record Ping(boolean ack, long opaque) implements Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    record GoAway(int lastStreamId, long errorCode, byte[] debugData) implements Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    record WindowUpdate(int streamId, int increment) implements Frame {
    }

    record Continuation(int streamId, byte[] fragment, boolean endHeaders) implements Frame {
    }

    /** A frame of a type this implementation does not know: ignored, as §4.1 requires. */
    record Unknown(int type, int streamId, int flags, int length) implements Frame {
    }
}
