package org.twisted4j.web.script;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.jspecify.annotations.Nullable;

/**
 * Runs a script's snippets in this JVM, in a class loader whose parent is the one that loaded twisted4j's web
 * module, and keeps the object each snippet's value was (JShell itself only hands values back as text).
 */
final class CapturingExecutionControl extends DirectExecutionControl {

    private @Nullable Object lastValue;

    private CapturingExecutionControl(LoaderDelegate loader) {
        super(loader);
    }

    /** The provider JShell asks for its execution engine. */
    static ExecutionControlProvider provider(ClassLoader parent, CapturingExecutionControl[] made) {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "twisted4j-resource-script";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                made[0] = new CapturingExecutionControl(new Loader(parent));
                return made[0];
            }
        };
    }

    /** Returns the value of the last snippet run (null for a statement or a declaration), and forgets it. */
    @Nullable Object takeLastValue() {
        Object value = lastValue;
        lastValue = null;
        return value;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object value = doitMethod.invoke(null);
        lastValue = value;
        return valueString(value);
    }

    /** Defines the snippets' classes from the bytes JShell compiled. */
    private static final class Loader extends ClassLoader implements LoaderDelegate {
        private final Map<String, byte[]> declared = new HashMap<>();

        Loader(ClassLoader parent) {
            super("resource-script", parent);
        }

        @Override
        public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
            boolean[] installed = new boolean[cbcs.length];
            for (ClassBytecodes cbc : cbcs) {
                declared.put(cbc.name(), cbc.bytecodes());
            }
            try {
                for (int i = 0; i < cbcs.length; i++) {
                    loadClass(cbcs[i].name());
                    installed[i] = true;
                }
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("could not load a snippet's class: " + e, installed);
            }
        }

        @Override
        public void classesRedefined(ClassBytecodes[] cbcs) {
            for (ClassBytecodes cbc : cbcs) {
                declared.put(cbc.name(), cbc.bytecodes());
            }
        }

        @Override
        public void addToClasspath(String path) {
            // The parent loader's classes are all a script sees.
        }

        /** Finds a snippet's class, defining it on first use (both ClassLoader's and LoaderDelegate's contract). */
        @Override
        public Class<?> findClass(String name) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                byte[] bytes = declared.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        }
    }
}
