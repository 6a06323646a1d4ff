package io.lockopt.locks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model-checks {@link RingBuffer} against a sequential deque under both overflow policies:
 * every interleaving Lincheck explores must be linearizable, and {@code recent} must never
 * return a torn, duplicated or out-of-order list, whether it returns a list or copies into the
 * caller's array. A capacity of 2 makes producers lap the ring within a handful of operations,
 * so the readers' range validation (claim counter read before and after the copy) and the
 * producers' slot CAS after the {@code getAndIncrement} claim are exercised against each other.
 */
class RingBufferLincheckTest {

    private static final int CAPACITY = 2;

    private static ModelCheckingOptions options() {
        return ModelChecking.options()
                .iterations(10)
                .invocationsPerIteration(200)
                .threads(3)
                .actorsPerThread(3);
    }

    // Two plain test methods, not @Nested classes: with only nested classes Surefire reports this
    // class itself as "Tests run: 0" (the scenarios ran, under RingBufferLincheckTest$Overwrite
    // and $Reject), which read as if Lincheck had been skipped on Java 25.
    @Test
    void overwriteIsLinearizable() {
        options().sequentialSpecification(OverwriteSpec.class).check(OverwriteOperations.class);
    }

    @Test
    void rejectIsLinearizable() {
        options().sequentialSpecification(RejectSpec.class).check(RejectOperations.class);
    }

    @Param(name = "element", gen = IntGen.class, conf = "1:4")
    @Param(name = "n", gen = IntGen.class, conf = "0:3")
    public abstract static class Operations {
        private final RingBuffer<Integer> ring;

        Operations(OverflowPolicy policy) {
            this.ring = new RingBuffer<>(CAPACITY, policy);
        }

        @Operation
        public boolean append(@Param(name = "element") int element) {
            return ring.append(element);
        }

        @Operation
        public List<Integer> recent(@Param(name = "n") int n) {
            return ring.recent(n);
        }

        /** The allocation-free snapshot, into an array larger than the ring (sentinels must stay). */
        @Operation
        public List<Integer> recentInto(@Param(name = "n") int n) {
            Integer[] dst = {-1, -1, -1, -1};
            int copied = ring.recent(n, dst);
            for (int i = copied; i < dst.length; i++) {
                if (dst[i] != -1) {
                    throw new IllegalStateException("wrote past the copied count: " + List.of(dst));
                }
            }
            return List.of(dst).subList(0, copied);
        }

        /** After the run: whatever was appended and not overwritten is what recent shows. */
        @Validate
        public void countersMatchContents() {
            RingBufferStats stats = ring.stats();
            long retained = stats.appended() - stats.overwritten();
            if (retained != ring.recent(CAPACITY).size()) {
                throw new IllegalStateException("counters " + stats + " disagree with " + ring.recent(CAPACITY));
            }
        }
    }

    public static class OverwriteOperations extends Operations {
        public OverwriteOperations() {
            super(OverflowPolicy.OVERWRITE);
        }
    }

    public static class RejectOperations extends Operations {
        public RejectOperations() {
            super(OverflowPolicy.REJECT);
        }
    }

    /** The sequential behaviour both policies are checked against. */
    public abstract static class Spec {
        final Deque<Integer> elements = new ArrayDeque<>();

        public abstract boolean append(int element);

        public List<Integer> recent(int n) {
            List<Integer> all = new ArrayList<>(elements);
            return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
        }

        public List<Integer> recentInto(int n) {
            return recent(n);
        }
    }

    public static class OverwriteSpec extends Spec {
        @Override
        public boolean append(int element) {
            if (elements.size() == CAPACITY) {
                elements.removeFirst();
            }
            elements.addLast(element);
            return true;
        }
    }

    public static class RejectSpec extends Spec {
        @Override
        public boolean append(int element) {
            if (elements.size() == CAPACITY) {
                return false;
            }
            elements.addLast(element);
            return true;
        }
    }
}
