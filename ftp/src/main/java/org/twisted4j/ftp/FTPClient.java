package org.twisted4j.ftp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.Transport;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.logger.Logger;
import org.twisted4j.protocols.tls.TlsTransport;

/**
 * The client side of an FTP control connection, as Twisted's {@code FTPClient}: commands are queued and sent
 * one at a time; each returns a Deferred of the server's final reply, failing with {@link FtpCommandFailed} on
 * 4yz/5yz. Transfers open a passive data connection (EPSV, or PASV with {@link #setExtendedPassive(boolean)
 * false}), optionally under TLS after {@link #authTls}.
 *
 * <pre>{@code
 * FTPClient ftp = new FTPClient(reactor);
 * connect it (reactor.connectTCP, an endpoint...), then:
 * ftp.login("alice", "secret")
 *    .addCallbackDeferred(r -> ftp.retrieveFile("notes.txt", myProtocol, 0))
 *    .addCallbackDeferred(r -> ftp.quit());
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class FTPClient extends Protocol {

    private static final Logger log = new Logger("ftp");
    private static final Pattern PASV = Pattern.compile("(\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)");
    private static final Pattern EPSV = Pattern.compile("\\((.)\\1\\1(\\d+)\\1\\)");

    private final ReactorTCP tcp;
    private final FtpReplyParser parser = new FtpReplyParser();
    private final Deferred<FtpReply> greeting = new Deferred<>();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private @Nullable Pending current;
    private boolean extendedPassive = true;
    private @Nullable TlsOptions dataTls;
    private boolean implicitTls;
    private boolean lost;

    private record Pending(FtpCommand command, Deferred<FtpReply> done,
            java.util.function.@Nullable Consumer<FtpReply> preliminary) {
    }

    /**
     * Makes a client.
     *
     * @param tcp opens the data connections
     */
    public FTPClient(ReactorTCP tcp) {
        this.tcp = Objects.requireNonNull(tcp, "tcp");
    }

    /** Fires with the server's 220 greeting (fails on 421 and the like). */
    public Deferred<FtpReply> greeting() {
        return greeting;
    }

    /** Uses EPSV (the default) or PASV for data connections. */
    public void setExtendedPassive(boolean extended) {
        this.extendedPassive = extended;
    }

    /**
     * Says the control connection is under TLS already (implicit FTPS): data connections are protected with
     * these client options.
     */
    public void setImplicitTls(TlsOptions clientOptions) {
        this.dataTls = clientOptions;
        this.implicitTls = true;
    }

    @Override
    public void connectionMade() {
        TlsOptions options = dataTls;
        if (implicitTls && options != null && transport() instanceof TlsUpgradable upgradable) {
            upgradable.startTLS(options, true);
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        List<FtpReply> replies;
        try {
            replies = parser.feed(data);
        } catch (FtpSyntaxException e) {
            log.warn("the FTP server sent a malformed reply: {why}", "why", e.getMessage());
            transport().abortConnection();
            return;
        }
        for (FtpReply reply : replies) {
            replyReceived(reply);
        }
        if (parser.isBroken()) {
            log.warn("the FTP server sent a malformed reply");
            transport().abortConnection();
        }
    }

    private void replyReceived(FtpReply reply) {
        if (!greeting.isCalled()) {
            if (reply.isPreliminary()) {
                return;
            }
            if (reply.isSuccess()) {
                greeting.callback(reply);
            } else {
                greeting.errback(new FtpCommandFailed("connect", reply));
            }
            sendNext();
            return;
        }
        Pending pending = current;
        if (pending == null) {
            log.warn("unexpected FTP reply: {reply}", "reply", reply);
            return;
        }
        if (reply.isPreliminary()) {
            if (pending.preliminary() != null) {
                pending.preliminary().accept(reply);
            }
            return;
        }
        current = null;
        if (reply.isError()) {
            pending.done().errback(new FtpCommandFailed(pending.command().toString(), reply));
        } else {
            pending.done().callback(reply);
        }
        sendNext();
    }

    @Override
    public void connectionLost(Failure reason) {
        lost = true;
        if (!greeting.isCalled()) {
            greeting.errback(reason);
        }
        Pending pending = current;
        current = null;
        if (pending != null) {
            pending.done().errback(reason);
        }
        while (!queue.isEmpty()) {
            queue.poll().done().errback(reason);
        }
    }

    private void sendNext() {
        if (current != null || queue.isEmpty() || !greeting.isCalled()) {
            return;
        }
        current = queue.poll();
        transport().write(ByteBuffer.wrap(current.command().encode()));
    }

    /**
     * Queues a command.
     *
     * @param verb the command
     * @param argument its argument, or ""
     * @return the final reply; fails with {@link FtpCommandFailed} on 4yz/5yz
     */
    public Deferred<FtpReply> sendCommand(String verb, String argument) {
        return queue(new FtpCommand(verb, argument), null);
    }

    private Deferred<FtpReply> queue(FtpCommand command, java.util.function.@Nullable Consumer<FtpReply> preliminary) {
        Deferred<FtpReply> done = new Deferred<>();
        if (lost) {
            done.errback(new IllegalStateException("the FTP connection is closed"));
            return done;
        }
        queue.add(new Pending(command, done, preliminary));
        if (greeting.isCalled()) {
            sendNext();
        }
        return done;
    }

    /** USER then PASS (if asked for). */
    public Deferred<FtpReply> login(String user, String password) {
        Deferred<FtpReply> userReply = sendCommand("USER", user);
        Deferred<FtpReply> passReply = sendCommand("PASS", password);
        return userReply.addCallbackDeferred(reply -> {
            if (reply.code() == 331 || reply.code() == 332) {
                return passReply;
            }
            passReply.addErrback(ignored -> reply);
            return Deferred.succeed(reply);
        });
    }

    /**
     * Explicit FTPS: AUTH TLS, then PBSZ 0 and PROT P once logged in (call before {@link #login}).
     *
     * @param clientOptions the TLS client options for the control and data connections
     * @return fires when the control connection is under TLS and data will be protected
     */
    public Deferred<FtpReply> authTls(TlsOptions clientOptions) {
        return sendCommand("AUTH", "TLS").addCallbackDeferred(reply -> {
            TlsTransport secure = ((TlsUpgradable) transport()).startTLS(clientOptions, true);
            dataTls = clientOptions;
            return secure.whenHandshakeDone().addCallbackDeferred(info -> sendCommand("PBSZ", "0"))
                    .addCallbackDeferred(r -> sendCommand("PROT", "P"));
        });
    }

    /** Changes directory. */
    public Deferred<FtpReply> cwd(String path) {
        return sendCommand("CWD", path);
    }

    /** Goes to the parent directory. */
    public Deferred<FtpReply> cdup() {
        return sendCommand("CDUP", "");
    }

    /** Returns the working directory, unquoted. */
    public Deferred<String> pwd() {
        return sendCommand("PWD", "").addCallback(reply -> parsePwd(reply.text()));
    }

    /** Reads the path out of a 257 reply text: {@code "/a ""quoted"" dir" is current}. */
    static String parsePwd(String text) throws FtpSyntaxException {
        int start = text.indexOf('"');
        if (start < 0) {
            throw new FtpSyntaxException(501, "257 reply without a quoted path");
        }
        StringBuilder out = new StringBuilder();
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    out.append('"');
                    i++;
                } else {
                    return out.toString();
                }
            } else {
                out.append(c);
            }
        }
        throw new FtpSyntaxException(501, "257 reply with an unterminated path");
    }

    /** Makes a directory. */
    public Deferred<FtpReply> makeDirectory(String path) {
        return sendCommand("MKD", path);
    }

    /** Removes a directory. */
    public Deferred<FtpReply> removeDirectory(String path) {
        return sendCommand("RMD", path);
    }

    /** Removes a file. */
    public Deferred<FtpReply> removeFile(String path) {
        return sendCommand("DELE", path);
    }

    /** RNFR then RNTO. */
    public Deferred<FtpReply> rename(String from, String to) {
        return sendCommand("RNFR", from).addCallbackDeferred(reply -> sendCommand("RNTO", to));
    }

    /** The size of a file (SIZE). */
    public Deferred<Long> size(String path) {
        return sendCommand("SIZE", path).addCallback(reply -> Long.parseLong(reply.text().trim()));
    }

    /** Sets TYPE I (binary) or A. */
    public Deferred<FtpReply> type(boolean binary) {
        return sendCommand("TYPE", binary ? "I" : "A");
    }

    /** QUIT; the server closes the connection. */
    public Deferred<FtpReply> quit() {
        return sendCommand("QUIT", "");
    }

    /** LIST into {@code protocol}. */
    public Deferred<FtpReply> list(String path, Protocol protocol) {
        return transfer("LIST", path, protocol, 0);
    }

    /** NLST: the names in a directory. */
    public Deferred<List<String>> nlst(String path) {
        Collector collector = new Collector();
        return transfer("NLST", path, collector, 0).addCallback(reply -> collector.lines());
    }

    /** MLSD: the parsed entries of a directory. */
    public Deferred<List<MlsdEntry>> mlsd(String path) {
        Collector collector = new Collector();
        return transfer("MLSD", path, collector, 0).addCallback(reply -> {
            List<MlsdEntry> entries = new ArrayList<>();
            for (String line : collector.lines()) {
                if (!line.isEmpty()) {
                    entries.add(MlsdEntry.parse(line));
                }
            }
            return entries;
        });
    }

    /**
     * RETR into {@code protocol}, from {@code offset} (REST) if not 0.
     *
     * @return the 226 once the data connection has closed too
     */
    public Deferred<FtpReply> retrieveFile(String path, Protocol protocol, long offset) {
        return transfer("RETR", path, protocol, offset);
    }

    /**
     * STOR (or, from {@code offset}, REST then STOR): {@code protocol} is connected to the data connection and
     * writes to its transport, closing it ({@code loseConnection}) at the end.
     *
     * @return the 226 once the server has it all
     */
    public Deferred<FtpReply> storeFile(String path, Protocol protocol, long offset) {
        return transfer("STOR", path, protocol, offset);
    }

    /** APPE: as {@link #storeFile} but appends. */
    public Deferred<FtpReply> appendFile(String path, Protocol protocol) {
        return transfer("APPE", path, protocol, 0);
    }

    /** Collects a listing's lines. */
    private static final class Collector extends Protocol {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            bytes.writeBytes(copy);
        }

        List<String> lines() {
            List<String> out = new ArrayList<>();
            for (String line : bytes.toString(UTF_8).split("\r?\n")) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
            return out;
        }
    }

    private Deferred<FtpReply> transfer(String verb, String path, Protocol protocol, long offset) {
        Deferred<FtpReply> rest = offset > 0 ? sendCommand("REST", Long.toString(offset))
                : Deferred.succeed(FtpReply.of(200, "no restart"));
        return rest.addCallbackDeferred(r -> extendedPassive ? sendCommand("EPSV", "") : sendCommand("PASV", ""))
                .addCallbackDeferred(reply -> {
                    int port = passivePort(reply);
                    String host = DataChannel.hostOf(transport().getPeer());
                    boolean upload = verb.equals("STOR") || verb.equals("APPE") || verb.equals("STOU");
                    DataSide data = new DataSide(protocol, dataTls, transport().getPeer(), upload);
                    if (!upload) {
                        data.go();
                    }
                    Connector connector = tcp.connectTCP(String.valueOf(host), port, data.clientFactory(), 30, null);
                    // an upload starts on the 150, as curl and ftplib do: the server reads from then on
                    Deferred<FtpReply> command = queue(new FtpCommand(verb, path), upload ? p -> data.go() : null);
                    Deferred<FtpReply> both = new Deferred<>();
                    command.addCallbacks(done -> {
                        data.closed().addBoth(ignored -> {
                            both.callback(done);
                            return null;
                        });
                        return null;
                    }, failure -> {
                        connector.disconnect();
                        both.errback(failure);
                        return null;
                    });
                    return both;
                });
    }

    private static int passivePort(FtpReply reply) throws FtpSyntaxException {
        if (reply.code() == 229) {
            Matcher m = EPSV.matcher(reply.text());
            if (m.find()) {
                return Integer.parseInt(m.group(2));
            }
        } else {
            Matcher m = PASV.matcher(reply.text());
            if (m.find()) {
                return Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
            }
        }
        throw new FtpSyntaxException(501, "unreadable passive reply: " + reply);
    }

    /**
     * The client end of a data connection: TLS first if protected (resuming the control connection's session,
     * by asking the engine for the control connection's peer), then the user's protocol.
     */
    private static final class DataSide extends Protocol {
        private final Protocol user;
        private final @Nullable TlsOptions tls;
        private final Address control;
        private final boolean upload;
        private @Nullable TlsTransport secure;
        private final Deferred<@Nullable Void> closed = new Deferred<>();
        private boolean connected;
        private boolean secured;
        private boolean allowed;
        private boolean started;

        DataSide(Protocol user, @Nullable TlsOptions tls, Address control, boolean upload) {
            this.user = user;
            this.tls = tls;
            this.control = control;
            this.upload = upload;
        }

        Deferred<@Nullable Void> closed() {
            return closed;
        }

        ClientFactory clientFactory() {
            DataSide self = this;
            return new ClientFactory() {
                @Override
                public @Nullable Protocol buildProtocol(Address peer) {
                    return self;
                }

                @Override
                public void clientConnectionFailed(Connector connector, Failure reason) {
                    if (!closed.isCalled()) {
                        closed.callback(null);
                    }
                }
            };
        }

        @Override
        public void connectionMade() {
            connected = true;
            TlsOptions options = tls;
            if (options != null && transport() instanceof TlsUpgradable upgradable) {
                String host = String.valueOf(DataChannel.hostOf(control));
                int port = control instanceof org.twisted4j.internet.IPv4Address a ? a.port()
                        : control instanceof org.twisted4j.internet.IPv6Address a ? a.port() : 0;
                TlsOptions resuming = (peerHost, peerPort) -> options.newEngine(host, port);
                TlsTransport layer = upgradable.startTLS(resuming, true);
                secure = layer;
                layer.whenHandshakeDone().addCallbacks(info -> {
                    secured = true;
                    start();
                    return null;
                }, failure -> {
                    transport().abortConnection();
                    return null;
                });
                return;
            }
            secured = true;
            start();
        }

        /** Lets the user's protocol start once connected (and secured). */
        void go() {
            allowed = true;
            if (connected && secured) {
                start();
            }
        }

        private void start() {
            if (allowed && !started) {
                started = true;
                TlsTransport layer = secure;
                // an upload under TLS ends with a half-close: see UploadTransport
                user.makeConnection(upload && layer != null ? new UploadTransport(layer) : transport());
            }
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            if (started) {
                user.dataReceived(data);
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            try {
                if (started) {
                    user.connectionLost(reason);
                }
            } catch (RuntimeException e) {
                log.failure("the data protocol failed", new Failure(e));
            }
            if (!closed.isCalled()) {
                closed.callback(null);
            }
        }
    }

    /**
     * Downloads one file: connects, logs in (as the URI's user, else anonymously), TYPE I, RETR into
     * {@code target} (replacing it), QUIT. {@code ftp://} is plain FTP, {@code ftps://} implicit FTPS and
     * {@code ftpes://} explicit FTPS (AUTH TLS).
     *
     * @param tcp the reactor
     * @param uri {@code ftp://[user[:password]@]host[:port]/path}
     * @param target the local file to write
     * @param tls the client TLS options for ftps/ftpes, or null for plain ftp
     * @return the number of bytes written
     * @throws IllegalArgumentException if the URI is not ftp, ftps or ftpes with a host and a path
     */
    public static Deferred<Long> download(ReactorTCP tcp, java.net.URI uri, java.nio.file.Path target,
            @Nullable TlsOptions tls) {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(java.util.Locale.ROOT);
        if (!List.of("ftp", "ftps", "ftpes").contains(scheme) || uri.getHost() == null || uri.getRawPath() == null
                || uri.getRawPath().length() < 2) {
            throw new IllegalArgumentException("not an ftp://host/path URI: " + uri);
        }
        if (!scheme.equals("ftp") && tls == null) {
            throw new IllegalArgumentException(scheme + ":// needs client TLS options");
        }
        FTPClient client = new FTPClient(tcp);
        if (scheme.equals("ftps")) {
            client.setImplicitTls(Objects.requireNonNull(tls));
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("ftps") ? 990 : 21;
        String userInfo = uri.getUserInfo();
        String user = userInfo == null ? "anonymous" : userInfo.split(":", 2)[0];
        String password = userInfo == null || !userInfo.contains(":") ? "twisted4j@" : userInfo.split(":", 2)[1];
        String path = uri.getPath().substring(1);
        FileWriter writer;
        try {
            writer = new FileWriter(java.nio.channels.FileChannel.open(target, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING));
        } catch (java.io.IOException e) {
            return Deferred.fail(e);
        }
        tcp.connectTCP(uri.getHost(), port, ClientFactory.forProtocol(() -> client));
        Deferred<FtpReply> ready = client.greeting();
        if (scheme.equals("ftpes")) {
            ready = ready.addCallbackDeferred(g -> client.authTls(Objects.requireNonNull(tls)));
        }
        return ready.addCallbackDeferred(g -> client.login(user, password))
                .addCallbackDeferred(r -> client.type(true))
                .addCallbackDeferred(r -> client.retrieveFile(path, writer, 0))
                .addCallbackDeferred(r -> client.quit())
                .addCallbacks(reply -> {
                    writer.close();
                    return writer.written();
                }, failure -> {
                    writer.close();
                    if (failure.value() instanceof Exception e) {
                        throw e;
                    }
                    throw new IllegalStateException(failure.getErrorMessage());
                });
    }

    /** Writes what a data connection brings into a file. */
    private static final class FileWriter extends Protocol {
        private final java.nio.channels.FileChannel file;
        private long written;

        FileWriter(java.nio.channels.FileChannel file) {
            this.file = file;
        }

        long written() {
            return written;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            try {
                while (data.hasRemaining()) {
                    written += file.write(data);
                }
            } catch (java.io.IOException e) {
                transport().abortConnection();
            }
        }

        void close() {
            try {
                file.close();
            } catch (java.io.IOException e) {
                // reported by the written count
            }
        }
    }

    /** Whether this client was told its control connection is under TLS from the start. */
    public boolean isImplicitTls() {
        return implicitTls;
    }
}
