/**
 * XML-RPC, in the manner of twisted.web.xmlrpc: {@link org.twisted4j.web.xmlrpc.XmlRpcResource} publishes
 * {@link org.twisted4j.web.xmlrpc.Procedure} methods of a resource, {@link org.twisted4j.web.xmlrpc.Proxy} calls
 * a server through the HTTP {@code Agent}, and {@link org.twisted4j.web.xmlrpc.XmlRpcCodec} reads and writes the
 * wire format with DTDs and entities refused.
 */
@NullMarked
package org.twisted4j.web.xmlrpc;

import org.jspecify.annotations.NullMarked;
