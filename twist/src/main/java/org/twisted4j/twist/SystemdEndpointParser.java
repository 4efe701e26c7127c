package org.twisted4j.twist;

import java.util.List;
import java.util.Map;
import org.twisted4j.internet.ReactorSocket;
import org.twisted4j.internet.endpoints.EndpointDescription;
import org.twisted4j.internet.endpoints.ServerEndpointParser;
import org.twisted4j.internet.endpoints.StreamServerEndpoint;

/**
 * The {@code systemd:} server endpoint type, as Twisted's: {@code systemd:domain=INET:index=0} listens on
 * the first socket systemd passed to the service (socket activation, {@code LISTEN_FDS}),
 * {@code systemd:domain=UNIX:name=NAME} on the one its {@code .socket} unit names
 * {@code FileDescriptorName=NAME}. {@code domain} is {@code INET}, {@code INET6} (either takes any IP
 * socket) or {@code UNIX}, and must match the socket.
 *
 * <pre>
 * # web.socket: [Socket] ListenStream=80
 * # web.service: ExecStart=/usr/bin/twist web --path /srv/www --listen systemd:domain=INET:index=0
 * </pre>
 *
 * <h2>How a JVM takes the socket</h2>
 * The JDK wraps no descriptor but its standard input as a channel ({@link System#inheritedChannel()}), and
 * reaching into its internals for more would need {@code --add-opens} and break with its updates. So the
 * passed descriptor is moved onto descriptor 0 with {@code dup2} (through JNA, which is why this lives in
 * module {@code twist} and not in core) and adopted from there. The price: one systemd socket per
 * process, and none if something called {@code System.inheritedChannel()} first.
 *
 * <p>Found by {@link java.util.ServiceLoader} as a {@link ServerEndpointParser} provider, so any plugin's
 * {@code --listen} takes it when module {@code twist} is present. Any thread.
 */
public final class SystemdEndpointParser implements ServerEndpointParser {

    /** Creates the parser (for {@link java.util.ServiceLoader}). */
    public SystemdEndpointParser() {
    }

    @Override
    public String prefix() {
        return "systemd";
    }

    @Override
    public StreamServerEndpoint parse(Object reactor, EndpointDescription description) {
        Map<String, String> args = description.bind("domain", "index", "name");
        String domainText = description.required(args, "domain");
        SystemdEndpoint.Domain domain;
        try {
            domain = SystemdEndpoint.domain(domainText);
        } catch (IllegalArgumentException e) {
            throw description.invalid("domain", domainText,
                    "is not one of " + List.of(SystemdEndpoint.Domain.values()));
        }
        String index = args.get("index");
        String name = args.get("name");
        if ((index == null) == (name == null)) {
            throw description.error("give one of index and name");
        }
        return new SystemdEndpoint(description.reactorAs(reactor, ReactorSocket.class), domain,
                index == null ? 0 : description.nonNegativeInt("index", index), name, System.getenv());
    }
}
