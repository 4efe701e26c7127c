package org.twisted4j.spread.jelly;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The taster: which type atoms, modules and classes an unjelly run accepts, as Twisted's
 * {@code jelly.SecurityOptions}. Anything not allowed makes {@link Jelly#unjelly} throw
 * {@link InsecureJelly} before anything is created.
 *
 * <h2>What is allowed</h2>
 * <ul>
 * <li>{@code new SecurityOptions()} allows, as Twisted's, the scalar atoms {@link #DEFAULT_TYPES}
 *     ({@code None}, {@code boolean}, {@code unicode}, dates, {@code decimal}, {@code set},
 *     {@code frozenset}...) and nothing else: no lists, tuples, dictionaries or references.</li>
 * <li>{@link #allowBasicTypes()} adds {@link #BASIC_TYPES}: {@code list}, {@code tuple},
 *     {@code dictionary}, {@code reference}, {@code dereference}, {@code unpersistable},
 *     {@code persistent}... ({@link #basic()} is Twisted's {@code globalSecurity} without its
 *     registrations).</li>
 * <li>{@link #allowTypes} adds atoms (Perspective Broker's {@code remote}, {@code cached}...).</li>
 * <li>{@link #allowInstancesOf} adds class names (plus the basic types); {@link #allowModules} every
 *     class of a module.</li>
 * </ul>
 * Unlike Twisted's, a dotted class name is allowed only if {@link #allowInstancesOf} or
 * {@link #allowModules} named it (Twisted lets every dotted name past the taster and relies on its
 * registry and module checks); and in any case a class name is only unjellied through a
 * {@link JellyRegistry} entry. When jellying, an instance of a class registered with
 * {@link JellyRegistry#registerClass} goes as its state only if {@link #isClassAllowed} says so, else as
 * {@code unpersistable}, as Twisted's jelly does.
 *
 * <h2>Threading</h2>
 * Any thread: configure while setting up, then share.
 */
public final class SecurityOptions {

    /** The atoms every {@code SecurityOptions} allows, as Twisted's. */
    public static final List<String> DEFAULT_TYPES = List.of("None", "bool", "boolean", "string", "str",
            "int", "float", "datetime", "time", "date", "timedelta", "NoneType", "unicode", "decimal", "set",
            "frozenset");

    /** The atoms {@link #allowBasicTypes()} adds, as Twisted's {@code basicTypes}. */
    public static final List<String> BASIC_TYPES = List.of("dictionary", "list", "tuple", "reference",
            "dereference", "unpersistable", "persistent", "long_int", "long", "dict");

    private final boolean allowAll;
    private final Set<String> types = ConcurrentHashMap.newKeySet();
    private final Set<String> modules = ConcurrentHashMap.newKeySet();
    private final Set<String> classes = ConcurrentHashMap.newKeySet();

    /** Creates options that allow only {@link #DEFAULT_TYPES}. */
    public SecurityOptions() {
        this(false);
    }

    private SecurityOptions(boolean allowAll) {
        this.allowAll = allowAll;
        types.addAll(DEFAULT_TYPES);
    }

    /** Returns new options allowing {@link #DEFAULT_TYPES} and {@link #BASIC_TYPES}. */
    public static SecurityOptions basic() {
        return new SecurityOptions().allowBasicTypes();
    }

    /**
     * Returns options that allow every atom and class name, as Twisted's {@code DummySecurityOptions}:
     * for jellying, and for unjellying only what comes from a trusted source. (Class names still need a
     * registry entry.) The allow methods do nothing more on it.
     */
    public static SecurityOptions allowingAll() {
        return new SecurityOptions(true);
    }

    /**
     * Allows the {@link #BASIC_TYPES}.
     *
     * @return these options
     */
    public SecurityOptions allowBasicTypes() {
        types.addAll(BASIC_TYPES);
        return this;
    }

    /**
     * Allows type atoms or class names.
     *
     * @param typeNames the atoms
     * @return these options
     */
    public SecurityOptions allowTypes(String... typeNames) {
        for (String type : typeNames) {
            types.add(Objects.requireNonNull(type, "type"));
        }
        return this;
    }

    /**
     * Allows instances of Python classes, by full name ({@code module.Class}), as Twisted's
     * {@code allowInstancesOf}: also allows the basic types and the atoms {@code instance}, {@code class},
     * {@code classobj} and {@code module} (which this implementation never unjellies all the same).
     *
     * @param classNames full class names
     * @return these options
     */
    public SecurityOptions allowInstancesOf(String... classNames) {
        allowBasicTypes();
        allowTypes("instance", "class", "classobj", "module");
        for (String name : classNames) {
            types.add(name);
            classes.add(name);
            int dot = name.lastIndexOf('.');
            if (dot > 0) {
                modules.add(name.substring(0, dot));
            }
        }
        return this;
    }

    /**
     * Allows every class of these modules, by name.
     *
     * @param moduleNames module names
     * @return these options
     */
    public SecurityOptions allowModules(String... moduleNames) {
        for (String module : moduleNames) {
            modules.add(Objects.requireNonNull(module, "module"));
        }
        return this;
    }

    /**
     * Returns whether s-expressions with this type atom or class name may be unjellied.
     *
     * @param typeName the first item of an s-expression, as text
     * @return whether it is allowed
     */
    public boolean isTypeAllowed(String typeName) {
        if (allowAll || types.contains(typeName)) {
            return true;
        }
        return typeName.indexOf('.') > 0 && isClassAllowed(typeName);
    }

    /**
     * Returns whether a module was allowed with {@link #allowModules} or {@link #allowInstancesOf}.
     *
     * @param moduleName the module's name
     * @return whether it is allowed
     */
    public boolean isModuleAllowed(String moduleName) {
        return allowAll || modules.contains(moduleName);
    }

    /**
     * Returns whether instances of a Python class may be unjellied or jellied as their state: named by
     * {@link #allowInstancesOf}, or of a module named by {@link #allowModules}.
     *
     * @param className the full class name
     * @return whether it is allowed
     */
    public boolean isClassAllowed(String className) {
        if (allowAll || classes.contains(className)) {
            return true;
        }
        int dot = className.lastIndexOf('.');
        return dot > 0 && modules.contains(className.substring(0, dot));
    }
}
