package antipatterns.volatileincrement;

/** volatile makes the count visible, not refs++ atomic: a lost update frees a buffer still in use. */
class SharedBuffer {
    private volatile int refs = 1;

    void retain() {
        refs++; // expect-low: VolatileIncrement
    }

    void release() {
        if (--refs == 0) { // expect-low: VolatileIncrement
            free();
        }
    }

    private void free() {
    }
}
