package org.twisted4j.conch.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.twisted4j.conch.ConchUser;
import org.twisted4j.conch.Session;
import org.twisted4j.conch.SessionIO;
import org.twisted4j.conch.SubsystemRegistry;
import org.twisted4j.conch.connection.SshConnection;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.conch.transport.HostKey;
import org.twisted4j.conch.transport.HostKeyVerifier;
import org.twisted4j.conch.transport.Moduli;
import org.twisted4j.conch.transport.SshClientTransport;
import org.twisted4j.conch.transport.SshServerTransport;
import org.twisted4j.conch.transport.TransportConfig;
import org.twisted4j.conch.userauth.UserAuthClient;
import org.twisted4j.conch.userauth.UserAuthConfig;
import org.twisted4j.conch.userauth.UserAuthServer;
import org.twisted4j.cred.AuthorizedKey;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.CredentialsChecker;
import org.twisted4j.cred.SSHPrivateKey;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.cred.InMemoryPasswords;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.SSHPublicKeyChecker;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.IOPump;

/**
 * Our SSH server (alice, password {@code secret}, one authorized key) and our client joined by an {@link IOPump}
 * on a {@link Clock}: for the client's tests. The server's sessions run two commands: {@code cat} echoes its input
 * until EOF, and {@code exit N} prints {@code bye} (and {@code err} on standard error) and exits with N.
 */
public final class ClientServerPair {
    /** The host key the server shows. */
    public static final HostKey HOST_KEY = HostKey.generate("ssh-ed25519");
    /** The key alice may log in with. */
    public static final Key ALICE_KEY = Key.generate(KeyType.ED25519);

    /** The credentials the server checked, in order: "publickey query", "publickey signed", "password". */
    public final List<String> checked = new ArrayList<>();
    public final Clock clock = new Clock();
    public final SshServerTransport server;
    public final SshClientTransport client;
    public final SshConnection connection;
    public final UserAuthClient auth;
    public final IOPump pump;

    public ClientServerPair(UserAuthConfig serverConfig, HostKeyVerifier verifier,
            Function<SshConnection, UserAuthClient> makeAuth) {
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(ConchUser.class,
                user(id), LoginResult.NO_LOGOUT)),
                recording(new InMemoryPasswords(Map.of("alice", "secret"))),
                recording(new SSHPublicKeyChecker(user -> user.equals("alice")
                        ? List.of(new AuthorizedKey("", "ssh-ed25519", ALICE_KEY.publicBlob(), "")) : List.of())));
        server = new SshServerTransport(new TransportConfig(), clock, List.of(HOST_KEY),
                Map.of("ssh-userauth", t -> new UserAuthServer(portal, clock, serverConfig,
                        result -> new SshConnection(result.avatar(ConchUser.class), null, new SubsystemRegistry(),
                                result.logout()))), Moduli.defaults());
        connection = SshConnection.forClient(() -> { });
        auth = makeAuth.apply(connection);
        client = new SshClientTransport(new TransportConfig(), clock, verifier, auth);
        pump = IOPump.connectedLoopback(server, client);
        pump.flush();
    }

    private CredentialsChecker recording(CredentialsChecker checker) {
        return new CredentialsChecker() {
            @Override
            public Set<Class<? extends Credentials>> credentialInterfaces() {
                return checker.credentialInterfaces();
            }

            @Override
            public Deferred<String> requestAvatarId(Credentials credentials) {
                checked.add(credentials instanceof SSHPrivateKey key
                        ? (key.signature() == null ? "publickey query" : "publickey signed")
                        : credentials instanceof UsernamePassword ? "password" : "other");
                return checker.requestAvatarId(credentials);
            }
        };
    }

    /** Moves bytes until nothing moves. */
    public void flush() {
        pump.flush();
    }

    private static ConchUser user(String name) {
        return new ConchUser() {
            @Override
            public String username() {
                return name;
            }

            @Override
            public Session openSession() {
                return new Commands();
            }
        };
    }

    /** The server's side of a session: the two commands. */
    static final class Commands implements Session {
        private SessionIO io;
        private boolean cat;

        @Override
        public boolean execCommand(SessionIO sessionIo, String command) {
            io = sessionIo;
            if (command.equals("cat")) {
                cat = true;
                return true;
            }
            if (command.startsWith("exit ")) {
                io.write("bye\n".getBytes(UTF_8));
                io.writeStderr("err\n".getBytes(UTF_8));
                io.exit(Integer.parseInt(command.substring(5)));
                return true;
            }
            return false;
        }

        @Override
        public boolean openShell(SessionIO sessionIo) {
            return false;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            if (cat) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                io.write(bytes);
            }
        }

        @Override
        public void eofReceived() {
            if (cat) {
                io.exit(0);
            }
        }
    }
}
