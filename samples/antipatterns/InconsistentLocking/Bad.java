package antipatterns.inconsistentlocking;

/**
 * close() drops the connection under the lock; send() checks it and uses it without: a close in between is a
 * NullPointerException. Reported at low confidence: the guard is only inferred from where the lock is held (with
 * {@code @GuardedBy("lock")} on the field it is reported by default).
 */
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
        if (connection != null) { // expect-low: InconsistentLocking
            connection.write(message);
        }
    }

    static final class Connection {
        void write(String message) {
        }
    }
}
