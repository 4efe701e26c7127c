package org.twisted4j.conch.manhole;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;

/**
 * Loads the classes JShell compiles from a session's snippets, below the manhole's own class loader, so that
 * the snippets see the very classes (and static state) of the running application.
 */
final class SnippetLoader extends URLClassLoader implements LoaderDelegate {

    private final Map<String, byte[]> bytecodes = new ConcurrentHashMap<>();

    SnippetLoader(ClassLoader parent) {
        super("manhole-snippets", new URL[0], parent);
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        for (ClassBytecodes c : classes) {
            bytecodes.put(c.name(), c.bytecodes());
        }
        boolean[] installed = new boolean[classes.length];
        for (int i = 0; i < classes.length; i++) {
            try {
                Class.forName(classes[i].name(), false, this);
                installed[i] = true;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("cannot load " + classes[i].name() + ": " + e, installed);
            }
        }
    }

    /** Remembers new bytecodes of classes JShell redefined (kept for classes not loaded yet). */
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) {
            bytecodes.put(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) {
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                try {
                    addURL(Path.of(entry).toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException("bad class path entry " + entry, e);
                }
            }
        }
    }

    /** Finds a snippet class: one already loaded, or defines it from its bytecodes. */
    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded != null) {
                return loaded;
            }
            byte[] code = bytecodes.get(name);
            if (code == null) {
                return super.findClass(name);
            }
            return defineClass(name, code, 0, code.length);
        }
    }
}
