package antipatterns.blockingcallunderlock;

import java.util.concurrent.CountDownLatch;

/** Read the latch under the monitor, wait for it after releasing the monitor: resume() can always get in. */
class Producer {
    private CountDownLatch paused = new CountDownLatch(0);

    synchronized void pause() {
        paused = new CountDownLatch(1);
    }

    synchronized void resume() {
        paused.countDown();
    }

    void produceNext() throws InterruptedException {
        CountDownLatch gate;
        synchronized (this) {
            gate = paused;
        }
        gate.await();
        send();
    }

    private void send() {
    }
}
