package org.twisted4j.bench;

import java.nio.file.Path;
import java.util.List;
import org.twisted4j.conch.client.KnownHostsFile;
import org.twisted4j.conch.client.SshClient;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.sftp.SftpClient;
import org.twisted4j.conch.transport.CipherAlgorithm;
import org.twisted4j.conch.transport.DisconnectReason;
import org.twisted4j.conch.transport.TransportConfig;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;

/**
 * The SFTP client API side of the cftp download run: logs in to an SSH server with a key, downloads one file with
 * {@link SftpClient#get} and prints {@code seconds=S octets=N}, the seconds counted from the request to open the
 * file to the last octet written (the login is not counted).
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.SftpGetClient PORT USER KEY KNOWN_HOSTS CIPHER REMOTE LOCAL}
 * connects to {@code 127.0.0.1:PORT}. It uses nothing of the bench module but this class, so it also runs as a
 * source file on the conch module's class path.
 */
public final class SftpGetClient {

    private SftpGetClient() {
    }

    /**
     * Downloads the file and exits with 0, or 1 after printing why it failed.
     *
     * @param args the port, user, key file, known_hosts file, cipher, remote path and local path
     * @throws Exception if the key or known_hosts file cannot be read
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("Usage: SftpGetClient PORT USER KEY KNOWN_HOSTS CIPHER REMOTE LOCAL");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Key key = Key.fromFile(Path.of(args[2]), null);
        KnownHostsFile known = KnownHostsFile.fromPath(Path.of(args[3]));
        CipherAlgorithm cipher = CipherAlgorithm.forName(args[4]);
        if (cipher == null) {
            System.err.println("unknown cipher " + args[4]);
            System.exit(2);
        }
        NioReactor reactor = new NioReactor();
        int[] status = {1};
        reactor.callWhenRunning(() -> SshClient.to(reactor, args[1], "127.0.0.1", port).keys(List.of(key))
                .knownHosts(known).config(new TransportConfig().ciphers(cipher)).connect()
                .addCallbackDeferred(connection -> SftpClient.open(connection).addCallbackDeferred(sftp ->
                        Coroutine.start(() -> {
                            long start = System.nanoTime();
                            long octets = Coroutine.await(sftp.get(args[5], Path.of(args[6])));
                            double seconds = (System.nanoTime() - start) / 1e9;
                            System.out.printf("seconds=%.3f octets=%d%n", seconds, octets);
                            connection.transport().disconnect(DisconnectReason.BY_APPLICATION, "done");
                            return null;
                        })))
                .addCallbacks(done -> {
                    status[0] = 0;
                    reactor.stop();
                    return null;
                }, failure -> {
                    System.err.println("failed: " + failure.getErrorMessage());
                    reactor.stop();
                    return null;
                }));
        reactor.run(false);
        System.exit(status[0]);
    }
}
