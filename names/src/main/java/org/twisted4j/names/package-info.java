/**
 * DNS, in the manner of twisted.names: {@link org.twisted4j.names.Message} (header, question and the three
 * record sections, EDNS(0)), {@link org.twisted4j.names.Name} (labels, compression, IDNA) and the record data
 * of every common type as Java records under the sealed {@link org.twisted4j.names.RecordData}.
 *
 * <p>The codec is pure: {@link org.twisted4j.names.Message#parse(byte[])} reads a whole message (a UDP datagram,
 * or a TCP message without its two-byte length) and {@link org.twisted4j.names.Message#toBytes(int)} writes
 * one, compressing names and truncating to whole records. Bad input of any kind is reported as the one
 * {@link org.twisted4j.names.DnsFormatError}, which a server answers with FORMERR. The codec's types are
 * immutable values, usable from any thread.
 *
 * <p>Lookups go through the {@link org.twisted4j.names.Resolver} interface (Twisted's {@code IResolver}):
 * {@link org.twisted4j.names.DnsClient} asks servers, {@link org.twisted4j.names.HostsResolver} reads a hosts
 * file, {@link org.twisted4j.names.CacheResolver} answers from what was seen before, and
 * {@link org.twisted4j.names.ResolverChain} asks them in turn; {@link org.twisted4j.names.Resolvers#createResolver}
 * builds Twisted's usual chain. These belong to the reactor thread.
 */
@NullMarked
package org.twisted4j.names;

import org.jspecify.annotations.NullMarked;
