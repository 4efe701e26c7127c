package org.twisted4j.twist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.ServiceMaker;

/** The plugins on the class or module path, in name order. */
final class Plugins {

    private static final int MAX_BROKEN = 20;

    private final List<ServiceMaker> makers;
    private final List<String> broken;

    private Plugins(List<ServiceMaker> makers, List<String> broken) {
        this.makers = makers;
        this.broken = broken;
    }

    /**
     * Finds every {@link ServiceMaker} visible to this module. A provider that cannot be loaded or created is
     * left out, and named in {@link #help()}.
     */
    static Plugins load() {
        return load(Plugins.class.getClassLoader());
    }

    /** Finds the {@link ServiceMaker}s that {@code loader} sees, as {@link #load()}. */
    static Plugins load(ClassLoader loader) {
        List<ServiceMaker> found = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        Iterator<ServiceMaker> providers =
                ServiceLoader.load(ServiceMaker.class, loader).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                found.add(providers.next());
            } catch (ServiceConfigurationError e) {
                broken.add(Runner.reason(e));
                if (broken.size() >= MAX_BROKEN) {
                    break;       // the loader may not get past a broken configuration file
                }
            }
        }
        found.sort(Comparator.comparing(ServiceMaker::tapname));
        return new Plugins(List.copyOf(found), List.copyOf(broken));
    }

    List<ServiceMaker> all() {
        return makers;
    }

    @Nullable ServiceMaker named(String name) {
        for (ServiceMaker maker : makers) {
            if (maker.tapname().equals(name)) {
                return maker;
            }
        }
        return null;
    }

    String names() {
        return makers.isEmpty() ? "none installed"
                : String.join(", ", makers.stream().map(ServiceMaker::tapname).toList());
    }

    /** Returns the "Plugins:" section of a runner's help: one line per plugin with its description. */
    String help() {
        StringBuilder out = new StringBuilder("Plugins:\n");
        int width = makers.stream().mapToInt(m -> m.tapname().length()).max().orElse(0);
        for (ServiceMaker maker : makers) {
            out.append("  ").append(maker.tapname()).append(" ".repeat(width - maker.tapname().length() + 2))
                    .append(maker.description()).append('\n');
        }
        if (makers.isEmpty()) {
            out.append("  (none installed)\n");
        }
        for (String problem : broken) {
            out.append("  (not loaded: ").append(problem).append(")\n");
        }
        return out.toString();
    }
}
