package org.twisted4j.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.testing.Bytes.ascii;

import java.io.EOFException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Failure;

class StringTransportFileRegionTest {

    @TempDir
    Path dir;

    private FileChannel open(String content) throws Exception {
        Path file = dir.resolve("f.txt");
        Files.writeString(file, content, US_ASCII);
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    @Test
    void aFileRegionIsRecordedInOrderWithWrites() throws Exception {
        StringTransport transport = new StringTransport();
        try (FileChannel file = open("0123456789")) {
            List<Object> results = new ArrayList<>();
            transport.write(ascii("<"));
            transport.writeFile(file, 2, 5).addCallback(v -> results.add("sent"));
            transport.write(ascii(">"));

            assertThat(transport.valueAsString()).isEqualTo("<23456>");
            assertThat(results).containsExactly("sent");
            assertThat(transport.fileRegionsWritten()).isEqualTo(1);
            assertThat(file.isOpen()).as("the caller's file stays open").isTrue();
        }
    }

    @Test
    void aRegionPastTheEndOfTheFileFailsWithEofAfterRecordingWhatThereWas() throws Exception {
        StringTransport transport = new StringTransport();
        try (FileChannel file = open("abc")) {
            List<Failure> failures = new ArrayList<>();
            transport.writeFile(file, 1, 10).addErrback(f -> {
                failures.add(f);
                return null;
            });

            assertThat(transport.valueAsString()).isEqualTo("bc");
            assertThat(failures).singleElement().satisfies(f -> assertThat(f.check(EOFException.class)).isNotNull());
        }
    }

    @Test
    void turnedOffRegionsAreRefusedSoCallersFallBack() throws Exception {
        StringTransport transport = new StringTransport();
        transport.setCanWriteFile(false);
        try (FileChannel file = open("abc")) {
            assertThat(transport.canWriteFile()).isFalse();
            assertThatThrownBy(() -> transport.writeFile(file, 0, 3)).isInstanceOf(IllegalStateException.class);
            assertThat(transport.value()).isEmpty();
        }
    }

    @Test
    void negativeOrOverflowingRegionsAreRefused() throws Exception {
        StringTransport transport = new StringTransport();
        try (FileChannel file = open("abc")) {
            assertThatThrownBy(() -> transport.writeFile(file, -1, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> transport.writeFile(file, 0, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> transport.writeFile(file, Long.MAX_VALUE, 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
