package io.lockopt.agent.instrument;

/**
 * What a lock value on the operand stack is called in reports, found statically: {@code text}
 * ({@code pkg.Class.field}, {@code pkg.Class.this}, {@code pkg.Foo.class}) and {@code source}, how it
 * was found ({@code field}, {@code this}, {@code class}).
 */
record LockLabel(String text, String source) {
    static LockLabel field(String owner, String name) {
        return new LockLabel(owner.replace('/', '.') + "." + name, "field");
    }

    static LockLabel thisOf(String className) {
        return new LockLabel(className + ".this", "this");
    }

    static LockLabel classOf(String className) {
        return new LockLabel(className + ".class", "class");
    }
}
