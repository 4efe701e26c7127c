package org.twisted4j.internet.ssl;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * Presents one of several key/chain pairs: the one whose host name the client asked for through SNI, or
 * the default one. Host names match without regard to case; an entry {@code *.example.com} matches one
 * label in front of {@code example.com}, and an exact entry wins over a wildcard one.
 *
 * <p>The JDK asks once per key type it could use ({@code "EC"}, {@code "RSA"}, {@code "RSASSA-PSS"},
 * {@code "EdDSA"}, ...); the chosen entry is offered only for the key type it has, so a client that cannot
 * use it gets a handshake failure rather than another host's certificate.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
    static final String DEFAULT_ALIAS = "default";

    private final Map<String, PrivateCertificate> byAlias;
    private final Map<String, String> aliasByHost;

    SniKeyManager(@Nullable PrivateCertificate defaultCertificate, Map<String, PrivateCertificate> byHostName) {
        Map<String, PrivateCertificate> aliases = new LinkedHashMap<>();
        Map<String, String> hosts = new LinkedHashMap<>();
        if (defaultCertificate != null) {
            aliases.put(DEFAULT_ALIAS, defaultCertificate);
        }
        int index = 0;
        for (Map.Entry<String, PrivateCertificate> entry : byHostName.entrySet()) {
            String alias = "sni-" + index++;
            aliases.put(alias, entry.getValue());
            hosts.put(entry.getKey().toLowerCase(Locale.ROOT), alias);
        }
        this.byAlias = Map.copyOf(aliases);
        this.aliasByHost = Map.copyOf(hosts);
    }

    @Override
    public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
        return aliasesFor(keyType);
    }

    @Override
    public @Nullable String chooseClientAlias(String[] keyTypes, Principal @Nullable [] issuers, @Nullable Socket socket) {
        return clientAlias(keyTypes);
    }

    @Override
    public @Nullable String chooseEngineClientAlias(String[] keyTypes, Principal @Nullable [] issuers,
            @Nullable SSLEngine engine) {
        return clientAlias(keyTypes);
    }

    @Override
    public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
        return aliasesFor(keyType);
    }

    @Override
    public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
        return usable(DEFAULT_ALIAS, keyType);
    }

    @Override
    public @Nullable String chooseEngineServerAlias(String keyType, Principal @Nullable [] issuers,
            @Nullable SSLEngine engine) {
        String host = engine == null ? null : requestedHostName(engine.getHandshakeSession());
        return usable(host == null ? DEFAULT_ALIAS : aliasFor(host), keyType);
    }

    @Override
    public X509Certificate @Nullable [] getCertificateChain(String alias) {
        PrivateCertificate entry = byAlias.get(alias);
        return entry == null ? null : entry.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public @Nullable PrivateKey getPrivateKey(String alias) {
        PrivateCertificate entry = byAlias.get(alias);
        return entry == null ? null : entry.key();
    }

    /** The alias for a requested host name: exact, then wildcard, then the default. */
    String aliasFor(String hostName) {
        String host = hostName.toLowerCase(Locale.ROOT);
        String exact = aliasByHost.get(host);
        if (exact != null) {
            return exact;
        }
        int dot = host.indexOf('.');
        if (dot > 0) {
            String wildcard = aliasByHost.get("*" + host.substring(dot));
            if (wildcard != null) {
                return wildcard;
            }
        }
        return DEFAULT_ALIAS;
    }

    private static @Nullable String requestedHostName(@Nullable SSLSession handshake) {
        if (handshake instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName hostName) {
                    return hostName.getAsciiName();
                }
            }
        }
        return null;
    }

    private @Nullable String clientAlias(String[] keyTypes) {
        for (String keyType : keyTypes) {
            String alias = usable(DEFAULT_ALIAS, keyType);
            if (alias != null) {
                return alias;
            }
        }
        return null;
    }

    private @Nullable String usable(String alias, String keyType) {
        PrivateCertificate entry = byAlias.get(alias);
        return entry != null && fits(entry.key(), keyType) ? alias : null;
    }

    private String @Nullable [] aliasesFor(String keyType) {
        List<String> aliases = new ArrayList<>();
        for (Map.Entry<String, PrivateCertificate> entry : byAlias.entrySet()) {
            if (fits(entry.getValue().key(), keyType)) {
                aliases.add(entry.getKey());
            }
        }
        return aliases.isEmpty() ? null : aliases.toArray(String[]::new);
    }

    /** Whether a key can serve the JDK's key type, such as "EC", "RSA" or TLS 1.2's "EC_RSA". */
    private static boolean fits(PrivateKey key, String keyType) {
        int underscore = keyType.indexOf('_');
        String wanted = underscore > 0 ? keyType.substring(0, underscore) : keyType;
        return key.getAlgorithm().equalsIgnoreCase(wanted);
    }
}
