package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

/** A site on one in-memory connection: feed it request bytes, read what it answered. */
final class Served {
    final Clock clock = new Clock();
    final Site site;
    final StringTransport transport = new StringTransport();
    final Protocol protocol;

    Served(Resource root) {
        site = new Site(root, clock);
        protocol = site.buildProtocol(transport.getPeer());
        protocol.makeConnection(transport);
    }

    Served send(String bytes) {
        protocol.dataReceived(ByteBuffer.wrap(bytes.getBytes(ISO_8859_1)));
        return this;
    }

    /** Returns and clears what was written, with the Date header's value blanked out. */
    String take() {
        String written = transport.valueAsString(ISO_8859_1);
        transport.clear();
        return blankDates(written);
    }

    static String blankDates(String response) {
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
    static Resource text(String body) {
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

    static final String SERVER = "Server: twisted4j-web\r\n";
}
