package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.peers.Peer;

/**
 * Runs {@code capture.py} again with Debian's dnspython and Python Twisted and checks that it writes exactly the
 * messages committed beside it, so the fixtures the other tests read are what those libraries write today.
 */
class CaptureIsCurrentTest {

    @Test
    void capturedMessagesAreWhatDnspythonAndTwistedWrite(@TempDir Path directory) throws Exception {
        Path python = Peer.DNSPYTHON.require();
        Peer.PYTHON_TWISTED.require();
        Path script = Path.of(Objects.requireNonNull(getClass().getResource("capture.py")).toURI());
        Process process = new ProcessBuilder(python.toString(), script.toString(), directory.toString())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        Path committed = script.getParent();
        for (String sub : List.of("captured", "MessageFuzzTestInputs/parseWriteParseIsStable")) {
            List<Path> written;
            try (Stream<Path> files = Files.list(directory.resolve(sub))) {
                written = files.sorted().toList();
            }
            assertThat(written).hasSizeGreaterThan(30);
            for (Path file : written) {
                Path mine = committed.resolve(sub).resolve(file.getFileName().toString());
                assertThat(mine).as("committed %s", mine).exists();
                assertThat(HexFormat.of().formatHex(Files.readAllBytes(file))).as(file.getFileName().toString())
                        .isEqualTo(HexFormat.of().formatHex(Files.readAllBytes(mine)));
            }
        }
    }
}
