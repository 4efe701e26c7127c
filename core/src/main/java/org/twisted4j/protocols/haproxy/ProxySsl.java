package org.twisted4j.protocols.haproxy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code PP2_TYPE_SSL} field of a version 2 PROXY header: how the client reached the proxy over TLS, as
 * the proxy saw it, with its sub-fields (TLS version, client certificate's common name, cipher, signature
 * and key algorithms).
 *
 * <pre>{@code
 * ProxySsl ssl = header.ssl();
 * if (ssl != null && ssl.clientSsl() && ssl.clientCertificateVerified()) {
 *     String user = ssl.commonName();
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread: immutable.
 *
 * @param client the {@code client} bit field: {@link #CLIENT_SSL}, {@link #CLIENT_CERT_CONN},
 *     {@link #CLIENT_CERT_SESS}
 * @param verify the {@code verify} field: 0 if the client presented a certificate that was verified,
 *     non-zero otherwise (an unsigned 32-bit value)
 * @param fields the sub-fields, in the order they came
 */
public record ProxySsl(int client, long verify, List<ProxyTlv> fields) {

    /** {@code PP2_CLIENT_SSL}: the client connected over TLS. */
    public static final int CLIENT_SSL = 0x01;
    /** {@code PP2_CLIENT_CERT_CONN}: the client presented a certificate on this connection. */
    public static final int CLIENT_CERT_CONN = 0x02;
    /** {@code PP2_CLIENT_CERT_SESS}: the client presented a certificate at least once in this TLS session. */
    public static final int CLIENT_CERT_SESS = 0x04;
    /** {@code PP2_SUBTYPE_SSL_VERSION}: the TLS version, such as {@code TLSv1.3}. */
    public static final int VERSION = 0x21;
    /** {@code PP2_SUBTYPE_SSL_CN}: the common name of the client certificate's subject. */
    public static final int COMMON_NAME = 0x22;
    /** {@code PP2_SUBTYPE_SSL_CIPHER}: the cipher, such as {@code TLS_AES_256_GCM_SHA384}. */
    public static final int CIPHER = 0x23;
    /** {@code PP2_SUBTYPE_SSL_SIG_ALG}: the algorithm that signed the client certificate. */
    public static final int SIGNATURE_ALGORITHM = 0x24;
    /** {@code PP2_SUBTYPE_SSL_KEY_ALG}: the algorithm of the client certificate's key. */
    public static final int KEY_ALGORITHM = 0x25;

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if {@code client} is not a byte or {@code verify} not an unsigned
     *     32-bit value
     */
    public ProxySsl {
        if (client < 0 || client > 0xFF) {
            throw new IllegalArgumentException("client " + client + " is outside 0-255");
        }
        if (verify < 0 || verify > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("verify " + verify + " is outside 0-4294967295");
        }
        fields = List.copyOf(fields);
    }

    /** Returns whether the client connected over TLS. */
    public boolean clientSsl() {
        return (client & CLIENT_SSL) != 0;
    }

    /** Returns whether the client presented a certificate on this connection and it was verified. */
    public boolean clientCertificateVerified() {
        return (client & CLIENT_CERT_CONN) != 0 && verify == 0;
    }

    /** Returns the TLS version, or null if the proxy did not send it. */
    public @Nullable String version() {
        return text(VERSION);
    }

    /** Returns the client certificate's common name, or null if the proxy did not send it. */
    public @Nullable String commonName() {
        return text(COMMON_NAME);
    }

    /** Returns the cipher, or null if the proxy did not send it. */
    public @Nullable String cipher() {
        return text(CIPHER);
    }

    /** Returns the client certificate's signature algorithm, or null if the proxy did not send it. */
    public @Nullable String signatureAlgorithm() {
        return text(SIGNATURE_ALGORITHM);
    }

    /** Returns the client certificate's key algorithm, or null if the proxy did not send it. */
    public @Nullable String keyAlgorithm() {
        return text(KEY_ALGORITHM);
    }

    private @Nullable String text(int type) {
        return ProxyHeader.text(fields, type);
    }

    /** Reads the value of a {@code PP2_TYPE_SSL} field. */
    static ProxySsl decode(byte[] value) throws InvalidProxyHeader {
        if (value.length < 5) {
            throw new InvalidProxyHeader("v2 SSL TLV of " + value.length + " bytes is shorter than 5");
        }
        ByteBuffer data = ByteBuffer.wrap(value);
        int client = data.get() & 0xFF;
        long verify = data.getInt() & 0xFFFF_FFFFL;
        return new ProxySsl(client, verify, Tlvs.read(data, "v2 SSL sub-TLV"));
    }

    /** Returns the value of the {@code PP2_TYPE_SSL} field that says this. */
    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(client);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) verify).array());
        Tlvs.write(fields, out);
        return out.toByteArray();
    }

    /** Returns the sub-field holding {@code text}, in UTF-8. */
    static ProxyTlv field(int type, String text) {
        return new ProxyTlv(type, text.getBytes(StandardCharsets.UTF_8));
    }
}
