package org.twisted4j.words.xmpp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.twisted4j.defer.Failure;
import org.twisted4j.words.xmpp.xish.Element;

/**
 * Connects an external component to a server (XEP-0114), as Twisted's
 * {@code jabber.component.ConnectComponentAuthenticator}: a {@code jabber:component:accept} stream to the
 * component's domain, then {@code <handshake>} with the hex SHA-1 of the stream id and the shared secret;
 * the server's empty {@code <handshake/>} authenticates the stream ({@link XmlStream#STREAM_AUTHD_EVENT}).
 *
 * <pre>{@code
 * XmlStream stream = new XmlStream(new ComponentAuthenticator("echo.example.com", "secret"), reactor);
 * stream.addOnetimeObserver(XmlStream.STREAM_AUTHD_EVENT, s -> ...);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class ComponentAuthenticator implements Authenticator {

    private final String componentJid;
    private final String secret;

    /**
     * Creates the authenticator.
     *
     * @param componentJid the domain the component serves, such as {@code echo.example.com}
     * @param secret the secret shared with the server
     */
    public ComponentAuthenticator(String componentJid, String secret) {
        this.componentJid = componentJid;
        this.secret = secret;
    }

    @Override
    public void associateWithStream(XmlStream stream) {
        stream.setNamespace(Namespaces.COMPONENT_ACCEPT);
        stream.setVersion(0, 0);
        stream.setInitiating(true);
        stream.setOtherEntity(Jid.parse(componentJid));
        stream.setThisEntity(Jid.parse(componentJid));
    }

    @Override
    public void connectionMade(XmlStream stream) {
        stream.sendHeader();
    }

    @Override
    public void streamStarted(XmlStream stream, Element root) {
        String sid = stream.sid();
        if (sid == null) {
            stream.dispatch(new Failure(new StreamError("invalid-id", "the server sent no stream id")),
                    XmlStream.INIT_FAILED_EVENT);
            stream.close();
            return;
        }
        stream.addOnetimeObserver("/handshake", h -> stream.dispatch(stream, XmlStream.STREAM_AUTHD_EVENT));
        stream.send(new Element(Namespaces.COMPONENT_ACCEPT, "handshake").addContent(hashPassword(sid, secret)));
    }

    /**
     * Returns the XEP-0114 handshake: the hex SHA-1 of the stream id followed by the secret, as Twisted's
     * {@code xmlstream.hashPassword}.
     */
    public static String hashPassword(String sid, String secret) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest((sid + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from the JDK", e);
        }
    }
}
