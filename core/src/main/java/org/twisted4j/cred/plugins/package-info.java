/**
 * The {@link org.twisted4j.cred.CheckerFactory} implementations behind core's {@code --auth} types, as
 * Twisted's {@code twisted/plugins/cred_*.py}: {@code anonymous}, {@code memory}, {@code file}, {@code unix},
 * {@code sshkey}. Not exported; reached through {@link org.twisted4j.cred.StrCred} and the service loader.
 * Everything here is stateless (any thread).
 */
@NullMarked
package org.twisted4j.cred.plugins;

import org.jspecify.annotations.NullMarked;
