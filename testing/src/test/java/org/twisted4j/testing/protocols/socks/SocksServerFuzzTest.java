package org.twisted4j.testing.protocols.socks;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.ConnectionRefusedError;
import org.twisted4j.internet.ConnectionTimeoutError;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.protocols.socks.CredentialsChecker;
import org.twisted4j.protocols.socks.SocksOptions;
import org.twisted4j.testing.Chunks;
import org.twisted4j.testing.MemoryReactor;

/**
 * Fuzzes the SOCKS server ({@code SocksServer}, with its {@code Input}) with what a client sends, over a string
 * transport and a memory reactor: the request, then the outcome of the lookup and of the connection it asks
 * for (made, refused, timed out or left pending). The last two bytes of the input choose the options (SOCKS4
 * and SOCKS5 on or off, user names and passwords, the field length limit), the largest read and the outcome.
 * Whatever the bytes:
 * <ul>
 *   <li>no exception escapes {@code dataReceived};</li>
 *   <li>what the server writes is a sequence of the replies SOCKS documents for the request's version (a
 *       SOCKS4 grant or refusal; a SOCKS5 method choice, authentication verdict and reply with one of the
 *       documented codes), and nothing after the connection is closed;</li>
 *   <li>a request is answered, refused or closed once it is longer than the longest request the options
 *       allow: a server still waiting has less than that buffered; host names looked up are within the
 *       limits;</li>
 *   <li>the replies, lookups, connections and relayed bytes are the same whether the bytes arrive in one
 *       read or split anywhere.</li>
 * </ul>
 */
class SocksServerFuzzTest {

    /** Method choice (2), authentication (2 + 255 + 1 + 255), request (5 + 255 + 2) and the methods (2 + 255). */
    private static final int LONGEST_SOCKS5 = 2 + 255 + 2 + 255 + 1 + 255 + 5 + 255 + 2;
    private static final Set<Integer> SOCKS5_CODES = Set.of(0x00, 0x01, 0x03, 0x04, 0x05, 0x07, 0x08);
    private static final IPv4Address DESTINATION = new IPv4Address(AddressType.TCP, "192.0.2.7", 80);

    private enum Outcome { CONNECTED, REFUSED, TIMED_OUT, PENDING }

    /** What one server did with the input. */
    private record Observed(List<Byte> replies, boolean closed, List<String> lookups, List<String> dialed,
            List<Byte> relayed) {
    }

    @FuzzTest
    void requestsAreAnsweredAsDocumentedHoweverSplit(FuzzedDataProvider data) {
        int settings = data.consumeInt(0, 0xFFFF);
        SocksOptions options = SocksOptions.defaults()
                .withSocks4((settings & 1) == 0)
                .withSocks5((settings & 2) == 0)
                .withCredentials((settings & 4) == 0 ? null : CredentialsChecker.of(String::equals))
                .withMaxFieldLength(64 - (settings >>> 3 & 0x3F));
        int largest = 1 + (settings >>> 9 & 0x1F);
        Outcome outcome = Outcome.values()[settings >>> 14 & 3];
        byte[] input = data.consumeRemainingAsBytes();

        SocksHarness whole = new SocksHarness(options);
        Chunks.whole(input, whole.server::dataReceived);
        Observed expected = finish(whole, outcome);
        SocksHarness split = new SocksHarness(options);
        Chunks.split(input, largest, Arrays.hashCode(input), split.server::dataReceived);
        assertThat(finish(split, outcome)).isEqualTo(expected);

        assertRepliesDocumented(whole.client.value(), input.length > 0 ? input[0] : -1, options);
        boolean waiting = !expected.closed() && expected.lookups().isEmpty() && expected.dialed().isEmpty();
        if (waiting) {
            int longest = input.length > 0 && input[0] == 4 ? 8 + 2 * (options.maxFieldLength() + 1) : LONGEST_SOCKS5;
            assertThat(input.length).isLessThan(longest);
        }
        int longestHost = input.length > 0 && input[0] == 4 ? options.maxFieldLength() : 255;
        for (String host : expected.lookups()) {
            assertThat(host.length()).isLessThanOrEqualTo(longestHost);
        }
    }

    /** Answers the lookup and the connection as {@code outcome} says, and gathers what the server did. */
    private static Observed finish(SocksHarness harness, Outcome outcome) {
        for (Deferred<List<InetAddress>> answer : harness.answers) {
            switch (outcome) {
                case CONNECTED, REFUSED -> answer.callback(List.of(address("192.0.2.7")));
                case TIMED_OUT -> answer.callback(List.of());
                case PENDING -> { }
            }
        }
        List<MemoryReactor.TcpClient> dialed = harness.reactor.tcpClients();
        assertThat(dialed).hasSizeLessThanOrEqualTo(1);
        if (!dialed.isEmpty() && dialed.get(0).connector().isConnecting()) {
            switch (outcome) {
                case CONNECTED -> harness.connectOutgoing();
                case REFUSED -> dialed.get(0).connector().failConnection(new ConnectionRefusedError(DESTINATION));
                case TIMED_OUT -> dialed.get(0).connector().failConnection(new ConnectionTimeoutError(DESTINATION, 30));
                case PENDING -> { }
            }
        }
        return new Observed(bytes(harness.client.value()), harness.client.isDisconnecting(),
                List.copyOf(harness.lookups), dialed.stream().map(c -> c.host() + " " + c.port()).toList(), bytes(harness.outgoing.value()));
    }

    /** Checks that {@code written} is a sequence of the replies documented for the request's {@code version}. */
    private static void assertRepliesDocumented(byte[] written, int version, SocksOptions options) {
        ByteBuffer replies = ByteBuffer.wrap(written);
        if (version == 4 && options.socks4()) {
            if (replies.hasRemaining()) {
                assertThat(written).hasSize(8);
                assertThat(written[0]).isZero();
                assertThat(written[1] & 0xFF).isIn(90, 91);
            }
            return;
        }
        if (version != 5 || !options.socks5()) {
            assertThat(written).isEmpty();
            return;
        }
        boolean passwords = options.credentials() != null;
        if (replies.hasRemaining()) {
            assertThat(replies.get()).isEqualTo((byte) 5);
            int method = replies.get() & 0xFF;
            assertThat(method).isIn(passwords ? 2 : 0, 0xFF);
            if (method == 0xFF) {
                assertThat(replies.hasRemaining()).isFalse();
                return;
            }
        }
        if (passwords && replies.hasRemaining()) {
            assertThat(replies.get()).isEqualTo((byte) 1);
            int verdict = replies.get();
            assertThat(verdict).isIn(0, 1);
            if (verdict == 1) {
                assertThat(replies.hasRemaining()).isFalse();
                return;
            }
        }
        if (replies.hasRemaining()) {
            assertThat(replies.get()).isEqualTo((byte) 5);
            assertThat(SOCKS5_CODES).contains(replies.get() & 0xFF);
            assertThat(replies.get()).isZero();
            int type = replies.get();
            assertThat(type).isIn(1, 4);
            assertThat(replies.remaining()).isEqualTo(type == 1 ? 4 + 2 : 16 + 2);
        }
    }

    private static List<Byte> bytes(byte[] array) {
        Byte[] boxed = new Byte[array.length];
        Arrays.setAll(boxed, i -> array[i]);
        return List.of(boxed);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
