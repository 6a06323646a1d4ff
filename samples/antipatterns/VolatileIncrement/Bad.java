package antipatterns.volatileincrement;

/** volatile makes the field visible, not hits++ atomic: concurrent hits are lost. */
class HitCounter {
    private volatile long hits;

    void hit() {
        hits++; // expect: VolatileIncrement
    }

    long hits() {
        return hits;
    }
}
