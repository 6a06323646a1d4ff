package antipatterns.inconsistentlocking;

/** Every access to the connection holds the lock; the write itself happens outside it, on the object read under it. */
class Client {
    private final Object lock = new Object();
    private Connection connection = new Connection();

    void reconnect() {
        synchronized (lock) {
            connection = new Connection();
        }
    }

    void close() {
        synchronized (lock) {
            connection = null;
        }
    }

    void send(String message) {
        Connection current;
        synchronized (lock) {
            current = connection;
        }
        if (current != null) {
            current.write(message);
        }
    }

    static final class Connection {
        void write(String message) {
        }
    }
}
