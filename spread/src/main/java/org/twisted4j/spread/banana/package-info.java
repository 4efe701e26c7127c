/**
 * Banana, Twisted's {@code twisted.spread.banana}: the byte encoding of s-expressions under Perspective
 * Broker, byte for byte as Python Twisted writes it.
 *
 * <ul>
 * <li>{@link org.twisted4j.spread.banana.BananaDecoder}: the incremental decoder (pure, no I/O, split
 *     invariant, limits with setters).</li>
 * <li>{@link org.twisted4j.spread.banana.BananaEncoder}: the encoder.</li>
 * <li>{@link org.twisted4j.spread.banana.Banana}: the protocol with Twisted's dialect negotiation, for
 *     Perspective Broker's broker to extend.</li>
 * <li>{@link org.twisted4j.spread.banana.BananaError}: the one error; on a connection it drops that
 *     connection with one log line.</li>
 * </ul>
 *
 * <table>
 * <caption>Wire types and Java values</caption>
 * <tr><th>wire type (byte)</th><th>decoded as</th><th>encoded from</th></tr>
 * <tr><td>{@code LIST} (0x80)</td><td>{@code List<Object>}</td><td>any {@code List}</td></tr>
 * <tr><td>{@code INT} (0x81), {@code NEG} (0x83), {@code LONGINT} (0x85), {@code LONGNEG} (0x86)</td>
 *     <td>{@code Long} if it fits, else {@code BigInteger}</td>
 *     <td>{@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code BigInteger}</td></tr>
 * <tr><td>{@code STRING} (0x82)</td><td>{@code byte[]}</td><td>{@code byte[]}, or a {@code String} as
 *     UTF-8</td></tr>
 * <tr><td>{@code FLOAT} (0x84)</td><td>{@code Double}</td><td>{@code Double}, {@code Float}</td></tr>
 * <tr><td>{@code VOCAB} (0x87), dialect {@code pb} only</td><td>the word's {@code byte[]}</td>
 *     <td>a {@code byte[]} that is a {@link org.twisted4j.spread.banana.Vocabulary} word</td></tr>
 * </table>
 */
@NullMarked
package org.twisted4j.spread.banana;

import org.jspecify.annotations.NullMarked;
