package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.testing.ProducerState;

/** Request bodies on one in-memory connection: spooling, streaming to a receiver, refusal before the body. */
class RequestBodyStreamingTest {

    /** A streaming leaf that records the body pieces and events; answers PUT with what it got. */
    static final class Upload extends Resource implements StreamingResource {
        final StringBuilder events = new StringBuilder();
        @Nullable Request request;
        long refuseAbove = Long.MAX_VALUE;
        boolean pauseOnData;
        boolean throwOnData;

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        public @Nullable BodyReceiver bodyReceiver(Request request) {
            this.request = request;
            String length = request.getHeader("Content-Length");
            if (length != null && Long.parseLong(length) > refuseAbove) {
                request.setResponseCode(413);
                request.finish();
                return null;
            }
            events.append("head;");
            return new BodyReceiver() {
                @Override
                public void dataReceived(ByteBuffer piece) {
                    if (throwOnData) {
                        throw new IllegalStateException("receiver broke");
                    }
                    events.append("data=").append(ISO_8859_1.decode(piece)).append(';');
                    if (pauseOnData) {
                        request.pauseBody();
                    }
                }

                @Override
                public void bodyFinished() {
                    events.append("end;");
                }

                @Override
                public void bodyFailed(Failure reason) {
                    events.append("failed=").append(reason.type().getSimpleName()).append(';');
                }
            };
        }

        @Override
        protected byte[] renderPUT(Request request) {
            events.append("render;");
            return ("stored, content=" + request.content().length).getBytes(UTF_8);
        }
    }

