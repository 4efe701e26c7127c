/**
 * HTML templates, in the manner of twisted.web.template: documents built from {@link org.twisted4j.web.template.Tag}s
 * (by hand with {@link org.twisted4j.web.template.Tags}, or parsed from XHTML with the {@code t:} namespace by
 * {@link org.twisted4j.web.template.XMLString} and {@link org.twisted4j.web.template.XMLFile}), filled by
 * {@link org.twisted4j.web.template.Element}s' {@link org.twisted4j.web.template.Renderer} methods and slots, and
 * written out by {@link org.twisted4j.web.template.Template#flatten} as they are produced: a value that is a
 * {@code Deferred} pauses the output until it fires, so a page streams its top while its slow parts load. Text and
 * attribute values are escaped exactly as Twisted's flattener escapes them; markup goes out unescaped only when
 * named {@link org.twisted4j.web.template.Raw}.
 */
@NullMarked
package org.twisted4j.web.template;

import org.jspecify.annotations.NullMarked;
