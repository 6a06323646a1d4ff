package antipatterns.blockingcallunderlock;

import java.util.concurrent.CountDownLatch;

/** The producer waits for resume() while it holds the monitor, and resume() needs that monitor: a deadlock. */
class Producer {
    private CountDownLatch paused = new CountDownLatch(0);

    synchronized void pause() {
        paused = new CountDownLatch(1);
    }

    synchronized void resume() {
        paused.countDown();
    }

    synchronized void produceNext() throws InterruptedException {
        paused.await(); // expect: BlockingCallUnderLock
        send();
    }

    private void send() {
    }
}
