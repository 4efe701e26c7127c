package org.twisted4j.names;

/**
 * The EDNS client subnet option (RFC 7871): address family (1 IPv4, 2 IPv6), source and scope prefix lengths,
 * and the address cut to the source prefix (as many octets as the prefix covers, the bits past it zero).
 *
 * <p>Immutable; any thread.
 */
public record ClientSubnetOption(int family, int sourcePrefix, int scopePrefix, ByteString address)
        implements EdnsOption {

    /**
     * Checks the fields agree.
     *
     * @throws IllegalArgumentException if the family is not 1 or 2, a prefix is longer than the family's
     *         addresses, the address not exactly the octets the source prefix covers, or bits past it set
     */
    public ClientSubnetOption {
        java.util.Objects.requireNonNull(address, "address");
        int bits = switch (family) {
            case 1 -> 32;
            case 2 -> 128;
            default -> throw new IllegalArgumentException("address family " + family + " (1 or 2)");
        };
        if (sourcePrefix < 0 || sourcePrefix > bits || scopePrefix < 0 || scopePrefix > bits) {
            throw new IllegalArgumentException("prefix longer than " + bits + " bits");
        }
        if (address.length() != (sourcePrefix + 7) / 8) {
            throw new IllegalArgumentException("address of " + address.length() + " octets for a /" + sourcePrefix);
        }
        if (sourcePrefix % 8 != 0 && (address.get(address.length() - 1) & 0xff >> sourcePrefix % 8) != 0) {
            throw new IllegalArgumentException("address bits set past the source prefix");
        }
    }

    /** From an address and a source prefix length, the address cut to the prefix; scope 0. */
    public static ClientSubnetOption of(java.net.InetAddress address, int sourcePrefix) {
        byte[] octets = address.getAddress();
        int family = octets.length == 4 ? 1 : 2;
        Records.check(sourcePrefix, octets.length * 8, "source prefix");
        byte[] cut = java.util.Arrays.copyOf(octets, (sourcePrefix + 7) / 8);
        if (sourcePrefix % 8 != 0) {
            cut[cut.length - 1] &= (byte) (0xff00 >> sourcePrefix % 8);
        }
        return new ClientSubnetOption(family, sourcePrefix, 0, ByteString.of(cut));
    }

    @Override
    public int code() {
        return CLIENT_SUBNET;
    }

    /** The address with its full width restored, the bits past the prefix zero. */
    public java.net.InetAddress inetAddress() {
        byte[] full = java.util.Arrays.copyOf(address.toByteArray(), family == 1 ? 4 : 16);
        return family == 1 ? Records.address(full) : Records.inet6(full);
    }

    @Override
    public String toText() {
        java.net.InetAddress a = inetAddress();
        String text = a instanceof java.net.Inet6Address v6 ? Texts.ipv6(v6) : a.getHostAddress();
        return "ECS " + text + "/" + sourcePrefix + " scope/" + scopePrefix;
    }
}
