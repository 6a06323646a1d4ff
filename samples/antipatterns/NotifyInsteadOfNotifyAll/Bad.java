package antipatterns.notifyinsteadofnotifyall;

/** Producers and consumers wait on one monitor for different conditions; notify() can wake the wrong kind. */
class BoundedBuffer {
    private final Object[] items = new Object[16];
    private int count;

    synchronized void put(Object item) throws InterruptedException {
        while (count == items.length) {
            wait();
        }
        items[count++] = item;
        notify(); // expect-low: NotifyInsteadOfNotifyAll
    }

    synchronized Object take() throws InterruptedException {
        while (count == 0) {
            wait();
        }
        Object item = items[--count];
        notify(); // expect-low: NotifyInsteadOfNotifyAll
        return item;
    }
}
