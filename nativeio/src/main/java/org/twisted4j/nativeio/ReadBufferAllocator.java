package org.twisted4j.nativeio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.nio.ByteBuffer;

/**
 * The allocator of a native reactor's connections on epoll, where Netty reads into a buffer only once the socket
 * has data: a read lands in the reactor's own read buffer whenever nothing holds it, as NIO's reads land in its
 * per-reactor buffer, so the view a protocol's {@code dataReceived} gets of it is made once per reactor instead of
 * once per read. While something holds that buffer (a read written back whole waits to be sent, as
 * {@link NativeReactor#slice} allows) a read gets one of Netty's pooled buffers, as every allocation but a read's
 * does. Reactor thread only.
 */
final class ReadBufferAllocator implements ByteBufAllocator {
    /** The size of the reactor's read buffer: the most one read takes, as NIO's. */
    static final int SIZE = 64 * 1024;

    private final ByteBufAllocator netty = ByteBufAllocator.DEFAULT;
    /** The reactor's read buffer, one of Netty's as a read's would be; this allocator holds one reference to it. */
    private final ByteBuf own = ByteBufAllocator.DEFAULT.directBuffer(SIZE, SIZE);
    /** The view of {@link #own} lent to protocols, its position and limit set for each read. */
    private final ByteBuffer view = own.nioBuffer(0, SIZE);

    /**
     * Returns a protocol's view of {@code read}'s readable bytes: the reactor's own view when it is the reactor's
     * read buffer, else a new view of Netty's buffer.
     */
    ByteBuffer view(ByteBuf read) {
        if (read != own) {
            return read.nioBuffer();
        }
        view.limit(read.writerIndex()).position(read.readerIndex());
        return view;
    }

    /** Lets the reactor's read buffer go, once the reactor's loop has ended. */
    void release() {
        own.release();
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity) {
        return netty.ioBuffer(initialCapacity);
    }

    @Override
    public ByteBuf ioBuffer() {
        return netty.ioBuffer();
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
        return netty.ioBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf buffer() {
        return netty.buffer();
    }

    @Override
    public ByteBuf buffer(int initialCapacity) {
        return netty.buffer(initialCapacity);
    }

    @Override
    public ByteBuf buffer(int initialCapacity, int maxCapacity) {
        return netty.buffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf heapBuffer() {
        return netty.heapBuffer();
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity) {
        return netty.heapBuffer(initialCapacity);
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity, int maxCapacity) {
        return netty.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf directBuffer() {
        return netty.directBuffer();
    }

    /**
     * Returns the reactor's read buffer, emptied, if it is big enough and nothing but this allocator holds it; else
     * one of Netty's. Netty's epoll transport asks here for a read's buffer (and for the direct copy of a heap
     * buffer written), through its {@code PreferredDirectByteBufAllocator}.
     */
    @Override
    public ByteBuf directBuffer(int initialCapacity) {
        if (initialCapacity <= SIZE && own.refCnt() == 1) {
            return own.clear().retain();
        }
        return netty.directBuffer(initialCapacity);
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity, int maxCapacity) {
        return netty.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public CompositeByteBuf compositeBuffer() {
        return netty.compositeBuffer();
    }

    @Override
    public CompositeByteBuf compositeBuffer(int maxNumComponents) {
        return netty.compositeBuffer(maxNumComponents);
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer() {
        return netty.compositeHeapBuffer();
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer(int maxNumComponents) {
        return netty.compositeHeapBuffer(maxNumComponents);
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer() {
        return netty.compositeDirectBuffer();
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer(int maxNumComponents) {
        return netty.compositeDirectBuffer(maxNumComponents);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return netty.isDirectBufferPooled();
    }

    @Override
    public int calculateNewCapacity(int minNewCapacity, int maxCapacity) {
        return netty.calculateNewCapacity(minNewCapacity, maxCapacity);
    }
}
