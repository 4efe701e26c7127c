package org.twisted4j.web.xmlrpc;

import java.lang.reflect.Method;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.twisted4j.web.Request;

/**
 * The XML-RPC introspection procedures, as Twisted's {@code XMLRPCIntrospection}, served under
 * {@code system.} by {@link XmlRpcResource#addIntrospection}: {@code listMethods} (every procedure of the
 * parent, sub-handlers' included), {@code methodHelp} (the {@link Procedure#help} text) and
 * {@code methodSignature} (one signature, {@code [return, argument...]} in XML-RPC type names, read from the
 * Java method's types; {@code "undef"} where the type is open).
 */
final class XmlRpcIntrospection extends XmlRpcResource {
    private final XmlRpcResource parent;

    XmlRpcIntrospection(XmlRpcResource parent) {
        this.parent = parent;
    }

    /** {@code system.listMethods}. */
    @Procedure(value = "listMethods", help = "The names of the procedures this server offers.")
    public List<String> listMethods() {
        return parent.allProcedures();
    }

    /** {@code system.methodHelp}. */
    @Procedure(value = "methodHelp", help = "What a procedure does.")
    public String methodHelp(String method) throws Fault {
        return parent.lookupProcedure(method).method().getAnnotation(Procedure.class).help();
    }

    /** {@code system.methodSignature}. */
    @Procedure(value = "methodSignature", help = "The types a procedure returns and takes.")
    public List<List<String>> methodSignature(String method) throws Fault {
        Method found = parent.lookupProcedure(method).method();
        List<String> signature = new ArrayList<>();
        signature.add(typeName(found.getReturnType()));
        for (Class<?> type : found.getParameterTypes()) {
            if (type != Request.class) {
                signature.add(typeName(type));
            }
        }
        return List.of(signature);
    }

    /** The XML-RPC name of a Java type, {@code "undef"} for one that does not say. */
    static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == short.class || type == Short.class
                || type == byte.class || type == Byte.class) {
            return "int";
        }
        if (type == long.class || type == Long.class) {
            return "i8";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "double";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == byte[].class) {
            return "base64";
        }
        if (type == LocalDateTime.class) {
            return "dateTime.iso8601";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "struct";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type == void.class) {
            return "nil";
        }
        return "undef";
    }
}
