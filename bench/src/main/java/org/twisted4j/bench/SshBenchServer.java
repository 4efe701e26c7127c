package org.twisted4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.twisted4j.conch.ConchUser;
import org.twisted4j.conch.ProcessUser;
import org.twisted4j.conch.SftpSubsystem;
import org.twisted4j.conch.SshServerFactory;
import org.twisted4j.conch.transport.HostKey;
import org.twisted4j.cred.AuthorizedKeys;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.SSHPublicKeyChecker;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;

/**
 * The twisted4j side of the SSH load run: an SSH server with an in-memory host key of the given type, logging
 * in any user whose key is in the given {@code authorized_keys} file, running commands with {@code /bin/sh} as the
 * server's own user in the given directory.
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.SshBenchServer PORT KEYTYPE AUTHORIZED_KEYS DIR} binds
 * {@code 127.0.0.1:PORT}, prints {@code listening on ...} once bound and serves until killed.
 */
public final class SshBenchServer {

    private SshBenchServer() {
    }

    /**
     * Serves until the process is killed.
     *
     * @param args the port, the host key type, the authorized_keys file and the working directory
     * @throws Exception if the key file cannot be read
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("Usage: SshBenchServer PORT KEYTYPE AUTHORIZED_KEYS DIR");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        HostKey hostKey = HostKey.generate(args[1]);
        var keys = AuthorizedKeys.parse(Files.readString(Path.of(args[2])));
        Path dir = Path.of(args[3]);
        NioReactor reactor = new NioReactor();
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(ConchUser.class,
                new ProcessUser(id, reactor, dir, false), LoginResult.NO_LOGOUT)),
                new SSHPublicKeyChecker(user -> keys));
        SshServerFactory factory = new SshServerFactory(reactor, reactor, List.of(hostKey), portal);
        SftpSubsystem.register(factory.subsystems(), reactor, user -> dir);
        reactor.callWhenRunning(() -> {
            ListeningPort listening = reactor.listenTCP(port, factory, 1024, "127.0.0.1");
            System.out.println("listening on " + listening.getHost());
        });
        reactor.run(true);
    }
}
