package org.twisted4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.twisted4j.peers.Peer;

/**
 * The PB load run: a short run of both servers checks that it counts answered calls without errors; the
 * measured run (for RESULTS.md) runs when {@code -Dpb.bench.seconds=S} is given.
 */
class PBCallLoadTest {
    private static final Path SCRIPT = Path.of("python/pb_add_server.py");

    @Test
    void shortRunCountsAnsweredCallsOnBothServers() throws Exception {
        List<PBCallLoad.Result> results = PBCallLoad.run(Peer.PYTHON_TWISTED.require(), SCRIPT, 1, 0.2, 0.5,
                List.of(1, 3));
        assertThat(results).hasSize(4).allSatisfy(result -> {
            assertThat(result.calls()).as(result.toString()).isPositive();
            assertThat(result.errors()).as(result.toString()).isZero();
        });
        assertThat(results).extracting(PBCallLoad.Result::server).containsOnly("twisted4j", "python");
        assertThat(PBCallLoad.report(results)).contains("round 1,   1 connections: ", "round 1,   3 connections: ");
    }

    @Test
    @EnabledIfSystemProperty(named = "pb.bench.seconds", matches = "[0-9.]+")
    void measuredRun() throws Exception {
        double seconds = Double.parseDouble(System.getProperty("pb.bench.seconds"));
        List<PBCallLoad.Result> results = PBCallLoad.run(Peer.PYTHON_TWISTED.require(), SCRIPT, 3, 2, seconds,
                List.of(1, 100));
        System.out.println("PB calls/s, " + seconds + " s per measurement after 2 s of warm-up");
        System.out.print(PBCallLoad.report(results));
        assertThat(results).allSatisfy(result -> assertThat(result.errors()).isZero());
    }
}
