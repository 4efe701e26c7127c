/**
 * SFTP version 3 (draft-ietf-secsh-filexfer-02) with OpenSSH's extensions, as Twisted's
 * {@code twisted.conch.ssh.filetransfer}: the packet codec ({@link org.twisted4j.conch.sftp.SftpCodec},
 * {@link org.twisted4j.conch.sftp.SftpFramer}), the server protocol ({@link org.twisted4j.conch.sftp.SftpServer})
 * over any byte stream, the file system it serves ({@link org.twisted4j.conch.sftp.SftpFileSystem}, Twisted's
 * {@code ISFTPServer}) and its implementation confined to a per-user root
 * ({@link org.twisted4j.conch.sftp.LocalFileSystem}), and {@link org.twisted4j.conch.sftp.SftpStdio}, which serves
 * SFTP on standard input and output as OpenSSH's {@code sftp-server} does.
 *
 * <pre>{@code
 * // on an SSH session's "subsystem sftp" request, with the channel as the transport:
 * SftpServer sftp = new SftpServer(reactor, new LocalFileSystem(userRoot));
 * sftp.makeConnection(channelTransport);
 * }</pre>
 */
@NullMarked
package org.twisted4j.conch.sftp;

import org.jspecify.annotations.NullMarked;
