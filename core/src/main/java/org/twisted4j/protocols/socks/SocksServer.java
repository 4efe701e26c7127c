package org.twisted4j.protocols.socks;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.DNSLookupError;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.endpoints.HostResolver;
import org.twisted4j.logger.Logger;
import org.twisted4j.protocols.portforward.ProxyClientFactory;
import org.twisted4j.protocols.portforward.ProxyProtocol;

/**
 * The server side of one SOCKS connection, as Twisted's {@code socks.SOCKSv4} grown to SOCKS5: reads the
 * client's request, connects to the destination, answers, and then relays both ways with back-pressure
 * (see {@link ProxyProtocol}).
 *
 * <h2>What it speaks</h2>
 * <ul>
 *   <li>SOCKS4 CONNECT to an IPv4 address, and SOCKS4a CONNECT to a host name (resolved with the
 *       {@link HostResolver}, never on the reactor thread). Replies 90 when granted, 91 otherwise. When
 *       the options require credentials, SOCKS4 requests are refused, since SOCKS4 cannot carry them.</li>
 *   <li>SOCKS5 (RFC 1928) with the methods "no authentication" or, when the options have a
 *       {@link CredentialsChecker}, "user name and password" (RFC 1929) only; CONNECT to IPv4, IPv6 and
 *       domain-name addresses. Replies: succeeded, general failure, network or host unreachable,
 *       connection refused, command not supported (BIND, UDP ASSOCIATE), address type not supported.</li>
 * </ul>
 * Requests are parsed as they arrive, split at any byte. A wrong version byte closes the connection without
 * an answer; a SOCKS4 user id or host name longer than the options' limit is refused. Bytes the client
 * sends after its request, before the answer, are relayed once connected.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class SocksServer extends ProxyProtocol {

    private static final Logger LOG = Logger.forClass(SocksServer.class);
    private static final int METHOD_NONE = 0x00;
    private static final int METHOD_PASSWORD = 0x02;
    private static final int CONNECT = 1;
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

    private enum State { VERSION, SOCKS4, METHODS, AUTH, CHECKING, REQUEST, CONNECTING, RELAYING, DONE }

    private final ReactorTCP reactor;
    private final SocksOptions options;
    private final HostResolver resolver;
    private final Input in = new Input();
    private State state = State.VERSION;
    private boolean parsing;
    private int version;
    private String destination = "";
    private @Nullable Connector connector;

    /**
     * Creates the server side of one connection; {@link SocksFactory} does this.
     *
     * @param reactor makes the outgoing connection
     * @param options how to behave
     * @param resolver resolves SOCKS4a and SOCKS5 host names
     */
    public SocksServer(ReactorTCP reactor, SocksOptions options, HostResolver resolver) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.options = Objects.requireNonNull(options, "options");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** Parses the request, or relays once connected. */
    @Override
    public void dataReceived(ByteBuffer data) {
        switch (state) {
            case CONNECTING, RELAYING -> super.dataReceived(data);
            case DONE -> { }
            default -> {
                in.append(data);
                parse();
            }
        }
    }

    /** Calls off a connection attempt under way. */
    @Override
    public void connectionLost(Failure reason) {
        super.connectionLost(reason);
        state = State.DONE;
        Connector attempt = connector;
        if (peer() == null && attempt != null) {
            attempt.disconnect();
        }
    }

    private void parse() {
        parsing = true;
        try {
            boolean more = true;
            while (more) {
                more = switch (state) {
                    case VERSION -> readVersion();
                    case SOCKS4 -> readSocks4();
                    case METHODS -> readMethods();
                    case AUTH -> readCredentials();
                    case REQUEST -> readSocks5();
                    case CHECKING, CONNECTING, RELAYING, DONE -> false;
                };
            }
        } finally {
            parsing = false;
        }
        if ((state == State.CONNECTING || state == State.RELAYING) && in.size() > 0) {
            super.dataReceived(in.takeAll());
        }
    }

    private boolean readVersion() {
        if (in.size() < 1) {
            return false;
        }
        version = in.get(0);
        if (version == 4 && options.socks4()) {
            state = State.SOCKS4;
        } else if (version == 5 && options.socks5()) {
            state = State.METHODS;
        } else {
            close();
        }
        return true;
    }

    // ---- SOCKS4 and 4a ----

    private boolean readSocks4() {
        int max = options.maxFieldLength();
        if (in.size() < 8) {
            return false;
        }
        int userEnd = in.indexOfZero(8, 8 + max + 1);
        if (userEnd < 0) {
            return tooLong(in.size() > 8 + max, "user id");
        }
        int command = in.get(1);
        int port = in.getShort(2);
        byte[] ip = in.slice(4, 8);
        boolean named = ip[0] == 0 && ip[1] == 0 && ip[2] == 0 && ip[3] != 0;
        String host;
        if (named) {
            int hostEnd = in.indexOfZero(userEnd + 1, userEnd + 1 + max + 1);
            if (hostEnd < 0) {
                return tooLong(in.size() > userEnd + 1 + max, "host name");
            }
            host = new String(in.slice(userEnd + 1, hostEnd), ISO_8859_1);
            in.skip(hostEnd + 1);
        } else {
            host = literal(ip);
            in.skip(userEnd + 1);
        }
        destination = host + ":" + port;
        if (command != CONNECT) {
            refuse4(commandName(command), "command not supported");
        } else if (options.credentials() != null) {
            refuse4("CONNECT", "SOCKS4 cannot authenticate");
        } else if (named && host.isEmpty()) {
            refuse4("CONNECT", "empty host name");
        } else {
            connect(host, port, named);
        }
        return true;
    }

    private boolean tooLong(boolean overLimit, String field) {
        if (!overLimit) {
            return false;
        }
        destination = "?";
        refuse4("CONNECT", field + " longer than " + options.maxFieldLength() + " bytes");
        return true;
    }

    private void refuse4(String command, String why) {
        log(command, "refused: " + why);
        transport().write(Replies.socks4(Replies.SOCKS4_REJECTED, null));
        close();
    }

    // ---- SOCKS5 ----

    private boolean readMethods() {
        if (in.size() < 2 || in.size() < 2 + in.get(1)) {
            return false;
        }
        int count = in.get(1);
        int wanted = options.credentials() != null ? METHOD_PASSWORD : METHOD_NONE;
        boolean offered = false;
        for (int i = 0; i < count; i++) {
            offered |= in.get(2 + i) == wanted;
        }
        in.skip(2 + count);
        if (!offered) {
            transport().write(new byte[] {5, (byte) Replies.NO_ACCEPTABLE_METHODS});
            close();
            return true;
        }
        transport().write(new byte[] {5, (byte) wanted});
        state = wanted == METHOD_PASSWORD ? State.AUTH : State.REQUEST;
        return true;
    }

    private boolean readCredentials() {
        if (in.size() < 2) {
            return false;
        }
        if (in.get(0) != 1) {
            close();
            return true;
        }
        int userLength = in.get(1);
        if (in.size() < 3 + userLength || in.size() < 3 + userLength + in.get(2 + userLength)) {
            return false;
        }
        int passwordLength = in.get(2 + userLength);
        String user = new String(in.slice(2, 2 + userLength), UTF_8);
        String password = new String(in.slice(3 + userLength, 3 + userLength + passwordLength), UTF_8);
        in.skip(3 + userLength + passwordLength);
        state = State.CHECKING;
        transport().pauseProducing();
        Deferred<Boolean> verdict;
        try {
            verdict = Objects.requireNonNull(options.credentials()).check(user, password);
        } catch (RuntimeException e) {
            verdict = Deferred.fail(e);
        }
        verdict.addCallbacks(ok -> {
            checked(Boolean.TRUE.equals(ok));
            return null;
        }, failure -> {
            LOG.warn("checking the credentials of {user} failed: {why}", "user", user, "why", failure.getErrorMessage());
            checked(false);
            return null;
        });
        return true;
    }

    private void checked(boolean accepted) {
        if (isLost() || state != State.CHECKING) {
            return;
        }
        if (!accepted) {
            transport().write(new byte[] {1, 1});
            close();
            return;
        }
        transport().write(new byte[] {1, 0});
        state = State.REQUEST;
        transport().resumeProducing();
        if (!parsing) {
            parse();
        }
    }

    private boolean readSocks5() {
        if (in.size() < 5) {
            return false;
        }
        if (in.get(0) != 5) {
            close();
            return true;
        }
        int command = in.get(1);
        int type = in.get(3);
        int addressEnd;
        String host;
        switch (type) {
            case 1 -> {
                addressEnd = 8;
                host = in.size() < addressEnd ? "" : literal(in.slice(4, 8));
            }
            case 4 -> {
                addressEnd = 20;
                host = in.size() < addressEnd ? "" : literal(in.slice(4, 20));
            }
            case 3 -> {
                addressEnd = 5 + in.get(4);
                host = in.size() < addressEnd ? "" : new String(in.slice(5, addressEnd), ISO_8859_1);
            }
            default -> {
                destination = "?";
                refuse5(commandName(command), Replies.ADDRESS_TYPE_NOT_SUPPORTED);
                return true;
            }
        }
        if (in.size() < addressEnd + 2) {
            return false;
        }
        int port = in.getShort(addressEnd);
        in.skip(addressEnd + 2);
        destination = (type == 4 ? "[" + host + "]" : host) + ":" + port;
        if (command != CONNECT) {
            refuse5(commandName(command), Replies.COMMAND_NOT_SUPPORTED);
        } else if (host.isEmpty()) {
            refuse5("CONNECT", Replies.GENERAL_FAILURE);
        } else {
            connect(host, port, type == 3);
        }
        return true;
    }

    private void refuse5(String command, int code) {
        log(command, "refused: " + Replies.describe(code));
        transport().write(Replies.socks5(code, null));
        close();
    }

    // ---- connecting ----

    private void connect(String host, int port, boolean named) {
        state = State.CONNECTING;
        transport().pauseProducing();
        if (!named || IPV4_LITERAL.matcher(host).matches() || IPV6_LITERAL.matcher(host).matches()) {
            dial(host, port);
            return;
        }
        Deferred<List<InetAddress>> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (RuntimeException e) {
            addresses = Deferred.fail(e);
        }
        addresses.addCallbacks(found -> {
            if (found.isEmpty()) {
                outgoingFailed(new Failure(new DNSLookupError("no address for " + host)));
            } else {
                dial(found.get(0).getHostAddress(), port);
            }
            return null;
        }, failure -> {
            outgoingFailed(new Failure(new DNSLookupError("cannot resolve " + host + ": " + failure.getErrorMessage(),
                    failure.value())));
            return null;
        });
    }

    private void dial(String host, int port) {
        if (isLost() || state != State.CONNECTING) {
            return;
        }
        connector = reactor.connectTCP(host, port, new ProxyClientFactory(this), options.connectTimeout(), null);
    }

    /** Answers the client that the connection is made, then relays. */
    @Override
    protected void outgoingConnected(ProxyProtocol outgoing) {
        if (isLost() || state != State.CONNECTING) {
            outgoing.transport().loseConnection();
            return;
        }
        Address bound = outgoing.transport().getHost();
        transport().write(version == 4 ? Replies.socks4(Replies.SOCKS4_GRANTED, bound)
                : Replies.socks5(Replies.SUCCEEDED, bound));
        log("CONNECT", "granted");
        state = State.RELAYING;
        relayTo(outgoing);
    }

    /** Answers the client with the reason the connection could not be made, and closes. */
    @Override
    protected void outgoingFailed(Failure reason) {
        if (isLost() || state != State.CONNECTING) {
            return;
        }
        int code = Replies.codeFor(reason);
        log("CONNECT", "refused: " + Replies.describe(code) + " (" + reason.getErrorMessage() + ")");
        transport().write(version == 4 ? Replies.socks4(Replies.SOCKS4_REJECTED, null) : Replies.socks5(code, null));
        close();
    }

    // ---- helpers ----

    private void close() {
        state = State.DONE;
        transport().loseConnection();
    }

    private static String literal(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length, e);
        }
    }

    private static String commandName(int command) {
        return switch (command) {
            case 1 -> "CONNECT";
            case 2 -> "BIND";
            case 3 -> "UDP_ASSOCIATE";
            default -> "COMMAND_" + command;
        };
    }

    private static String describe(Address address) {
        return switch (address) {
            case IPv4Address v4 -> v4.host() + ":" + v4.port();
            case IPv6Address v6 -> "[" + v6.host() + "]:" + v6.port();
            default -> address.toString();
        };
    }

    private void log(String command, String outcome) {
        String client = describe(transport().getPeer());
        LOG.debug("{client} socks{version} {command} {destination}: {outcome}", "client", client, "version", version,
                "command", command, "destination", destination, "outcome", outcome);
        Writer log = options.log();
        if (log == null) {
            return;
        }
        try {
            log.write(client + "\tsocks" + version + "\t" + command + "\t" + destination + "\t" + outcome + "\n");
            log.flush();
        } catch (IOException e) {
            LOG.warn("cannot write the SOCKS log: {why}", "why", e.toString());
        }
    }
}
