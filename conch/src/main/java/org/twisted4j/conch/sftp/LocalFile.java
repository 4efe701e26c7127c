package org.twisted4j.conch.sftp;

import static org.twisted4j.conch.sftp.SftpConstants.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A file of a {@link LocalFileSystem}, open as a channel; reads and writes are positional.
 *
 * <h2>Threading</h2>
 * One call at a time (the server runs a handle's requests in order).
 */
final class LocalFile implements SftpFile {
    private final Path path;
    private final FileChannel channel;

    LocalFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    @Override
    public byte @Nullable [] readChunk(long offset, int length) throws SftpException {
        if (offset < 0) {
            throw new SftpException(FX_FAILURE, "Invalid offset");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, offset + buffer.position());
                if (n < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw LocalFileSystem.status(e);
        }
        if (buffer.position() == 0 && length > 0) {
            return null;
        }
        return buffer.hasRemaining() ? Arrays.copyOf(buffer.array(), buffer.position()) : buffer.array();
    }

    @Override
    public void writeChunk(long offset, byte[] data) throws SftpException {
        writeChunk(offset, ByteBuffer.wrap(data));
    }

    /** {@inheritDoc} From a direct buffer the octets go to the file with no copy. */
    @Override
    public void writeChunk(long offset, ByteBuffer data) throws SftpException {
        if (offset < 0) {
            throw new SftpException(FX_FAILURE, "Invalid offset");
        }
        int start = data.position();
        try {
            while (data.hasRemaining()) {
                channel.write(data, offset + data.position() - start);
            }
        } catch (IOException e) {
            throw LocalFileSystem.status(e);
        } catch (NonWritableChannelException e) {
            throw new SftpException(FX_PERMISSION_DENIED, "file not opened for writing");
        }
    }

    @Override
    public FileAttributes getAttrs() throws SftpException {
        try {
            return Listing.stat(path).attrs();
        } catch (IOException e) {
            throw LocalFileSystem.status(e);
        }
    }

    @Override
    public void setAttrs(FileAttributes attrs) throws SftpException {
        try {
            Long size = attrs.size();
            if (size != null) {
                LocalFileSystem.resize(channel, size);
            }
            LocalFileSystem.apply(path, attrs, false);
        } catch (IOException e) {
            throw LocalFileSystem.status(e);
        } catch (NonWritableChannelException e) {
            throw new SftpException(FX_PERMISSION_DENIED, "file not opened for writing");
        }
    }

    @Override
    public void sync() throws SftpException {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw LocalFileSystem.status(e);
        }
    }

    @Override
    public StatVfs statVfs() throws SftpException {
        return LocalFileSystem.statVfs(path);
    }

    @Override
    public void close() throws SftpException {
        try {
            channel.close();
        } catch (IOException e) {
            throw LocalFileSystem.status(e);
        }
    }
}

