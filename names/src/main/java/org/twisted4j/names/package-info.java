/**
 * DNS, in the manner of twisted.names: {@link org.twisted4j.names.Message} (header, question and the three
 * record sections, EDNS(0)), {@link org.twisted4j.names.Name} (labels, compression, IDNA) and the record data
 * of every common type as Java records under the sealed {@link org.twisted4j.names.RecordData}.
 *
 * <p>The codec is pure: {@link org.twisted4j.names.Message#parse(byte[])} reads a whole message (a UDP datagram,
 * or a TCP message without its two-byte length) and {@link org.twisted4j.names.Message#toBytes(int)} writes
 * one, compressing names and truncating to whole records. Bad input of any kind is reported as the one
 * {@link org.twisted4j.names.DnsFormatError}, which a server answers with FORMERR. Every type here is an
 * immutable value, usable from any thread.
 */
@NullMarked
package org.twisted4j.names;

import org.jspecify.annotations.NullMarked;
