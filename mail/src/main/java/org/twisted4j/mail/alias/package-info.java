/**
 * Aliases, as Twisted's {@code twisted.mail.alias}: the aliases(5) file format ({@link
 * org.twisted4j.mail.alias.AliasFile}) and the {@link org.twisted4j.mail.alias.AliasDelivery} that expands a
 * domain's aliases into addresses, files appended to, commands fed the message, included lists and groups.
 */
@NullMarked
package org.twisted4j.mail.alias;

import org.jspecify.annotations.NullMarked;
