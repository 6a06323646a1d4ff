package antipatterns.synchronizedongetclass;

/** One monitor for the whole hierarchy. */
class Connection {
    private static int open;
    private static int peak;

    Connection() {
        synchronized (Connection.class) {
            open++;
            peak = Math.max(peak, open);
        }
    }
}

/** A kind of connection: its instances lock TlsConnection.class through getClass(). */
class TlsConnection extends Connection {
}
