package antipatterns.synchronizedongetclass;

/** A subclass instance locks the subclass's Class object, so the count races across types. */
class Connection {
    private static int open;

    Connection() {
        synchronized (getClass()) { // expect: SynchronizedOnGetClass
            open++;
        }
    }
}

/** A kind of connection: its instances lock TlsConnection.class through getClass(). */
class TlsConnection extends Connection {
}
