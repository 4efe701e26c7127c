package org.twisted4j.internet.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.twisted4j.protocols.haproxy.HAProxyServerEndpoint;

/**
 * Fuzzes endpoint description strings: {@link EndpointDescription#parse} and, on the same text,
 * {@link Endpoints#serverFromString} and {@link Endpoints#clientFromString} with a reactor that builds
 * endpoints but never uses them. Whatever the text:
 * <ul>
 *   <li>the only error is an {@link IllegalArgumentException} that quotes the description, as documented;</li>
 *   <li>a description that parses, written back with {@link Endpoints#quoteStringArgument} around each part,
 *       parses to the same type, positional arguments and options (the escaping of {@code :}, {@code =} and
 *       {@code \} round-trips);</li>
 *   <li>an endpoint that is made is of the type its prefix names, with a port from 0 to 65535, a backlog
 *       that is not negative, a positive timeout and a file mode within 07777.</li>
 * </ul>
 * The {@code ssl} and {@code tls} types read the key, certificate and trust files a description names, which
 * the operator chooses; Jazzer's path traversal detector, which would report any file name with {@code ../},
 * is off for this target.
 */
class EndpointDescriptionFuzzTest {

    private static final UnusedReactor REACTOR = new UnusedReactor();
    private static final Map<String, Class<?>> SERVERS = Map.of("tcp", TCP4ServerEndpoint.class,
            "tcp6", TCP6ServerEndpoint.class, "unix", UNIXServerEndpoint.class, "ssl", TlsServerEndpoint.class,
            "haproxy", HAProxyServerEndpoint.class);
    private static final Map<String, Class<?>> CLIENTS = Map.of("tcp", TCP4ClientEndpoint.class,
            "tcp6", TCP6ClientEndpoint.class, "unix", UNIXClientEndpoint.class, "ssl", TlsClientEndpoint.class,
            "tls", TlsClientEndpoint.class);

    @FuzzTest
    @SuppressWarnings("try") // the detector setting is only closed, never used
    void descriptionsRoundTripOrNameTheirBadPart(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        EndpointDescription description = parsed(text, EndpointDescription::parse);
        if (description == null) {
            return;
        }
        assertThat(description.prefix()).isNotEmpty().isEqualTo(description.prefix().toLowerCase(Locale.ROOT));
        EndpointDescription again = EndpointDescription.parse(written(description));
        assertThat(again.prefix()).isEqualTo(description.prefix());
        assertThat(again.positional()).isEqualTo(description.positional());
        assertThat(again.options()).isEqualTo(description.options());

        try (SilentCloseable anyFile = BugDetectors.setFilePathTraversalTarget(() -> null)) {
            StreamServerEndpoint server = parsed(text, t -> Endpoints.serverFromString(REACTOR, t));
            if (server != null) {
                assertThat(server).isInstanceOf(SERVERS.get(description.prefix()));
                checkServer(server);
            }
            StreamClientEndpoint client = parsed(text, t -> Endpoints.clientFromString(REACTOR, t));
            if (client != null) {
                assertThat(client).isInstanceOf(CLIENTS.get(description.prefix()));
                checkClient(client);
            }
        }
    }

    /** Returns what {@code parser} makes of {@code text}, or null after checking that its error quotes the text. */
    private static <T> @Nullable T parsed(String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains(text.isEmpty() ? "empty" : "'" + text + "'");
            return null;
        }
    }

    /** Writes a description back from its parts, each part quoted. */
    private static String written(EndpointDescription description) {
        StringBuilder text = new StringBuilder(Endpoints.quoteStringArgument(description.prefix()));
        for (String argument : description.positional()) {
            text.append(':').append(Endpoints.quoteStringArgument(argument));
        }
        description.options().forEach((name, value) -> text.append(':').append(Endpoints.quoteStringArgument(name))
                .append('=').append(Endpoints.quoteStringArgument(value)));
        return text.toString();
    }

    private static void checkServer(StreamServerEndpoint server) {
        switch (server) {
            case TcpServerEndpoint tcp -> {
                assertThat(tcp.port()).isBetween(0, Checks.MAX_PORT);
                assertThat(tcp.backlog()).isNotNegative();
            }
            case UNIXServerEndpoint unix -> {
                assertThat(unix.mode()).isBetween(0, 07777);
                assertThat(unix.backlog()).isNotNegative();
            }
            case HAProxyServerEndpoint proxied -> {
                assertThat(SERVERS.values()).contains(proxied.wrapped().getClass());
                checkServer(proxied.wrapped());
            }
            default -> { }
        }
    }

    private static void checkClient(StreamClientEndpoint client) {
        switch (client) {
            case TcpClientEndpoint tcp -> {
                assertThat(tcp.host()).isNotEmpty();
                assertThat(tcp.port()).isBetween(0, Checks.MAX_PORT);
                assertThat(tcp.timeout()).isPositive().isFinite();
            }
            case UNIXClientEndpoint unix -> assertThat(unix.timeout()).isPositive().isFinite();
            default -> { }
        }
    }
}
