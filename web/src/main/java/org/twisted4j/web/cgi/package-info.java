/**
 * CGI/1.1 (RFC 3875) for the web server, as Twisted's {@code twisted.web.twcgi}: {@link
 * org.twisted4j.web.cgi.CGIScript} runs one script file for each request, {@link
 * org.twisted4j.web.cgi.FilteredScript} runs a script through an interpreter such as {@code /usr/bin/perl}, and
 * {@link org.twisted4j.web.cgi.CGIDirectory} serves a directory of scripts.
 *
 * <pre>{@code
 * StaticFile root = new StaticFile(Path.of("htdocs"));
 * root.setProcessors(Map.of(".pl", file -> new FilteredScript(reactor, file, "/usr/bin/perl")));
 * root.putChild("cgi-bin", new CGIDirectory(reactor, Path.of("cgi-bin")));
 * reactor.listenTCP(8080, new Site(root, reactor));
 * }</pre>
 *
 * <p>A script gets the request's meta-variables in its environment and the request body on its standard
 * input; its output is parsed for CGI headers ({@code Status}, {@code Location}, {@code Content-Type} and any
 * other), and the body after them goes to the client as the script writes it, paced by the client's
 * connection. A script whose name starts with {@code nph-} writes the whole HTTP response itself. Every type
 * here is used on the reactor thread only.
 */
@NullMarked
package org.twisted4j.web.cgi;

import org.jspecify.annotations.NullMarked;
