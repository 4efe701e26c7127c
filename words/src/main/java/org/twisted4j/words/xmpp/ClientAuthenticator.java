package org.twisted4j.words.xmpp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.words.xmpp.xish.Element;

/**
 * Logs a client in (RFC 6120), as Twisted's {@code jabber.client.XMPPAuthenticator} with its initializers: the
 * stream header, STARTTLS, SASL, a stream restart after each, resource binding and, where the server still asks
 * for it, a session. Then it dispatches {@link XmlStream#STREAM_AUTHD_EVENT} with the stream, whose
 * {@link XmlStream#thisEntity()} is the bound full JID.
 *
 * <pre>{@code
 * ClientAuthenticator login = new ClientAuthenticator(Jid.parse("juliet@example.com/balcony"), "secret")
 *         .tls(ClientTlsOptions.optionsForClientTLS("example.com"), true);
 * XmlStream stream = new XmlStream(login, reactor);
 * stream.addOnetimeObserver(XmlStream.INIT_FAILED_EVENT, f -> ...);   // a Failure: SaslException, StreamError...
 * }</pre>
 *
 * <h2>Mechanisms</h2>
 * In order of preference among those the server offers: {@code SCRAM-SHA-256}, {@code SCRAM-SHA-1}, then
 * {@code PLAIN} only once the stream is TLS (or if {@link #allowPlainWithoutTls} says so), and
 * {@code ANONYMOUS} only when the JID has no user part. A failure to agree fails the login.
 *
 * <h2>TLS</h2>
 * With TLS options set, STARTTLS is done whenever the server offers it; with {@code required}, a server that
 * does not offer it fails the login. A server that requires STARTTLS fails it when no options are set.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class ClientAuthenticator implements Authenticator {

    private enum Step { FEATURES, STARTTLS, SASL, BIND, SESSION, DONE }

    private final Jid jid;
    private final @Nullable String password;
    private @Nullable TlsOptions tlsOptions;
    private boolean tlsRequired;
    private boolean allowPlainWithoutTls;
    private List<String> preference = List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN", "ANONYMOUS");
    private boolean authenticated;
    private Step step = Step.FEATURES;
    private @Nullable SaslMechanism mechanism;
    private @Nullable XmlStream stream;
    private final Consumer<Object> saslObserver = this::onSasl;

    /**
     * Creates the authenticator.
     *
     * @param jid who logs in; its resource, if any, is asked for when binding
     * @param password the password, or null for ANONYMOUS (then the JID is just the domain)
     */
    public ClientAuthenticator(Jid jid, @Nullable String password) {
        this.jid = jid;
        this.password = password;
    }

    /**
     * Uses STARTTLS with these options.
     *
     * @param options the client TLS options, such as {@code ClientTlsOptions.optionsForClientTLS(domain)}
     * @param required whether a server that does not offer STARTTLS fails the login
     * @return this authenticator
     */
    public ClientAuthenticator tls(TlsOptions options, boolean required) {
        this.tlsOptions = Objects.requireNonNull(options, "options");
        this.tlsRequired = required;
        return this;
    }

    /**
     * Allows PLAIN on a stream that is not TLS (never do this on a network you do not own).
     *
     * @return this authenticator
     */
    public ClientAuthenticator allowPlainWithoutTls(boolean allow) {
        this.allowPlainWithoutTls = allow;
        return this;
    }

    /**
     * Sets the SASL mechanisms to use, most preferred first, among {@code SCRAM-SHA-256}, {@code SCRAM-SHA-1},
     * {@code PLAIN} and {@code ANONYMOUS}.
     *
     * @return this authenticator
     */
    public ClientAuthenticator mechanisms(List<String> preferred) {
        this.preference = List.copyOf(preferred);
        return this;
    }

    /** Returns the SASL mechanism chosen, such as {@code SCRAM-SHA-1}, or null before SASL started. */
    public @Nullable String mechanismUsed() {
        return mechanism == null ? null : mechanism.name();
    }

    @Override
    public void associateWithStream(XmlStream stream) {
        this.stream = stream;
        stream.setNamespace(Namespaces.CLIENT);
        stream.setThisEntity(jid);
        stream.setOtherEntity(Jid.of(null, jid.host(), null));
        stream.setInitiating(true);
    }

    @Override
    public void connectionMade(XmlStream stream) {
        stream.sendHeader();
    }

    @Override
    public void streamStarted(XmlStream stream, Element root) {
        String version = root.getAttribute("version");
        if (version == null || !version.startsWith("1.")) {
            fail(new StreamError("unsupported-version", "server speaks version " + version));
            return;
        }
        step = Step.FEATURES;
        stream.addOnetimeObserver("/features[@xmlns='" + Namespaces.STREAMS + "']", f -> onFeatures((Element) f));
    }

    private XmlStream stream() {
        return Objects.requireNonNull(stream, "not associated with a stream");
    }

    private void onFeatures(Element features) {
        XmlStream xs = stream();
        Element starttls = features.firstChild(Namespaces.TLS, "starttls");
        if (!xs.isSecure()) {
            if (starttls != null && tlsOptions != null && xs.transport() instanceof TlsUpgradable) {
                step = Step.STARTTLS;
                xs.addOnetimeObserver("/proceed", this::onTlsAnswer);
                xs.addOnetimeObserver("/failure[@xmlns='" + Namespaces.TLS + "']", this::onTlsAnswer);
                xs.send(new Element(Namespaces.TLS, "starttls"));
                return;
            }
            if (tlsRequired) {
                fail(new SaslException("the server does not offer STARTTLS"));
                return;
            }
            if (starttls != null && starttls.firstChild("required") != null) {
                fail(new SaslException("the server requires STARTTLS and no TLS options were given"));
                return;
            }
        }
        if (!authenticated) {
            startSasl(features);
            return;
        }
        if (features.firstChild(Namespaces.BIND, "bind") != null) {
            bind(features);
            return;
        }
        fail(new StreamError("undefined-condition", "the server offers no resource binding"));
    }

    private void onTlsAnswer(Object answer) {
        XmlStream xs = stream();
        Element element = (Element) answer;
        if (!element.name().equals("proceed") || !element.uri().equals(Namespaces.TLS)) {
            fail(new SaslException("the server refused STARTTLS"));
            return;
        }
        ((TlsUpgradable) xs.transport()).startTLS(Objects.requireNonNull(tlsOptions), true);
        xs.setSecure(true);
        xs.reset();
        xs.sendHeader();
    }

    private void startSasl(Element features) {
        XmlStream xs = stream();
        Element mechanisms = features.firstChild(Namespaces.SASL, "mechanisms");
        List<String> offered = new ArrayList<>();
        if (mechanisms != null) {
            for (Element m : mechanisms.elements(Namespaces.SASL, "mechanism")) {
                offered.add(m.text().strip());
            }
        }
        SaslMechanism chosen = null;
        for (String name : preference) {
            if (!offered.contains(name)) {
                continue;
            }
            chosen = switch (name) {
                case "SCRAM-SHA-256" -> password != null && jid.user() != null
                        ? Scram.sha256(jid.user(), password) : null;
                case "SCRAM-SHA-1" -> password != null && jid.user() != null ? Scram.sha1(jid.user(), password) : null;
                case "PLAIN" -> password != null && jid.user() != null && (xs.isSecure() || allowPlainWithoutTls)
                        ? SaslMechanism.plain(jid.user(), password) : null;
                case "ANONYMOUS" -> jid.user() == null ? SaslMechanism.anonymous() : null;
                default -> null;
            };
            if (chosen != null) {
                break;
            }
        }
        if (chosen == null) {
            fail(new SaslException("no usable SASL mechanism among " + offered));
            return;
        }
        mechanism = chosen;
        step = Step.SASL;
        xs.addObserver("/challenge[@xmlns='" + Namespaces.SASL + "']", saslObserver);
        xs.addObserver("/success[@xmlns='" + Namespaces.SASL + "']", saslObserver);
        xs.addObserver("/failure[@xmlns='" + Namespaces.SASL + "']", saslObserver);
        Element auth = new Element(Namespaces.SASL, "auth").attribute("mechanism", chosen.name());
        byte[] initial = chosen.initialResponse();
        if (initial != null) {
            auth.addContent(initial.length == 0 ? "=" : Base64.getEncoder().encodeToString(initial));
        }
        xs.send(auth);
    }

    private void stopSasl() {
        XmlStream xs = stream();
        xs.removeObserver("/challenge[@xmlns='" + Namespaces.SASL + "']", saslObserver);
        xs.removeObserver("/success[@xmlns='" + Namespaces.SASL + "']", saslObserver);
        xs.removeObserver("/failure[@xmlns='" + Namespaces.SASL + "']", saslObserver);
    }

    private void onSasl(Object received) {
        if (step != Step.SASL) {
            return;
        }
        XmlStream xs = stream();
        Element element = (Element) received;
        SaslMechanism m = Objects.requireNonNull(mechanism);
        try {
            byte[] data = decode(element.text());
            switch (element.name()) {
                case "challenge" -> {
                    byte[] response = m.respond(data);
                    xs.send(new Element(Namespaces.SASL, "response")
                            .addContent(response.length == 0 ? "" : Base64.getEncoder().encodeToString(response)));
                }
                case "success" -> {
                    m.success(data);
                    step = Step.BIND;
                    authenticated = true;
                    xs.reset();
                    xs.sendHeader();
                }
                default -> {
                    Element condition = element.firstChildElement();
                    String name = condition == null ? "not-authorized" : condition.name();
                    String text = element.childText("text");
                    throw new SaslException("SASL " + m.name() + " failed: " + name + (text == null ? "" : " (" + text
                            + ")"), name);
                }
            }
        } catch (SaslException e) {
            fail(e);
        }
    }

    private static byte[] decode(String text) throws SaslException {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new SaslException("bad base64 from the server");
        }
    }

    private void bind(Element features) {
        XmlStream xs = stream();
        step = Step.BIND;
        Element iq = xs.newIq("set");
        Element bind = iq.addElement(Namespaces.BIND, "bind");
        if (jid.resource() != null) {
            bind.addElement("resource").addContent(jid.resource());
        }
        xs.sendIq(iq).addCallbacks(result -> {
            String bound = result.firstChild(Namespaces.BIND, "bind") == null ? null
                    : Objects.requireNonNull(result.firstChild(Namespaces.BIND, "bind")).childText("jid");
            try {
                xs.setThisEntity(bound == null ? jid : Jid.parse(bound.strip()));
            } catch (InvalidJidException e) {
                fail(new StreamError("undefined-condition", "server bound a bad JID: " + bound));
                return null;
            }
            Element session = features.firstChild(Namespaces.SESSION, "session");
            if (session != null && session.firstChild("optional") == null) {
                startSession();
            } else {
                done();
            }
            return null;
        }, failure -> {
            fail(failure.value());
            return null;
        });
    }

    private void startSession() {
        XmlStream xs = stream();
        step = Step.SESSION;
        Element iq = xs.newIq("set");
        iq.addElement(Namespaces.SESSION, "session");
        xs.sendIq(iq).addCallbacks(result -> {
            done();
            return null;
        }, failure -> {
            fail(failure.value());
            return null;
        });
    }

    private void done() {
        step = Step.DONE;
        stopSasl();
        stream().dispatch(stream(), XmlStream.STREAM_AUTHD_EVENT);
    }

    private void fail(Throwable error) {
        XmlStream xs = stream();
        step = Step.DONE;
        stopSasl();
        xs.dispatch(new Failure(error), XmlStream.INIT_FAILED_EVENT);
        xs.close();
    }
}
