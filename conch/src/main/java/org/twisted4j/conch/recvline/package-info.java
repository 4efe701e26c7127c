/**
 * Line editing on a terminal, as Twisted's {@code twisted.conch.recvline}: {@link
 * org.twisted4j.conch.recvline.RecvLine} edits one line (arrows, Home/End, insert and overwrite, backspace and
 * delete) and hands it over on Return; {@link org.twisted4j.conch.recvline.HistoricRecvLine} adds the history of
 * the lines entered, recalled with the up and down arrows.
 */
@NullMarked
package org.twisted4j.conch.recvline;

import org.jspecify.annotations.NullMarked;
