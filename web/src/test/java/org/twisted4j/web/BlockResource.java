package org.twisted4j.web;

import java.util.function.LongFunction;
import java.util.zip.CRC32;
import org.twisted4j.internet.PullProducer;

/**
 * A large response body for the integration tests: GET answers with a number of equal-sized blocks, each
 * written only when the connection asks for more (a pull producer), so the test sees back-pressure at work.
 * The body has a Content-Length, or is chunked if the request asks with {@code ?chunked=1}.
 *
 * <pre>{@code
 * root.putChild("big", new BlockResource(64, 64 * 1024, MyTest::block));
 * }</pre>
 */
public final class BlockResource extends Resource {
    private final long blocks;
    private final int blockSize;
    private final LongFunction<byte[]> block;

    /**
     * @param blocks how many blocks the body has
     * @param blockSize the length of every block
     * @param block makes the block of an index, from 0
     */
    public BlockResource(long blocks, int blockSize, LongFunction<byte[]> block) {
        this.blocks = blocks;
        this.blockSize = blockSize;
        this.block = block;
    }

    /** Returns the CRC-32 of the first {@code count} blocks that {@code block} makes. */
    public static long crc(long count, LongFunction<byte[]> block) {
        CRC32 crc = new CRC32();
        for (long i = 0; i < count; i++) {
            crc.update(block.apply(i));
        }
        return crc.getValue();
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    protected byte[] renderGET(Request request) {
        if (!"1".equals(request.getArg("chunked"))) {
            request.setHeader("Content-Length", Long.toString(blocks * blockSize));
        }
        request.registerProducer(new PullProducer() {
            private long sent;

            @Override
            public void resumeProducing() {
                request.write(block.apply(sent++));
                if (sent == blocks) {
                    request.unregisterProducer();
                    request.finish();
                }
            }

            @Override
            public void stopProducing() {
            }
        }, false);
        return NOT_DONE_YET;
    }
}
