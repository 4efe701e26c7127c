package org.twisted4j.protocols.amp;

import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The keys of a box and their {@link Argument} types, mapped to the components of a Java record: the
 * {@code arguments} or {@code response} list of a Twisted command, or the element of an {@code AmpList}.
 *
 * <pre>{@code
 * record Sum(long a, long b) {}
 * Schema<Sum> sum = Schema.of(Sum.class)
 *         .field("a", Arguments.integer())
 *         .field("b", Arguments.integer())
 *         .build();
 * AmpBox box = sum.toBox(new Sum(13, 81), new AmpBox());   // a=13, b=81
 * }</pre>
 *
 * <h2>Names</h2>
 * A field's wire name is its box key; its record component is named the same, with each {@code -} read as
 * {@code _} (Twisted's {@code _wireNameToPythonIdentifier}), unless {@link Builder#field(String, String,
 * Argument, boolean)} names it. Every component must have exactly one field. An optional field may be missing
 * from a box (its component is then null) and is left out of a box when its component is null.
 *
 * <h2>Access</h2>
 * The record is read through its accessors and made through its canonical constructor, by reflection: a record
 * in a named module must be in a package that module opens (or exports, for a public record) to
 * {@code org.twisted4j.core}.
 *
 * <p>Immutable once built; any thread.
 *
 * @param <R> the record
 */
public final class Schema<R extends Record> {
    private record Field(String wireName, int component, @Nullable Argument<Object> argument, boolean optional) {
        boolean local() {
            return argument == null;
        }
    }

    private final Class<R> type;
    private final List<Field> fields;
    private final Method[] accessors;
    private final Constructor<R> constructor;

    private Schema(Class<R> type, List<Field> fields, Method[] accessors, Constructor<R> constructor) {
        this.type = type;
        this.fields = fields;
        this.accessors = accessors;
        this.constructor = constructor;
    }

    /** Starts the schema of {@code type}. */
    public static <R extends Record> Builder<R> of(Class<R> type) {
        return new Builder<>(type);
    }

    /** The schema of a record with no components, for a command without arguments or without a response. */
    public static <R extends Record> Schema<R> empty(Class<R> type) {
        return of(type).build();
    }

    /** The record it maps. */
    public Class<R> type() {
        return type;
    }

    /** The wire names of its fields, in the order they were declared; {@link Builder#local local} ones are not. */
    public List<String> wireNames() {
        return fields.stream().filter(field -> !field.local()).map(Field::wireName).toList();
    }

    /**
     * The value of the {@link Builder#local local} component {@code component} of {@code value}.
     *
     * @throws IllegalArgumentException if the schema has no such local component
     */
    @Nullable Object localValue(R value, String component) {
        for (Field field : fields) {
            if (field.local() && field.wireName.equals(component)) {
                return read(value, field.component);
            }
        }
        throw new IllegalArgumentException(type.getName() + " has no local component " + component);
    }

    /** Whether it has a {@link Builder#local local} component named {@code component} that can hold {@code type}. */
    boolean hasLocal(String component, Class<?> type) {
        for (Field field : fields) {
            if (field.local() && field.wireName.equals(component)) {
                return accessors[field.component].getReturnType().isAssignableFrom(type);
            }
        }
        return false;
    }

    /**
     * Writes the components of {@code value} into {@code box} and returns the box.
     *
     * @throws IllegalArgumentException if a required component is null or an argument cannot write its value
     * @throws TooLong if an argument's framing breaks a limit
     */
    public AmpBox toBox(R value, AmpBox box) {
        for (Field field : fields) {
            Argument<Object> argument = field.argument;
            if (argument == null) {
                continue;
            }
            Object component = read(value, field.component);
            if (component == null) {
                if (!field.optional) {
                    throw new IllegalArgumentException("required AMP argument " + field.wireName + " of "
                            + type.getSimpleName() + " is null");
                }
                continue;
            }
            box.put(field.wireName, argument.toBytes(component));
        }
        return box;
    }

    /**
     * Reads a record from {@code box}; keys it does not declare are ignored, as Twisted does.
     *
     * @throws IllegalArgumentException if a required key is missing or a value does not parse
     * @throws TooLong if a nested box has a key over its limit
     */
    public R fromBox(AmpBox box) {
        Object[] values = new Object[accessors.length];
        for (Field field : fields) {
            Argument<Object> argument = field.argument;
            if (argument == null) {
                continue;
            }
            byte[] bytes = box.get(field.wireName);
            if (bytes == null) {
                if (!field.optional) {
                    throw new IllegalArgumentException("AMP box lacks the required key " + field.wireName);
                }
                continue;
            }
            try {
                values[field.component] = argument.fromBytes(bytes);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad AMP value for " + field.wireName + ": " + e.getMessage(), e);
            }
        }
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalArgumentException("cannot make " + type.getName() + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make " + type.getName(), e);
        }
    }

