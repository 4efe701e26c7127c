package org.twisted4j.mail.relay;

import java.util.List;
import java.util.Objects;

/**
 * When a relay tries a message again after a temporary failure, and when it gives up (RFC 5321 §4.5.4.1: retry
 * no sooner than 30 minutes apart once past the first tries, give up after 4 to 5 days).
 *
 * <pre>{@code
 * RetrySchedule schedule = RetrySchedule.DEFAULT;          // 5m, 15m, 30m, 1h, 2h, then every 4h; 5 days
 * long wait = schedule.delayAfter(attempts);              // seconds until the next attempt
 * boolean over = schedule.expired(createdSeconds, nowSeconds);
 * }</pre>
 *
 * <p>Any thread: immutable.
 *
 * @param delays the wait before each retry, in seconds: the first after the first failed attempt; the last is
 *     repeated
 * @param maxAge how long after it was queued a message is given up and bounced, in seconds
 */
public record RetrySchedule(List<Long> delays, long maxAge) {

    /** Five minutes, 15 minutes, half an hour, an hour, two hours, then every four hours, for five days. */
    public static final RetrySchedule DEFAULT = new RetrySchedule(List.of(300L, 900L, 1800L, 3600L, 7200L, 14400L),
            5 * 24 * 3600L);

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if there is no delay, a delay is not positive, or the age is negative
     */
    public RetrySchedule {
        delays = List.copyOf(Objects.requireNonNull(delays, "delays"));
        if (delays.isEmpty() || delays.stream().anyMatch(d -> d <= 0) || maxAge < 0) {
            throw new IllegalArgumentException("a retry schedule needs positive delays and an age of 0 or more");
        }
    }

    /**
     * Parses the command-line form: delays separated by commas, each a number with {@code s}, {@code m},
     * {@code h} or {@code d}, then {@code /} and the age, such as {@code 5m,15m,30m,1h,2h,4h/5d}.
     *
     * @throws IllegalArgumentException if it is not of that form
     */
    public static RetrySchedule parse(String text) {
        int slash = text.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("expected DELAY,DELAY.../MAXAGE, such as 5m,1h,4h/5d");
        }
        List<Long> delays = java.util.Arrays.stream(text.substring(0, slash).split(",", -1))
                .map(RetrySchedule::seconds).toList();
        return new RetrySchedule(delays, seconds(text.substring(slash + 1)));
    }

    private static long seconds(String text) {
        if (text.isEmpty() || text.length() > 12) {
            throw new IllegalArgumentException("not a duration: '" + text + "'");
        }
        long unit = switch (text.charAt(text.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86400;
            default -> 0;
        };
        String number = unit == 0 ? text : text.substring(0, text.length() - 1);
        try {
            return Math.multiplyExact(Long.parseLong(number), unit == 0 ? 1 : unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "'", e);
        }
    }

    /**
     * Returns how long to wait after a failed attempt.
     *
     * @param attempts how many attempts have failed, 1 or more
     */
    public long delayAfter(int attempts) {
        return delays.get(Math.max(0, Math.min(attempts, delays.size()) - 1));
    }

    /** Whether a message queued at {@code created} is given up at {@code now} (both in seconds). */
    public boolean expired(long created, long now) {
        return now - created >= maxAge;
    }
}
