package org.twisted4j.conch.sftp;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * An open directory of a {@link LocalFileSystem}: "." and ".." first, as readdir(3) gives them, then the
 * entries, each with its {@code ls -l} line. At the root, ".." is the root itself.
 *
 * <h2>Threading</h2>
 * One call at a time (the server runs a handle's requests in order).
 */
final class LocalDirectory implements SftpDirectory {
    private final Path root;
    private final Path directory;
    private final DirectoryStream<Path> stream;
    private final Iterator<Path> entries;
    private int dots;

    LocalDirectory(Path root, Path directory, DirectoryStream<Path> stream) {
        this.root = root;
        this.directory = directory;
        this.stream = stream;
        this.entries = stream.iterator();
    }

    @Override
    public List<NameEntry> next(int max) throws SftpException {
        List<NameEntry> out = new ArrayList<>();
        try {
            while (dots < 2 && out.size() < max) {
                String name = dots == 0 ? "." : "..";
                Path path = dots == 0 || directory.equals(root) ? directory : directory.getParent();
                dots++;
                out.add(Listing.entry(name, Listing.stat(path)));
            }
            while (out.size() < max && entries.hasNext()) {
                Path entry = entries.next();
                try {
                    out.add(Listing.entry(entry.getFileName().toString(), Listing.stat(entry)));
                } catch (NoSuchFileException gone) {
                    continue;
                }
            }
        } catch (IOException e) {
            throw LocalFileSystem.status(e);
        } catch (DirectoryIteratorException e) {
            throw LocalFileSystem.status(e.getCause());
        }
        return out;
    }

    @Override
    public void close() throws SftpException {
        try {
            stream.close();
        } catch (IOException e) {
            throw LocalFileSystem.status(e);
        }
    }
}
