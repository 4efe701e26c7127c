/**
 * Resource scripts, Twisted's {@code .rpy} files in Java: a {@code .jsh} file (JShell) in a served directory
 * evaluates to the {@link org.twisted4j.web.Resource} that answers for it, and is evaluated again when the file
 * changes ({@link org.twisted4j.web.script.ResourceScripts}).
 */
package org.twisted4j.web.script;
