package org.twisted4j.names.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ReactorTime;

/**
 * Response-rate limiting for UDP answers, against reflection attacks in the manner of BIND's and Knot's RRL: a
 * server that answers every forged query multiplies an attacker's traffic towards the victim whose address was
 * forged, so identical answers to one client network are limited to a rate.
 *
 * <pre>{@code
 * server.setRateLimiter(new ResponseRateLimiter(reactor, 20, 2));   // twist dns --rate-limit 20
 * }</pre>
 *
 * <h2>What is counted</h2>
 * Each UDP response is charged to a bucket keyed by the client's network (IPv4 /24, IPv6 /56), the response code
 * and the question (name compared without case, type and class), so a busy resolver asking many names is not
 * slowed while a flood of one question is. A bucket holds {@code rate} tokens, refilled continuously at
 * {@code rate} a second on the reactor clock; a response takes one. Over the rate, responses are
 * {@linkplain Decision#DROP dropped}, except every {@code slip}-th, which {@linkplain Decision#SLIP slips}: it
 * is sent as an empty truncated answer (TC set), so a real client behind the forged address retries over TCP,
 * which is never limited (slip 0 never slips, 1 slips every one). At most {@value #MAX_BUCKETS} buckets are
 * kept, the least recently used forgotten first.
 *
 * <p>Threading: reactor thread only.
 */
public final class ResponseRateLimiter {

    /** The most client/question buckets remembered. */
    public static final int MAX_BUCKETS = 100_000;
    /** The default slip: every second limited response is sent truncated, as BIND's default. */
    public static final int DEFAULT_SLIP = 2;

    /** What to do with one response. */
    public enum Decision {
        /** Send it. */
        SEND,
        /** Send it as an empty answer with TC set ({@link #truncated}). */
        SLIP,
        /** Send nothing. */
        DROP
    }

    private final ReactorTime clock;
    private final double rate;
    private final int slip;
    private final Map<ByteBuffer, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Bucket> eldest) {
            return size() > MAX_BUCKETS;
        }
    };

    /** Tokens left, when they were counted, and how many responses were limited. */
    private static final class Bucket {
        double tokens;
        double when;
        long limited;

        Bucket(double tokens, double when) {
            this.tokens = tokens;
            this.when = when;
        }
    }

    /**
     * Creates a limiter.
     *
     * @param clock the reactor's clock
     * @param responsesPerSecond identical responses a second allowed to one client network, at least 1
     * @param slip every how many limited responses one is sent truncated; 0 for never
     * @throws IllegalArgumentException if a number is out of range
     */
    public ResponseRateLimiter(ReactorTime clock, int responsesPerSecond, int slip) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (responsesPerSecond < 1) {
            throw new IllegalArgumentException("the rate limit must be at least 1 response a second, not "
                    + responsesPerSecond);
        }
        if (slip < 0 || slip > 10) {
            throw new IllegalArgumentException("the slip must be 0 to 10, not " + slip);
        }
        this.rate = responsesPerSecond;
        this.slip = slip;
    }

    /**
     * Charges a response to its bucket and says what to do with it. A response without one well-formed question
     * is not counted and is sent.
     *
     * @param response the response's bytes
     * @param client where it is going
     * @return the decision
     */
    public Decision decide(byte[] response, Address client) {
        int questionEnd = questionEnd(response);
        byte[] network = network(client);
        if (questionEnd < 0 || network == null) {
            return Decision.SEND;
        }
        byte[] key = new byte[network.length + 1 + questionEnd - 12];
        System.arraycopy(network, 0, key, 0, network.length);
        key[network.length] = (byte) (response[3] & 0x0F);
        for (int i = 12; i < questionEnd; i++) {
            byte b = response[i];
            key[network.length + 1 + i - 12] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
        }
        double now = clock.seconds();
        Bucket bucket = buckets.computeIfAbsent(ByteBuffer.wrap(key), k -> new Bucket(rate, now));
        bucket.tokens = Math.min(rate, bucket.tokens + Math.max(0, now - bucket.when) * rate);
        bucket.when = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Decision.SEND;
        }
        bucket.limited++;
        return slip > 0 && bucket.limited % slip == 0 ? Decision.SLIP : Decision.DROP;
    }

    /** How many buckets are remembered. */
    public int size() {
        return buckets.size();
    }

    /**
     * The slipped form of a response: its header with TC set and no records, and its question.
     *
     * @throws IllegalArgumentException if the response has not exactly one well-formed question
     */
    public static byte[] truncated(byte[] response) {
        int end = questionEnd(response);
        if (end < 0) {
            throw new IllegalArgumentException("not a response with one question");
        }
        byte[] out = new byte[end];
        System.arraycopy(response, 0, out, 0, end);
        out[2] |= 0x02;
        for (int i = 6; i < 12; i++) {
            out[i] = 0;
        }
        return out;
    }

    /** Where the only question ends, or -1 if the message has not exactly one well-formed question. */
    private static int questionEnd(byte[] message) {
        if (message.length < 12 || message[4] != 0 || message[5] != 1) {
            return -1;
        }
        int at = 12;
        while (at < message.length) {
            int length = message[at] & 0xFF;
            if (length == 0) {
                at += 1;
                return at + 4 <= message.length ? at + 4 : -1;
            }
            if (length > 63) {
                return -1;
            }
            at += 1 + length;
        }
        return -1;
    }

    /** The client's network: the first 3 octets of an IPv4 address, the first 7 of an IPv6 one. */
    private static byte @Nullable [] network(Address client) {
        String host = switch (client) {
            case IPv4Address a -> a.host();
            case IPv6Address a -> a.host();
            default -> null;
        };
        if (host == null) {
            return null;
        }
        byte[] address;
        try {
            address = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
        int keep = address.length == 4 ? 3 : 7;
        byte[] network = new byte[keep + 1];
        network[0] = (byte) address.length;
        System.arraycopy(address, 0, network, 1, keep);
        return network;
    }
}
