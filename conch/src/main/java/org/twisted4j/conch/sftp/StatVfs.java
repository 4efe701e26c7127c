package org.twisted4j.conch.sftp;

import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;

/**
 * File system statistics as {@code statvfs@openssh.com} answers them (OpenSSH's {@code PROTOCOL} section 4.4,
 * the fields of statvfs(3)).
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 *
 * @param blockSize f_bsize
 * @param fragmentSize f_frsize, the unit of the block counts
 * @param blocks f_blocks
 * @param freeBlocks f_bfree
 * @param availableBlocks f_bavail, free to unprivileged users
 * @param files f_files (0 when unknown)
 * @param freeFiles f_ffree
 * @param availableFiles f_favail
 * @param fileSystemId f_fsid
 * @param flags f_flag: 1 read-only, 2 no setuid
 * @param maxNameLength f_namemax
 */
public record StatVfs(long blockSize, long fragmentSize, long blocks, long freeBlocks, long availableBlocks,
        long files, long freeFiles, long availableFiles, long fileSystemId, long flags, long maxNameLength) {

    /** The reply's data: the eleven uint64s in order. */
    byte[] encode() {
        return new SshWireWriter().uint64(blockSize).uint64(fragmentSize).uint64(blocks).uint64(freeBlocks)
                .uint64(availableBlocks).uint64(files).uint64(freeFiles).uint64(availableFiles).uint64(fileSystemId)
                .uint64(flags).uint64(maxNameLength).toByteArray();
    }
}
