package antipatterns.waitnotinloop;

import java.util.ArrayDeque;
import java.util.Deque;

/** After a spurious wakeup the queue may still be empty. */
class Mailbox {
    private final Deque<String> messages = new ArrayDeque<>();

    synchronized String next() throws InterruptedException {
        if (messages.isEmpty()) {
            wait(); // expect: WaitNotInLoop
        }
        return messages.remove();
    }

    synchronized void post(String message) {
        messages.add(message);
        notifyAll();
    }
}
