package io.lockopt.agent.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

import org.junit.jupiter.api.Test;

class LockHoldersTest {
    @Test
    void namesTheThreadHoldingAReentrantLockEvenWithBracketsInItsName() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        assertThat(LockHolders.holderNamedByLock(lock, null)).isNull();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            lock.lock();
            try {
                held.countDown();
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        }, "pool [1] worker");
        holder.start();
        held.await();
        try {
            assertThat(LockHolders.holderNamedByLock(lock, null)).isEqualTo("pool [1] worker");
        } finally {
            letGo.countDown();
            holder.join();
        }
    }

    @Test
    void aReadSideIsWaitingOnTheWriteSidesHolderAndOtherLocksHaveNone() {
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        rw.writeLock().lock();
        try {
            String me = Thread.currentThread().getName();
            assertThat(LockHolders.holderNamedByLock(rw.writeLock(), null)).isEqualTo(me);
            assertThat(LockHolders.holderNamedByLock(rw.readLock(), rw)).isEqualTo(me);
            assertThat(LockHolders.holderNamedByLock(rw.readLock(), null)).isNull();
        } finally {
            rw.writeLock().unlock();
        }
        assertThat(LockHolders.holderNamedByLock(new StampedLock(), null)).isNull();
        assertThat(LockHolders.holderNamedByLock(new Object(), null)).isNull();
    }
}
