package demo;

/** Two blocks on getClass(): one reported, one suppressed in the source. */
public abstract class Registry {
    private static int size;

    public void add() {
        synchronized (getClass()) {
            size++;
        }
    }

    public int size() {
        synchronized (getClass()) { // lockopt:ignore SynchronizedOnGetClass reads only, as the writer locks
            return size;
        }
    }
}
