package org.twisted4j.twist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.ServiceMaker;

/** The plugins on the class or module path, in name order. */
final class Plugins {

    private final List<ServiceMaker> makers;

    private Plugins(List<ServiceMaker> makers) {
        this.makers = makers;
    }

    /** Finds every {@link ServiceMaker} visible to this module. */
    static Plugins load() {
        List<ServiceMaker> found = new ArrayList<>();
        for (ServiceMaker maker : ServiceLoader.load(ServiceMaker.class, Plugins.class.getClassLoader())) {
            found.add(maker);
        }
        found.sort(Comparator.comparing(ServiceMaker::tapname));
        return new Plugins(List.copyOf(found));
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
        return makers.isEmpty() ? "none installed" : String.join(", ", makers.stream().map(ServiceMaker::tapname).toList());
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
        return out.toString();
    }
}
