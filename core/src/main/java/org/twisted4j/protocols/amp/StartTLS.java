package org.twisted4j.protocols.amp;

import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ssl.TlsOptions;

/**
 * Twisted's {@code amp.StartTLS}: the command that switches an AMP connection to TLS. On the wire it is a box with
 * {@code _command: StartTLS} and no arguments, answered by an empty box; the TLS options of each side stay local.
 *
 * <pre>{@code
 * // the responder gives its options (here a server's key and certificate)
 * amp.respond(StartTLS.COMMAND, args -> new StartTLS.Options(CertificateOptions.builder().certificate(key).build()));
 *
 * // the caller gives its own, and its Deferred fires once TLS has started (the handshake goes on)
 * amp.callRemote(StartTLS.COMMAND, new StartTLS.Options(ClientTlsOptions.optionsForClientTLS("example.com")))
 *         .addCallback(started -> amp.callRemote(SECRET, ...));
 * }</pre>
 *
 * <h2>Who is the TLS client</h2>
 * Options that make client engines ({@link org.twisted4j.internet.ssl.ClientTlsOptions}, or
 * {@link org.twisted4j.internet.ssl.CertificateOptions} in client mode) make their side the TLS client, any other
 * the server: give the side that connected client options, as Twisted's TCP transports do. A command of one's own
 * with more arguments is declared with {@link Command.Builder#startsTls()}.
 *
 * <p>Immutable; any thread.
 */
public final class StartTLS {
    /** The code a responder answers a second StartTLS with (Twisted uses it when TLS cannot start). */
    public static final String TLS_ERROR_CODE = "TLS_ERROR";

    /**
     * The TLS options of one side, as the arguments and the response of {@link #COMMAND}: never on the wire.
     *
     * @param tls this side's options: its key and certificate, the authorities it trusts; required
     */
    public record Options(@Nullable TlsOptions tls) {
    }

    /** The local schema of {@link Options}: nothing on the wire. */
    public static final Schema<Options> OPTIONS = Schema.of(Options.class).local(Command.TLS_COMPONENT).build();

    /** Twisted's {@code StartTLS}, its failure on a connection already in TLS read as {@link OnlyOneTLS}. */
    public static final Command<Options, Options> COMMAND = Command.builder("StartTLS", OPTIONS, OPTIONS)
            .error(OnlyOneTLS.class, TLS_ERROR_CODE, OnlyOneTLS::new)
            .startsTls()
            .build();

    private StartTLS() {
    }
}
