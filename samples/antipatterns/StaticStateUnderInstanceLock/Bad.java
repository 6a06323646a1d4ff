package antipatterns.staticstateunderinstancelock;

/** Two sessions hold two different monitors while taking the next id: both can get the same one. */
class Session {
    private static long nextId;
    private long id;
    private boolean open;

    synchronized void open() {
        open = true;
        id = nextId++; // expect: StaticStateUnderInstanceLock
    }

    synchronized long id() {
        return id;
    }
}
