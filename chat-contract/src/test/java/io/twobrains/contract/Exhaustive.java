package io.twobrains.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * What the compiler cannot check of a visitor over a sealed interface (Java 17 has no exhaustive
 * switch): that it has one method for each permitted type, and that each type's {@code accept} calls
 * the method for that type, not another one.
 */
public final class Exhaustive {

    private Exhaustive() {
    }

    /**
     * @param accept calls {@code accept} of a value with a visitor ({@code (value, visitor) -> value.accept(visitor)})
     */
    @SuppressWarnings("unchecked")
    public static <T, V> void assertVisitorCovers(Class<T> sealed, Class<V> visitor, BiFunction<T, V, ?> accept) {
        assertThat(sealed.isSealed()).as(sealed + " is sealed").isTrue();
        Map<Class<?>, Method> methods = new HashMap<>();
        for (Method method : visitor.getMethods()) {
            if (Modifier.isAbstract(method.getModifiers())) {
                assertThat(method.getParameterCount()).as(method.toString()).isEqualTo(1);
                assertThat(methods.put(method.getParameterTypes()[0], method)).as("one method for " + method).isNull();
            }
        }
        assertThat(methods.keySet()).as("a method of " + visitor.getSimpleName() + " for each " + sealed.getSimpleName())
                .containsExactlyInAnyOrder(sealed.getPermittedSubclasses());
        for (Class<?> type : sealed.getPermittedSubclasses()) {
            AtomicReference<Method> called = new AtomicReference<>();
            V recording = (V) Proxy.newProxyInstance(visitor.getClassLoader(), new Class<?>[] {visitor},
                    (proxy, method, args) -> {
                        called.set(method);
                        return null;
                    });
            accept.apply((T) instance(type), recording);
            assertThat(called.get()).as(type.getSimpleName() + ".accept calls the visitor's method for it")
                    .isEqualTo(methods.get(type));
        }
    }

    /** A value of a record type, every component its type's default (null, zero, false). */
    private static Object instance(Class<?> type) {
        assertThat(type.isRecord()).as(type + " is a record").isTrue();
        Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] values = Arrays.stream(types).map(Exhaustive::defaultOf).toArray();
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot make a " + type, e);
        }
    }

    private static Object defaultOf(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        return java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0);
    }
}
