package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

/** A site on one in-memory connection: feed it request bytes, read what it answered. */
public final class Served {
    /** The site's clock. */
    public final Clock clock = new Clock();
    /** The site. */
    public final Site site;
    /** The connection's transport: what the server wrote. */
    public final StringTransport transport = new StringTransport();
    /** The server's protocol on the connection. */
    public final Protocol protocol;

    /** Serves {@code root} from a new Site on one in-memory connection. */
    public Served(Resource root) {
        site = new Site(root, clock);
        protocol = site.buildProtocol(transport.getPeer());
        protocol.makeConnection(transport);
    }

    /** Feeds {@code bytes} (ISO-8859-1) to the server. */
    public Served send(String bytes) {
        protocol.dataReceived(ByteBuffer.wrap(bytes.getBytes(ISO_8859_1)));
        return this;
    }

    /** Returns and clears what was written, with the Date header's value blanked out. */
    public String take() {
        String written = transport.valueAsString(ISO_8859_1);
        transport.clear();
        return blankDates(written);
    }

    /** Returns the response with each Date header's value replaced by {@code *}. */
    public static String blankDates(String response) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (true) {
            int at = response.indexOf("\r\nDate: ", from);
            if (at < 0) {
                return out.append(response, from, response.length()).toString();
            }
            int end = response.indexOf("\r\n", at + 2);
            out.append(response, from, at).append("\r\nDate: *");
            from = end;
        }
    }

    /** A leaf rendering fixed text for GET. */
    public static Resource text(String body) {
        return new Resource() {
            @Override
            public boolean isLeaf() {
                return true;
            }

            @Override
            protected byte[] renderGET(Request request) {
                return body.getBytes(ISO_8859_1);
            }
        };
    }

    /** The Server header line every response carries. */
    public static final String SERVER = "Server: twisted4j-web\r\n";
}
