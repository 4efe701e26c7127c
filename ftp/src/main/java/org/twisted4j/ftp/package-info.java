/**
 * FTP, in the manner of twisted.protocols.ftp.
 */
@NullMarked
package org.twisted4j.ftp;

import org.jspecify.annotations.NullMarked;
