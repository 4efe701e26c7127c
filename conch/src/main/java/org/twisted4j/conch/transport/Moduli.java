package org.twisted4j.conch.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The groups a server offers for {@code diffie-hellman-group-exchange-sha256} (RFC 4419), read from a file in the
 * format of OpenSSH's {@code moduli(5)} ({@code time type tests tries size generator modulus}, the size being the
 * modulus's bit length less one). {@link #defaults()} are the safe primes of RFC 3526, 2048 to 8192 bits.
 *
 * <h2>Errors</h2>
 * {@link #parse} skips comments, blank lines and lines that are not safe primes with a usable generator; a line
 * that does not parse at all is an {@link IllegalArgumentException} naming its number.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class Moduli {
    /** The smallest group size accepted, in bits (RFC 8270). */
    public static final int MIN_BITS = 2048;
    /** The largest group size accepted, in bits. */
    public static final int MAX_BITS = 8192;
    /** The longest line read, in characters. */
    public static final int MAX_LINE = 8192;

    /** One group. */
    record Group(int bits, BigInteger generator, BigInteger prime) {
    }

    private final List<Group> groups;

    private Moduli(List<Group> groups) {
        this.groups = List.copyOf(groups);
    }

    /** Returns the RFC 3526 groups shipped with twisted4j. */
    public static Moduli defaults() {
        try (InputStream in = Objects.requireNonNull(Moduli.class.getResourceAsStream("moduli"), "moduli")) {
            return parse(new InputStreamReader(in, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a moduli file.
     *
     * @throws IllegalArgumentException if a line is malformed
     * @throws IOException if reading fails
     */
    public static Moduli parse(Reader source) throws IOException {
        List<Group> groups = new ArrayList<>();
        BufferedReader lines = new BufferedReader(source);
        int number = 0;
        StringBuilder line = new StringBuilder();
        int c;
        while (true) {
            line.setLength(0);
            while ((c = lines.read()) != -1 && c != '\n') {
                if (line.length() >= MAX_LINE) {
                    throw new IllegalArgumentException("moduli line " + (number + 1) + " too long");
                }
                line.append((char) c);
            }
            if (c == -1 && line.isEmpty()) {
                break;
            }
            number++;
            Group group = parseLine(line.toString().strip(), number);
            if (group != null) {
                groups.add(group);
            }
        }
        groups.sort(Comparator.comparingInt(Group::bits));
        return new Moduli(groups);
    }

    private static @Nullable Group parseLine(String line, int number) {
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        String[] fields = line.split("\\s+");
        if (fields.length != 7) {
            throw new IllegalArgumentException("moduli line " + number + ": expected 7 fields");
        }
        try {
            int type = Integer.parseInt(fields[1]);
            int size = Integer.parseInt(fields[4]);
            BigInteger generator = new BigInteger(fields[5], 16);
            if (fields[6].length() > MAX_BITS / 4 + 2) {
                return null;
            }
            BigInteger prime = new BigInteger(fields[6], 16);
            int bits = prime.bitLength();
            if (type != 2 || bits != size + 1 || bits < MIN_BITS || bits > MAX_BITS
                    || generator.compareTo(BigInteger.ONE) <= 0 || generator.compareTo(prime) >= 0) {
                return null;
            }
            return new Group(bits, generator, prime);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("moduli line " + number + ": " + e.getMessage());
        }
    }

    /** Returns how many groups there are. */
    public int size() {
        return groups.size();
    }

    /**
     * Picks the group for a client's request: the smallest at least {@code preferred} bits within
     * {@code [min, max]}, else the largest within the range.
     *
     * @return the group, or null if none fits
     */
    @Nullable Group choose(int min, int preferred, int max) {
        Group best = null;
        for (Group g : groups) {
            if (g.bits() < min || g.bits() > max) {
                continue;
            }
            if (g.bits() >= preferred) {
                return g;
            }
            best = g;
        }
        return best;
    }
}
