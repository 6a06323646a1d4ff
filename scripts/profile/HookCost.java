import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.locks.ReentrantLock;

import io.lockopt.agent.bootstrap.LockHooks;
import io.lockopt.agent.recorder.InstrumentedSites;
import io.lockopt.agent.recorder.LockRecorder;

/**
 * What the profiler's hooks add to one uncontended lock/unlock pair: the same compiled loop
 * (a helper-call section, a {@code tryLock}, a tiny critical section, an {@code unlock}, all
 * through {@link LockHooks} as rewritten bytecode calls them) runs in rounds with the recorder
 * attached and detached, alternating, and the thread's CPU time per pair is compared. CPU
 * time, not wall time, so other load on the machine barely moves the figure.
 *
 * Run by scripts/profile-hook-cost.sh: java -cp AGENT_JAR HookCost.java [ROUNDS]
 */
public class HookCost {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final long[] GUARDED = new long[64];
    private static final int PAIRS_PER_ROUND = 2_000_000;

    private static int helperCall;
    private static int acquire;
    private static int release;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        InstrumentedSites sites = new InstrumentedSites();
        helperCall = sites.register("HookCost", null, "read", 1, null, null, "section").id();
        acquire = sites.register("HookCost", null, "lockExclusive", 2, "HookCost.LOCK", "field", "tryLock").id();
        release = sites.register("HookCost", null, "unlockExclusive", 3, "HookCost.LOCK", "field", "unlock").id();
        LockRecorder recorder = new LockRecorder(sites, 1_000);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long checksum = 0;
        for (int warmup = 0; warmup < 20; warmup++) {
            LockHooks.attach(recorder);
            checksum += run();
            LockHooks.detach(recorder);
            checksum += run();
        }
        long plainNanos = 0;
        long hookedNanos = 0;
        for (int round = 0; round < 2 * rounds; round++) {
            boolean attached = round % 2 == 0;
            if (attached) {
                LockHooks.attach(recorder);
            }
            long start = threads.getCurrentThreadCpuTime();
            checksum += run();
            long spent = threads.getCurrentThreadCpuTime() - start;
            if (attached) {
                LockHooks.detach(recorder);
                hookedNanos += spent;
            } else {
                plainNanos += spent;
            }
        }
        double pairs = (double) rounds * PAIRS_PER_ROUND;
        double plain = plainNanos / pairs;
        double hooked = hookedNanos / pairs;
        System.out.printf("JDK %s, %d rounds of %,d lock/unlock pairs each way%s%n",
                Runtime.version(), rounds, PAIRS_PER_ROUND, checksum == 42 ? " " : "");
        System.out.printf("detached %.1f ns/pair, attached %.1f ns/pair: the hooks add %.1f ns (%.2fx)%n",
                plain, hooked, hooked - plain, hooked / plain);
    }

    private static long run() {
        long sum = 0;
        for (int i = 0; i < PAIRS_PER_ROUND; i++) {
            LockHooks.section(helperCall);
            if (!LockHooks.tryLock(LOCK, acquire)) {
                LockHooks.lock(LOCK, acquire);
            }
            sum += GUARDED[i & 63]++;
            LockHooks.unlock(LOCK, release);
        }
        return sum;
    }
}
