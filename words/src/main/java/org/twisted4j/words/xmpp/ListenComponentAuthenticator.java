package org.twisted4j.words.xmpp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.twisted4j.words.xmpp.xish.Element;

/**
 * Accepts an external component (XEP-0114), as Twisted's {@code jabber.component.ListenComponentAuthenticator}:
 * the component's header must be in {@code jabber:component:accept} and name the domain it wants ({@code to}),
 * this side answers with a fresh stream id, and the first element must be the right {@code <handshake>};
 * anything else is a {@code not-authorized} stream error. On success it answers {@code <handshake/>} and
 * dispatches {@link XmlStream#STREAM_AUTHD_EVENT}; the stream's {@link XmlStream#thisEntity()} is the
 * component's domain.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class ListenComponentAuthenticator implements Authenticator {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String secret;

    /**
     * Creates the authenticator.
     *
     * @param secret the secret components share with this server
     */
    public ListenComponentAuthenticator(String secret) {
        this.secret = secret;
    }

    @Override
    public void associateWithStream(XmlStream stream) {
        stream.setNamespace(Namespaces.COMPONENT_ACCEPT);
        stream.setVersion(0, 0);
        stream.setInitiating(false);
    }

    @Override
    public void connectionMade(XmlStream stream) {
    }

    @Override
    public void streamStarted(XmlStream stream, Element root) {
        if (stream.thisEntity() == null) {
            stream.sendStreamError(new StreamError("improper-addressing", null));
            return;
        }
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        stream.setSid(HexFormat.of().formatHex(id));
        stream.sendHeader();
        stream.addOnetimeObserver("/*", element -> onElement(stream, (Element) element));
    }

    private void onElement(XmlStream stream, Element element) {
        if (!element.name().equals("handshake") || !element.uri().equals(Namespaces.COMPONENT_ACCEPT)) {
            stream.sendStreamError(new StreamError("not-authorized", null));
            return;
        }
        String expected = ComponentAuthenticator.hashPassword(String.valueOf(stream.sid()), secret);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                element.text().strip().getBytes(StandardCharsets.UTF_8))) {
            stream.sendStreamError(new StreamError("not-authorized", "Invalid hash"));
            return;
        }
        stream.send("<handshake/>");
        stream.dispatch(stream, XmlStream.STREAM_AUTHD_EVENT);
    }
}
