package antipatterns.virtualthreadpinning;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/** No monitor around the blocking take(): the virtual thread parks and frees its carrier. */
class TickFeed {
    private final BlockingQueue<String> ticks = new LinkedBlockingQueue<>();
    private final AtomicLong delivered = new AtomicLong();

    String next() throws InterruptedException {
        delivered.incrementAndGet();
        return ticks.take();
    }
}
