package antipatterns.waitwithotherlockheld;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** take() waits on the inbox's monitor while the session monitor stays held; offer() needs the session to notify. */
class Session {
    private final Object session = new Object();
    private final Inbox inbox = new Inbox();
    private final List<Object> history = new ArrayList<>();

    Object next() throws InterruptedException {
        synchronized (session) {
            Object message = inbox.take(); // expect: WaitWithOtherLockHeld
            history.add(message);
            return message;
        }
    }

    void offer(Object message) {
        synchronized (session) {
            inbox.put(message);
        }
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
