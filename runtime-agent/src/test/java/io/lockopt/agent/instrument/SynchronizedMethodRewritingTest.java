package io.lockopt.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lockopt.agent.recorder.InstrumentedSite;
import io.lockopt.agent.recorder.InstrumentedSites;
import io.lockopt.agent.recorder.LockRecorder;
import io.lockopt.agent.recorder.SnapshotRequest;
import io.lockopt.agent.wire.Snapshot;

/**
 * {@link Subject} rewritten as the agent rewrites a class, loaded in a loader of its own (so
 * the JVM verifies the new code and its frames), run with a recorder attached to the hooks.
 */
class SynchronizedMethodRewritingTest {
    private static final String SUBJECT = Subject.class.getName();

    private InstrumentedSites sites;
    private LockRecorder recorder;
    private RewrittenSubject rewritten;
    private Object subject;

    /** Synchronized methods of the shapes that matter to the rewriting. */
    public static class Subject {
        final ReentrantLock inner = new ReentrantLock();
        final ReentrantLock after = new ReentrantLock();
        public int count;

        public synchronized int add(int n) {
            count += n;
            return count;
        }

        /** Two-slot locals and an array: the handler's frame names only {@code this}. */
        public synchronized long wide(long a, double b, int[] c) {
            long sum = a + (long) b + c.length;
            return sum;
        }

        public synchronized void fail(String message) {
            count++;
            throw new IllegalStateException(message);
        }

        /** Its own handler must catch before the one around the body. */
        public synchronized int recover() {
            try {
                fail("inner");
                return -1;
            } catch (IllegalStateException e) {
                return e.getMessage().length();
            }
        }

        /** A loop back to offset 0: the entry hook must stay outside it. */
        public synchronized int countDown(int n) {
            do {
                n--;
            } while (n > 0);
            return n;
        }

        public synchronized int choose(int k) {
            switch (k) {
                case 0:
                    return 10;
                case 1:
                    return 11;
                default:
                    return 12;
            }
        }

        public synchronized void nested() {
            inner.lock();
            try {
                count++;
            } finally {
                inner.unlock();
            }
        }

        @SuppressWarnings("LockNotBeforeTry") // an empty section: only taking the lock matters here
        public void takeAfter() {
            after.lock();
            after.unlock();
        }

        public static synchronized String twice(String text) {
            return text + text;
        }
    }

    @BeforeEach
    void rewriteAndAttach() throws Exception {
        rewritten = new RewrittenSubject(Subject.class);
        sites = rewritten.sites;
        recorder = rewritten.recorder;
        subject = rewritten.instance;
    }

    @AfterEach
    void detach() {
        rewritten.close();
    }

    private Object call(String name, Object... arguments) throws Throwable {
        return rewritten.call(name, arguments);
    }

    @Test
    void registersEachSynchronizedMethodWithTheLabelOfItsMonitor() {
        int add = sites.synchronizedMethodSite(SUBJECT, "add", "(I)I");
        int twice = sites.synchronizedMethodSite(SUBJECT, "twice", "(Ljava/lang/String;)Ljava/lang/String;");
        assertThat(add).isNotNegative();
        assertThat(twice).isNotNegative();
        InstrumentedSite instanceSite = sites.get(add);
        assertThat(instanceSite.label()).isEqualTo(SUBJECT + ".this");
        assertThat(instanceSite.labelSource()).isEqualTo("this");
        assertThat(instanceSite.operation()).isEqualTo("synchronized-method");
        assertThat(instanceSite.line()).as("the method's first line").isPositive();
        assertThat(instanceSite.sectionWrites()).isTrue();
        InstrumentedSite staticSite = sites.get(twice);
        assertThat(staticSite.label()).isEqualTo(SUBJECT + ".class");
        assertThat(staticSite.labelSource()).isEqualTo("class");
        assertThat(staticSite.sectionWrites()).isFalse();
        assertThat(sites.synchronizedMethodSite(SUBJECT, "takeAfter", "()V")).isEqualTo(-1);
        assertThat(sites.synchronizedMethodSite(SUBJECT, "add", "(J)J")).isEqualTo(-1);
    }

    @Test
    void behavesAsBeforeOnEveryExitAndLeavesNothingHeld() throws Throwable {
        assertThat(call("add", 2)).isEqualTo(2);
        assertThat(call("wide", 1L, 2.0, new int[3])).isEqualTo(6L);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> call("fail", "boom")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("boom");
        }
        assertThat(call("recover")).isEqualTo(5);
        assertThat(call("countDown", 5)).isEqualTo(0);
        assertThat(call("choose", 1)).isEqualTo(11);
        assertThat(call("choose", 7)).isEqualTo(12);
        assertThat(call("twice", "ab")).isEqualTo("abab");
        call("nested");
        call("takeAfter");
        assertThat(Thread.holdsLock(subject)).isFalse();
        assertThat(rewritten.type.getField("count").getInt(subject)).isEqualTo(2 + 3 + 1 + 1);

        Snapshot snapshot = recorder.snapshot(new SnapshotRequest("s", 1, true, "stop", 0L, 0L, 1, 0L));
        Snapshot.LockStats monitor = lock(snapshot, SUBJECT + ".this");
        assertThat(monitor.kindName()).isEqualTo("synchronized");
        // add, wide, 3 x fail, recover (and the fail inside it, reentrant), countDown, 2 x choose, nested
        assertThat(monitor.acquisitions() - monitor.reentrant()).isEqualTo(10);
        assertThat(monitor.reentrant()).isEqualTo(1);
        assertThat(lock(snapshot, SUBJECT + ".class").acquisitions()).isEqualTo(1);
        assertThat(snapshot.counters().unmatchedReleases()).isZero();
        // After the exceptional exits the monitor was no longer held: only nested() orders it before a lock.
        int innerId = lock(snapshot, SUBJECT + ".inner").id();
        int afterId = lock(snapshot, SUBJECT + ".after").id();
        assertThat(snapshot.edges()).anyMatch(e -> e.fromId() == monitor.id() && e.toId() == innerId);
        assertThat(snapshot.edges()).noneMatch(e -> e.toId() == afterId);
        assertThat(snapshot.edges()).allMatch(e -> e.fromId() == monitor.id() && e.toId() == innerId);
    }

    private static Snapshot.LockStats lock(Snapshot snapshot, String label) {
        return snapshot.locks().stream().filter(l -> label.equals(l.label())).findFirst()
                .orElseThrow(() -> new AssertionError("no lock " + label + " in " + snapshot.locks()));
    }
}
