package antipatterns.synchronizedongetclass;

/** One monitor for the whole hierarchy. */
class Connection {
    private static int open;

    Connection() {
        synchronized (Connection.class) {
            open++;
        }
    }
}
