package org.twisted4j.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.twisted4j.defer.Deferred;

/**
 * A chain of ten callbacks built on a fresh result holder and fired synchronously: a {@link Deferred}
 * against the same chain on a {@link CompletableFuture} with {@code thenApply}. Both build the chain
 * first and then complete it, so each operation pays for construction, ten steps and delivery.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeferredChainBenchmark {
    private static final int STEPS = 10;

    private int seed;

    /** Ten {@code addCallback} steps on a Deferred, then {@code callback}. */
    @Benchmark
    public Object deferredChain() {
        Deferred<Integer> d = new Deferred<>();
        Deferred<Integer> chain = d;
        for (int i = 0; i < STEPS; i++) {
            chain = chain.addCallback(x -> x + 1);
        }
        Object[] out = new Object[1];
        chain.addCallback(x -> out[0] = x);
        d.callback(seed++);
        return out[0];
    }

    /** Ten {@code thenApply} stages on a CompletableFuture, then {@code complete} and {@code join}. */
    @Benchmark
    public Object completableFutureChain() {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        CompletableFuture<Integer> chain = f;
        for (int i = 0; i < STEPS; i++) {
            chain = chain.thenApply(x -> x + 1);
        }
        f.complete(seed++);
        return chain.join();
    }
}
