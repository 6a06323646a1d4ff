package io.lockopt.analyzer.rules;

/**
 * JMeter's {@code ResourceLock}: an upgrade helper that gives up the caller's read holds, takes
 * the write lock and returns the closer that takes them back. Shared by the tests of the rules it
 * once misled (UnreleasedLock on the closer, InconsistentLocking on the try blocks it guards).
 */
final class ClosingLockFixture {
    /** The interface with its static helper, as a member of a class that imports ReentrantReadWriteLock. */
    static final String CLOSER = """
                interface Closer extends AutoCloseable {
                    @Override void close();
                    static Closer releaseWrite(ReentrantReadWriteLock lock) {
                        int reads = lock.getWriteHoldCount() == 0 ? lock.getReadHoldCount() : 0;
                        for (int i = 0; i < reads; i++) {
                            lock.readLock().unlock();
                        }
                        lock.writeLock().lock();
                        return () -> {
                            for (int i = 0; i < reads; i++) {
                                lock.readLock().lock();
                            }
                            lock.writeLock().unlock();
                        };
                    }
                }
            """;

    private ClosingLockFixture() {
    }
}
