package org.twisted4j.web.xmlrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of an {@link XmlRpcResource} as an XML-RPC procedure, as Twisted's {@code xmlrpc_}
 * prefix does. A first parameter of type {@link org.twisted4j.web.Request} receives the request (Twisted's
 * {@code withRequest}); the others receive the call's arguments, converted as {@link XmlRpcResource} describes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Procedure {
    /** The procedure's name; the method's name when empty. */
    String value() default "";

    /** What {@code system.methodHelp} says of it. */
    String help() default "";
}
