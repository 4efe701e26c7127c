package org.twisted4j.internet.ssl;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.twisted4j.peers.Peer;

/** Runs the openssl and keytool commands that make test fixtures and check what this package writes. */
final class OpenSsl {
    private OpenSsl() {
    }

    /** Runs {@code openssl args...} in {@code directory} and returns its standard output; fails the test on error. */
    static String run(Path directory, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Peer.OPENSSL.require().toString());
        command.addAll(List.of(args));
        return exec(directory, command, "cannot run " + Peer.OPENSSL);
    }

    /** Runs the running JDK's {@code keytool args...} in {@code directory}. */
    static String keytool(Path directory, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        return exec(directory, command, "the JDK's keytool is needed for this test");
    }

    private static String exec(Path directory, List<String> command, String missing) {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(missing + " (" + e.getMessage() + ")", e);
        }
        try {
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            if (status != 0) {
                fail(String.join(" ", command) + " exited with " + status + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}
