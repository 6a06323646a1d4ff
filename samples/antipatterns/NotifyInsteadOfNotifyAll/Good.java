package antipatterns.notifyinsteadofnotifyall;

/** notifyAll() wakes every waiter; each re-checks its own condition. */
class BoundedBuffer {
    private final Object[] items = new Object[16];
    private int count;

    synchronized void put(Object item) throws InterruptedException {
        while (count == items.length) {
            wait();
        }
        items[count++] = item;
        notifyAll();
    }

    synchronized Object take() throws InterruptedException {
        while (count == 0) {
            wait();
        }
        Object item = items[--count];
        notifyAll();
        return item;
    }
}