    private @Nullable Object read(R value, int component) {
        try {
            return accessors[component].invoke(value);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("accessor of " + type.getName() + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + type.getName(), e);
        }
    }

    @Override
    public String toString() {
        return "Schema" + wireNames() + " of " + type.getSimpleName();
    }

    /**
     * Declares the fields of a {@link Schema}. Not thread-safe; for one thread while it is built.
     *
     * @param <R> the record
     */
    public static final class Builder<R extends Record> {
        private final Class<R> type;
        private final RecordComponent[] components;
        private final Map<String, Integer> byName = new HashMap<>();
        private final List<Field> fields = new ArrayList<>();
        private final boolean[] covered;

        private Builder(Class<R> type) {
            this.type = Objects.requireNonNull(type, "type");
            this.components = type.getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                byName.put(components[i].getName(), i);
            }
            this.covered = new boolean[components.length];
        }

        /** A required field whose component is named after {@code wireName}. */
        public Builder<R> field(String wireName, Argument<?> argument) {
            return field(wireName, wireName.replace('-', '_'), argument, false);
        }

        /** An optional field whose component is named after {@code wireName}. */
        public Builder<R> optional(String wireName, Argument<?> argument) {
            return field(wireName, wireName.replace('-', '_'), argument, true);
        }

        /**
         * A field.
         *
         * @param wireName its key in the box (1 to 255 bytes, characters up to U+00FF)
         * @param component the record component it fills
         * @param argument its type
         * @param optional whether it may be missing (then its component is null)
         * @throws IllegalArgumentException if the record has no such component, it already has a field, its type
         *         cannot hold the argument's values, an optional field's component is primitive, or the wire
         *         name is not a key
         */
        @SuppressWarnings("unchecked")
        public Builder<R> field(String wireName, String component, Argument<?> argument, boolean optional) {
            new AmpBox().put(wireName, new byte[0]);
            if (wireName.length() > AmpBox.MAX_KEY_LENGTH) {
                throw new IllegalArgumentException("AMP key over 255 bytes: " + wireName);
            }
            Integer index = byName.get(component);
            if (index == null) {
                throw new IllegalArgumentException(type.getName() + " has no component " + component);
            }
            if (covered[index]) {
                throw new IllegalArgumentException("component " + component + " already has a field");
            }
            Class<?> componentType = components[index].getType();
            if (optional && componentType.isPrimitive()) {
                throw new IllegalArgumentException("optional component " + component + " cannot be primitive");
            }
            if (!wrap(componentType).isAssignableFrom(argument.type())) {
                throw new IllegalArgumentException("component " + component + " of type " + componentType.getName()
                        + " cannot hold " + argument.type().getName());
            }
            covered[index] = true;
            fields.add(new Field(wireName, index, (Argument<Object>) argument, optional));
            return this;
        }

        /**
         * A local component, as Twisted's {@code _LocalArgument}: never written to a box, and null in a record read
         * from one. It carries what only this side knows, such as the TLS options of {@link StartTLS}.
         *
         * @param component the record component, which must not be primitive
         * @throws IllegalArgumentException if the record has no such component, it already has a field, or it is
         *         primitive
         */
        public Builder<R> local(String component) {
            Integer index = byName.get(component);
            if (index == null) {
                throw new IllegalArgumentException(type.getName() + " has no component " + component);
            }
            if (covered[index]) {
                throw new IllegalArgumentException("component " + component + " already has a field");
            }
            if (components[index].getType().isPrimitive()) {
                throw new IllegalArgumentException("local component " + component + " cannot be primitive");
            }
            covered[index] = true;
            fields.add(new Field(component, index, null, true));
            return this;
        }

        /**
         * Returns the schema.
         *
         * @throws IllegalArgumentException if a component has no field, or the record cannot be reached
         */
        public Schema<R> build() {
            for (int i = 0; i < components.length; i++) {
                if (!covered[i]) {
                    throw new IllegalArgumentException("component " + components[i].getName() + " of "
                            + type.getName() + " has no AMP field");
                }
            }
            Method[] accessors = new Method[components.length];
            Class<?>[] types = new Class<?>[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    accessors[i] = components[i].getAccessor();
                    accessors[i].setAccessible(true);
                    types[i] = components[i].getType();
                }
                Constructor<R> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return new Schema<>(type, List.copyOf(fields), accessors, constructor);
            } catch (NoSuchMethodException | RuntimeException e) {
                throw new IllegalArgumentException("cannot reach the record " + type.getName()
                        + " (is its package open to org.twisted4j.core?)", e);
            }
        }

        private static Class<?> wrap(Class<?> type) {
            return MethodType.methodType(type).wrap().returnType();
        }
    }
}
