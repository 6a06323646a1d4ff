package antipatterns.waitwithotherlockheld;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The wait happens with no other lock held; the session monitor guards only the history. */
class Session {
    private final Object session = new Object();
    private final Inbox inbox = new Inbox();
    private final List<Object> history = new ArrayList<>();

    Object next() throws InterruptedException {
        Object message = inbox.take();
        synchronized (session) {
            history.add(message);
        }
        return message;
    }

    void offer(Object message) {
        inbox.put(message);
    }
}

class Inbox {
    private final Deque<Object> messages = new ArrayDeque<>();

    synchronized Object take() throws InterruptedException {
        while (messages.isEmpty()) {
            wait();
        }
        return messages.remove();
    }

    synchronized void put(Object message) {
        messages.add(message);
        notifyAll();
    }
}
