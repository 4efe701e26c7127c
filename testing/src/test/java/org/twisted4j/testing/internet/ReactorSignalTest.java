package org.twisted4j.testing.internet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ReactorCore;

/** Runs a reactor in a child JVM and stops it with SIGTERM, as a service manager would. */
class ReactorSignalTest {

    /** The child: runs a reactor with signal handling, saying when it runs, when its shutdown triggers run and when run() returns. */
    public static final class Child {
        public static void main(String[] args) {
            NioReactor reactor = new NioReactor();
            reactor.addSystemEventTrigger(ReactorCore.Phase.BEFORE, ReactorCore.SHUTDOWN, () -> {
                System.out.println("shutdown trigger ran");
                System.out.flush();
                return null;
            });
            reactor.addSystemEventTrigger(ReactorCore.Phase.AFTER, ReactorCore.SHUTDOWN, () -> {
                System.out.println("after-shutdown trigger ran");
                System.out.flush();
                return null;
            });
            reactor.callWhenRunning(() -> {
                System.out.println("running");
                System.out.flush();
            });
            reactor.run(true);
            System.out.println("run returned");
            System.out.flush();
        }
    }

    @Test
    void sigtermStopsAReactorRunWithSignalHandlingThroughItsShutdownTriggersAndRunReturns() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertThat(first).isEqualTo("running");
            child.toHandle().destroy(); // SIGTERM, leaving our end of its output open
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lines).containsExactly("shutdown trigger ran", "after-shutdown trigger ran", "run returned");
        assertThat(child.exitValue()).isZero();
    }
}
