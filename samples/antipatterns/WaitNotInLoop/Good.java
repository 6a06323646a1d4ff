package antipatterns.waitnotinloop;

import java.util.ArrayDeque;
import java.util.Deque;

/** The loop re-checks the condition after every wakeup. */
class Mailbox {
    private final Deque<String> messages = new ArrayDeque<>();

    synchronized String next() throws InterruptedException {
        while (messages.isEmpty()) {
            wait();
        }
        return messages.remove();
    }

    synchronized void post(String message) {
        messages.add(message);
        notifyAll();
    }
}
