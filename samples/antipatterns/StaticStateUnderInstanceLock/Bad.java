package antipatterns.staticstateunderinstancelock;

/** Two sessions hold two different monitors while updating the one static counter. */
class Session {
    private static int active;
    private boolean open;

    synchronized void open() {
        open = true;
        active++; // expect: StaticStateUnderInstanceLock
    }

    static int active() {
        return active;
    }
}
