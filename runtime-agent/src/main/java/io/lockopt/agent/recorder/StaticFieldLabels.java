package io.lockopt.agent.recorder;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Finds a field label for a lock whose call sites did not load it straight from a field
 * (it went through a conditional, a parameter, a lambda capture): the static fields of the
 * class where it was first used, of its enclosing classes and superclasses, are searched for
 * one that holds this very object.
 *
 * <p>Runs on the reporter thread only, once per lock, off the application's hot path. It
 * reads fields of classes that are already initialized (their code ran) and never
 * initializes one; a field it may not open is skipped.
 */
final class StaticFieldLabels {
    private StaticFieldLabels() {
    }

    static void resolve(LockRecord record) {
        if (record.staticFieldSearched) {
            return;
        }
        String source = record.labelSource();
        if (source != null && !"site".equals(source)) {
            record.staticFieldSearched = true;
            return;
        }
        InstrumentedSite site = record.firstSite;
        Object lock = record.lock.get();
        if (site == null || lock == null) {
            return; // maybe a later snapshot has a site
        }
        record.staticFieldSearched = true;
        Class<?> start = site.declaringClass();
        if (start == null) {
            return;
        }
        String label = search(lock, start);
        if (label != null) {
            record.offerLabel(label, "field");
        }
    }

    private static String search(Object lock, Class<?> start) {
        for (Class<?> outer = start; outer != null; outer = outer.getEnclosingClass()) {
            for (Class<?> type = outer; type != null && type != Object.class; type = type.getSuperclass()) {
                String found = searchDeclared(lock, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String searchDeclared(Object lock, Class<?> type) {
        Field[] fields;
        try {
            fields = type.getDeclaredFields();
        } catch (SecurityException | LinkageError e) {
            return null;
        }
        for (Field field : fields) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                continue;
            }
            try {
                field.setAccessible(true);
                if (field.get(null) == lock) {
                    return type.getName() + "." + field.getName();
                }
            } catch (RuntimeException | IllegalAccessException e) {
                // not ours to open (a named module): skip it
            }
        }
        return null;
    }
}
