package antipatterns.inconsistentlocking;

/** close() drops the connection under the lock; send() checks it and uses it without: a close in between is a NullPointerException. */
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
        if (connection != null) { // expect: InconsistentLocking
            connection.write(message);
        }
    }

    static final class Connection {
        void write(String message) {
        }
    }
}
