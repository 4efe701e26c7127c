package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ProcessDone;
import org.twisted4j.internet.ProcessProtocol;

/**
 * Spawns {@code ls} and prints what it read, as Twisted's process how-to does: output arrives in chunks on
 * the reactor thread, and the end comes with the exit status.
 *
 * <pre>
 * bin/run-example process-demo [DIRECTORY]      # DIRECTORY defaults to the current one
 * </pre>
 */
public final class ProcessDemo {

    /** Collects a child's output and fires {@link #ended()} with it once the child has ended. */
    public static final class Collect extends ProcessProtocol {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Deferred<String> ended = new Deferred<>();
        private int chunks;

        /** Makes a protocol for one child. */
        public Collect() {
        }

        /** Returns a Deferred that fires with everything the child wrote, or fails with how it ended badly. */
        public Deferred<String> ended() {
            return ended;
        }

        @Override
        public void outReceived(ByteBuffer data) {
            chunks++;
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            out.writeBytes(chunk);
        }

        @Override
        public void processEnded(Failure reason) {
            if (reason.check(ProcessDone.class) != null) {
                ended.callback(out.toString(UTF_8));
            } else {
                ended.errback(reason);
            }
        }

        /** Returns in how many chunks the output arrived. */
        public int chunks() {
            return chunks;
        }
    }

    private ProcessDemo() {
    }

    /**
     * Runs {@code ls -1 directory} and fires with what it printed. Reactor thread only.
     *
     * @param directory the directory to list
     */
    public static Deferred<String> list(NioReactor reactor, String directory) {
        Collect collect = new Collect();
        List<String> args = new ArrayList<>(List.of("ls", "-1", directory));
        reactor.spawnProcess(collect, "/bin/ls", args, System.getenv(), null);
        return collect.ended();
    }

    /**
     * Lists a directory through a child {@code ls} and prints the result.
     *
     * @param args the directory, by default the current one
     */
    public static void main(String[] args) {
        String directory = args.length > 0 ? args[0] : ".";
        ExampleMain.react("process-demo", reactor -> list(reactor, directory).addCallback(listing -> {
            System.out.print("ls read:\n" + listing);
            return null;
        }));
    }
}
