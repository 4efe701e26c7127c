/**
 * Jelly, Twisted's {@code twisted.spread.jelly}: Java values as the s-expressions Python 3 Twisted jellies
 * and unjellies, with shared objects and cycles kept, behind an allow-list. Start at
 * {@link org.twisted4j.spread.jelly.Jelly}.
 *
 * <table>
 * <caption>Python types, their s-expressions and their Java values</caption>
 * <tr><th>Python</th><th>s-expression</th><th>Java (unjellied as; also jellied from)</th></tr>
 * <tr><td>{@code None}</td><td>{@code [b"None"]}</td><td>{@code null}</td></tr>
 * <tr><td>{@code bool}</td><td>{@code [b"boolean", b"true"|b"false"]}</td><td>{@code Boolean}</td></tr>
 * <tr><td>{@code int}</td><td>the Banana integer</td><td>{@code Long}, {@code BigInteger} beyond
 *     64 bits (also from {@code Integer}, {@code Short}, {@code Byte})</td></tr>
 * <tr><td>{@code float}</td><td>the Banana float</td><td>{@code Double} (also from {@code Float})</td></tr>
 * <tr><td>{@code bytes}</td><td>the Banana string</td><td>{@code byte[]}</td></tr>
 * <tr><td>{@code str}</td><td>{@code [b"unicode", utf-8]}</td><td>{@code String}</td></tr>
 * <tr><td>{@code list}</td><td>{@code [b"list", item...]}</td><td>{@code ArrayList} (any {@code List})</td></tr>
 * <tr><td>{@code tuple}</td><td>{@code [b"tuple", item...]}</td>
 *     <td>{@link org.twisted4j.spread.jelly.Tuple}</td></tr>
 * <tr><td>{@code dict}</td><td>{@code [b"dictionary", [key, value]...]}</td><td>{@code LinkedHashMap}
 *     (any {@code Map}), in the order received</td></tr>
 * <tr><td>{@code set}</td><td>{@code [b"set", item...]}</td><td>{@code LinkedHashSet} (any
 *     {@code Set})</td></tr>
 * <tr><td>{@code frozenset}</td><td>{@code [b"frozenset", item...]}</td>
 *     <td>{@link org.twisted4j.spread.jelly.FrozenSet}</td></tr>
 * <tr><td>{@code datetime.datetime}</td><td>{@code [b"datetime", b"Y M D h m s us"]}</td>
 *     <td>{@code LocalDateTime} (no time zone, as Twisted's; microseconds)</td></tr>
 * <tr><td>{@code datetime.date}</td><td>{@code [b"date", b"Y M D"]}</td><td>{@code LocalDate}</td></tr>
 * <tr><td>{@code datetime.time}</td><td>{@code [b"time", b"h m s us"]}</td><td>{@code LocalTime}</td></tr>
 * <tr><td>{@code datetime.timedelta}</td><td>{@code [b"timedelta", b"days seconds us"]}</td>
 *     <td>{@code Duration} (truncated to microseconds)</td></tr>
 * <tr><td>{@code decimal.Decimal}</td><td>{@code [b"decimal", digits-as-int, exponent]}</td>
 *     <td>{@code BigDecimal} (finite values only)</td></tr>
 * <tr><td>a shared or cyclic object</td><td>{@code [b"reference", id, sexp]} where first seen, then
 *     {@code [b"dereference", id]}</td><td>the same Java object</td></tr>
 * <tr><td>an instance of a registered class</td><td>{@code [b"module.Class", state]}</td><td>the
 *     registered Java type ({@link org.twisted4j.spread.jelly.JellyRegistry#registerClass})</td></tr>
 * <tr><td>(could not be sent)</td><td>{@code [b"unpersistable", reason]}, {@code [b"persistent", ...]}</td>
 *     <td>{@link org.twisted4j.spread.jelly.Unpersistable}</td></tr>
 * </table>
 *
 * <p>Not supported, on purpose: the {@code class}, {@code module}, {@code function}, {@code method} and
 * {@code instance} atoms, which in Python name code to look up; they are refused with
 * {@link org.twisted4j.spread.jelly.InsecureJelly} even when allowed. As in Python, set elements and
 * dictionary keys must be hashable: a list, dictionary or set there is refused, and so is a tuple or
 * frozenset that would contain itself. An element or key that refers back to an object still being
 * unjellied joins its set or dictionary when that object completes, as in Twisted. {@code byte[]} set
 * elements and dictionary keys compare by identity, as any Java array. The state of a class registered
 * with {@code registerClass} may not refer back to the instance being made (Java records cannot be
 * finished later); an {@link org.twisted4j.spread.jelly.Unjellyer} that keeps the state dictionary can.
 */
@NullMarked
package org.twisted4j.spread.jelly;

import org.jspecify.annotations.NullMarked;
