package antipatterns.virtualthreadpinning;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** On JDK 21-23 a virtual thread waiting in take() here pins its carrier thread. */
class TickFeed {
    private final BlockingQueue<String> ticks = new LinkedBlockingQueue<>();
    private long delivered;

    synchronized String next() throws InterruptedException {
        delivered++;
        return ticks.take(); // expect: VirtualThreadPinning
    }
}
