package org.twisted4j.names;

/**
 * An option of the EDNS(0) pseudo-record (RFC 6891 §6.1.2): client subnet, cookie, padding, or any other kept as
 * code and raw data.
 *
 * <p>Immutable; any thread.
 */
public sealed interface EdnsOption permits ClientSubnetOption, CookieOption, PaddingOption, UnknownOption {
    /** Client subnet (RFC 7871). */
    int CLIENT_SUBNET = 8;
    /** Cookie (RFC 7873). */
    int COOKIE = 10;
    /** Padding (RFC 7830). */
    int PADDING = 12;

    /** The option code. */
    int code();

    /** A one-word presentation, as dnspython's {@code to_text()} gives. */
    String toText();
}