    /** Reads the body through getContent() and answers its length and first and last bytes. */
    static final class Digest extends Resource {
        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderPOST(Request request) {
            try (InputStream in = request.getContent()) {
                byte[] all = in.readAllBytes();
                return (all.length + ":" + (char) all[0] + (char) all[all.length - 1]).getBytes(UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String put(int length, String extraHeaders) {
        return "PUT /u HTTP/1.1\r\nHost: h\r\nContent-Length: " + length + "\r\n" + extraHeaders + "\r\n";
    }

    @Test
    void aReceiverGetsPiecesAsTheyArriveAndTheRequestRendersAfterTheEnd() {
        Upload upload = new Upload();
        Served served = new Served(upload);
        served.send(put(10, "") + "hello");
        assertThat(upload.events).hasToString("head;data=hello;");
        assertThat(served.take()).isEmpty();
        served.send("world");
        assertThat(upload.events).hasToString("head;data=hello;data=world;end;render;");
        assertThat(served.take()).endsWith("\r\n\r\nstored, content=0");
    }

    @Test
    void aChunkedBodyReachesTheReceiverWithoutItsFraming() {
        Upload upload = new Upload();
        Served served = new Served(upload);
        served.send("PUT /u HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
        assertThat(upload.events).hasToString("head;data=abc;");
        served.send("2;ext=1\r\nde\r\n0\r\n\r\n");
        assertThat(upload.events).hasToString("head;data=abc;data=de;end;render;");
        assertThat(served.take()).contains("200 OK");
    }

    @Test
    void aResourceRefusingTheBodyAnswersBeforeContinueAndClosesTheConnection() {
        Upload upload = new Upload();
        upload.refuseAbove = 100;
        Served served = new Served(upload);
        served.send(put(1000, "Expect: 100-continue\r\n"));
        String answer = served.take();
        assertThat(answer).startsWith("HTTP/1.1 413 Content Too Large\r\n").contains("Connection: close\r\n")
                .doesNotContain("100 Continue");
        assertThat(served.transport.isDisconnecting()).isTrue();
        assertThat(upload.events).isEmpty();
    }

    @Test
    void anAcceptedBodyIsAskedForWithContinueOnlyAfterTheResourceSawTheHead() {
        Upload upload = new Upload();
        upload.refuseAbove = 100;
        Served served = new Served(upload);
        served.send(put(3, "Expect: 100-continue\r\n"));
        assertThat(upload.events).hasToString("head;");
        assertThat(served.take()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        served.send("abc");
        assertThat(served.take()).startsWith("HTTP/1.1 200 OK").doesNotContain("Connection: close");
        assertThat(served.transport.isDisconnecting()).isFalse();
    }

    @Test
    void pausingTheBodyStopsReadingAndHoldsWhatAlreadyCame() {
        Upload upload = new Upload();
        upload.pauseOnData = true;
        Served served = new Served(upload);
        served.send(put(8, "") + "ab");
        assertThat(served.transport.producerState()).isEqualTo(ProducerState.PAUSED);
        served.send("cdef");
        assertThat(upload.events).as("nothing parsed while paused").hasToString("head;data=ab;");
        upload.pauseOnData = false;
        upload.request.resumeBody();
        assertThat(upload.events).hasToString("head;data=ab;data=cdef;");
        assertThat(served.transport.producerState()).isEqualTo(ProducerState.PRODUCING);
        served.send("gh");
        assertThat(upload.events).hasToString("head;data=ab;data=cdef;data=gh;end;render;");
    }

    @Test
    void aPausedBodyIsNotCutOffByTheIdleTimeoutButASlowSenderIs() {
        Upload upload = new Upload();
        upload.pauseOnData = true;
        Served served = new Served(upload);
        served.site.setIdleTimeout(10);
        served.send(put(6, "") + "ab");
        served.clock.advance(60);
        assertThat(served.transport.isDisconnecting()).isFalse();
        upload.pauseOnData = false;
        upload.request.resumeBody();
        served.clock.advance(9);
        served.send("c");
        served.clock.advance(9);
        assertThat(served.transport.isDisconnecting()).as("data came within the timeout").isFalse();
        served.clock.advance(2);
        assertThat(served.transport.isDisconnecting()).isTrue();
    }

    @Test
    void aPipelinedBodyWaitsForTheResponsesBeforeIt() {
        HTTPChannelTest.Later later = new HTTPChannelTest.Later();
        Upload upload = new Upload();
        Resource root = new Resource();
        root.putChild("later", later);
        root.putChild("u", upload);
        Served served = new Served(root);
        served.send("GET /later HTTP/1.1\r\nHost: h\r\n\r\n" + put(5, "") + "abcde");
        assertThat(upload.events).as("not routed while the GET is answered").isEmpty();
        assertThat(served.transport.producerState()).isEqualTo(ProducerState.PAUSED);
        later.held.get(0).finish();
        assertThat(upload.events).hasToString("head;data=abcde;end;render;");
        String answers = served.take();
        assertThat(answers.indexOf("200 OK")).isLessThan(answers.indexOf("stored"));
        assertThat(served.transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    }

    @Test
    void aThrowingReceiverIsAnswered500AndTheConnectionCloses() {
        Upload upload = new Upload();
        upload.throwOnData = true;
        Served served = new Served(upload);
        served.send(put(5, "") + "abcde");
        assertThat(served.take()).startsWith("HTTP/1.1 500 ").contains("Connection: close");
        assertThat(served.transport.isDisconnecting()).isTrue();
        assertThat(upload.events).doesNotContain("render");
    }

    @Test
    void aChunkedBodyGrowingPastTheLimitFailsTheReceiverWith413() {
        Upload upload = new Upload();
        Served served = new Served(upload);
        served.site.setMaxBodyBytes(4);
        served.send("PUT /u HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n");
        assertThat(upload.events).hasToString("head;data=abc;failed=ProtocolException;");
        assertThat(served.take()).startsWith("HTTP/1.1 413 ");
        assertThat(served.transport.isDisconnecting()).isTrue();
    }

    @Test
    void losingTheConnectionMidBodyFailsTheReceiver() {
        Upload upload = new Upload();
        Served served = new Served(upload);
        served.send(put(10, "") + "abc");
        served.protocol.connectionLost(new Failure(new ConnectionLost("gone")));
        assertThat(upload.events).hasToString("head;data=abc;failed=ConnectionLost;");
    }

    @Test
    void aBodyPastTheMemoryThresholdIsReadBackWhole() {
        Served served = new Served(new Digest());
        served.site.setBodyMemoryBytes(16);
        String body = "a" + "x".repeat(100_000) + "z";
        served.send("POST /d HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length() + "\r\n\r\n");
        for (int i = 0; i < body.length(); i += 7_000) {
            served.send(body.substring(i, Math.min(body.length(), i + 7_000)));
        }
        assertThat(served.take()).endsWith("\r\n\r\n100002:az");
    }

    @Test
    void aFormBodyPastTheMemoryThresholdStillGivesItsArguments() {
        Resource echo = new HTTPChannelTest.Echo();
        Served served = new Served(echo);
        served.site.setBodyMemoryBytes(4);
        String body = "a=1&b=two&a=3";
        served.send("POST /e HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        assertThat(served.take()).contains("args={a=[1, 3], b=[two]} body=" + body);
    }

    @Test
    void bodiesOfPipelinedRequestsGoToTheirOwnRequests() {
        Resource echo = new HTTPChannelTest.Echo();
        Served served = new Served(echo);
        List<String> bodies = new ArrayList<>();
        served.send("POST /e HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\none"
                + "POST /e HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\ntwo");
        String answers = served.take();
        for (int at = answers.indexOf("body="); at >= 0; at = answers.indexOf("body=", at + 1)) {
            bodies.add(answers.substring(at + 5, at + 8));
        }
        assertThat(bodies).containsExactly("one", "two");
    }
}
