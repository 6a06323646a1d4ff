package io.lockopt.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AdviceModelTest {
    private static final long SECOND = 1_000_000_000L;
    private final AdviceModel model = new AdviceModel(Calibrations.shortHoldsFavourOptimistic());

    /** A lock like the demo's: ~1.4 µs of machine time per acquisition on 2 CPUs, 99% reads. */
    private static LockEvidence demoLike(long holdP50, Double readShare, Set<String> rules) {
        return new LockEvidence("com.acme.Market.lock", "ReentrantLock", "com.acme.Market.bars:10", 14_000_000,
                5_000, 10 * SECOND, 2, 15 * SECOND, 50_000_000, 30 * SECOND, holdP50, 5 * holdP50, readShare,
                "read-only sections", rules, false);
    }

    @Test
    void shortReadMostlyHoldsGetAnOptimisticReadWithNumbers() {
        Advice advice = model.advise(demoLike(200, 0.99, Set.of()));

        assertThat(advice.action()).isEqualTo(Advice.Action.OPTIMISTIC_READ_OR_SNAPSHOT);
        assertThat(advice.message()).contains("99% reads").contains("200 ns").contains("too short");
        // At 200 ns and 2 threads: exclusive 517 ns, optimistic 431 ns per operation; 1.43 µs per acquisition.
        assertThat(advice.expectedGain().readers()).isGreaterThan(1.0);
        assertThat(advice.expectedGain().writers()).isEqualTo(1.0);
        assertThat(advice.evidence()).anySatisfy(line -> assertThat(line).contains("14000000 acquisitions"))
                .anySatisfy(line -> assertThat(line).startsWith("calibrated cost at a 200 ns hold and 2 threads"));
    }

    @Test
    void theCalibrationDecidesBetweenReadWriteAndOptimistic() {
        LockEvidence lock = demoLike(30, 0.99, Set.of());

        Advice onThisMachine = model.advise(lock);
        Advice onAnother = new AdviceModel(Calibrations.readWriteAlwaysWins()).advise(lock);

        assertThat(onThisMachine.action()).isEqualTo(Advice.Action.OPTIMISTIC_READ_OR_SNAPSHOT);
        assertThat(onAnother.action()).isEqualTo(Advice.Action.READ_WRITE_LOCK);
        assertThat(onAnother.message()).contains("long enough for readers to overlap");
    }

    @Test
    void aReadWriteLockWithinTheNoiseOfTheOptimisticReadLosesTheTie() {
        // At 2 µs and 2 threads a read/write lock costs 3.0 µs, an optimistic read 3.2 µs, exclusive 4.8 µs.
        Calibration close = new Calibration(Calibration.FORMAT, "m", "now", "test", List.of(
                Calibrations.point(0, 20, 2, 50, 190, 40, 30), Calibrations.point(512, 2_000, 2, 4_800, 3_000, 3_200,
                        7_000)));

        Advice advice = new AdviceModel(close).advise(demoLike(2_000, 0.99, Set.of()));

        assertThat(advice.action()).isEqualTo(Advice.Action.OPTIMISTIC_READ_OR_SNAPSHOT);
        assertThat(advice.message()).contains("a read/write lock costs within 10% of an optimistic read");
    }

    @Test
    void readersThatShareGainAtMostTheCalibratedThreadCount() {
        // 200 µs holds, 100 k acquisitions in 10 s on 2 CPUs: 200 µs of machine time each, while a
        // read/write lock saves 180 µs per operation at that hold (the calibration scaled up).
        LockEvidence serialized = new LockEvidence("com.acme.Slow.lock", "ReentrantLock", null, 100_000, 5_000,
                10 * SECOND, 2, 30 * SECOND, 100_000_000, 2 * SECOND, 200_000, 1_000_000, 0.99, "read-only sections",
                Set.of(), false);

        Advice advice = model.advise(serialized);

        assertThat(advice.action()).isEqualTo(Advice.Action.READ_WRITE_LOCK);
        assertThat(advice.expectedGain().readers()).isEqualTo(2.0);
    }

    @Test
    void longReadMostlyHoldsGetAReadWriteLock() {
        Advice advice = model.advise(demoLike(5_000, 0.95, Set.of("ReadMostlyExclusiveLock")));

        assertThat(advice.action()).isEqualTo(Advice.Action.READ_WRITE_LOCK);
        assertThat(advice.confidence().reason()).contains("the static analysis agrees");
    }

    @Test
    void blockingCallsInsideComeFirst() {
        Advice advice = model.advise(demoLike(200, 0.99, Set.of("BlockingCallUnderLock")));

        assertThat(advice.action()).isEqualTo(Advice.Action.SHORTEN_CRITICAL_SECTION);
        assertThat(advice.message()).contains("BlockingCallUnderLock");
        // 15 s of waits over 2 CPUs x 10 s: 75%, so at most 1 / 0.25.
        assertThat(advice.expectedGain().readers()).isEqualTo(4.0);
    }

    @Test
    void counterOnlySectionsBecomeAtomics() {
        assertThat(model.advise(demoLike(30, null, Set.of("CounterUnderLock"))).action())
                .isEqualTo(Advice.Action.ATOMIC_OR_LONG_ADDER);
    }

    @Test
    void anUncontendedCheapLockIsLeftAlone() {
        LockEvidence quiet = new LockEvidence("com.acme.Q.lock", "ReentrantLock", null, 20_000, 0, 10 * SECOND, 2, 0, 0,
                4_000_000, 200, 1_000, 0.99, "read-only sections", Set.of(), false);

        Advice advice = model.advise(quiet);

        assertThat(advice.action()).isEqualTo(Advice.Action.LEAVE_IT);
        assertThat(advice.expectedGain().readers()).isEqualTo(1.0);
    }

    @Test
    void aHotKeyedLockIsStriped() {
        LockEvidence keyed = new LockEvidence("com.acme.K.locks", "KeyedLocks", null, 1_000_000, 300_000, 10 * SECOND,
                2, 4 * SECOND, 1_000_000, SECOND, 500, 2_000, 0.3, "read/write split", Set.of(), true);

        assertThat(model.advise(keyed).action()).isEqualTo(Advice.Action.STRIPE_BY_KEY);
    }

    @Test
    void aWriteHeavyReadWriteLockBecomesPlain() {
        LockEvidence rw = new LockEvidence("com.acme.W.rw", "ReentrantReadWriteLock", null, 1_000_000, 1_000,
                10 * SECOND, 2, SECOND / 10, 1_000_000, SECOND, 30, 200, 0.2, "read/write split", Set.of(), false);

        Advice advice = model.advise(rw);

        assertThat(advice.action()).isEqualTo(Advice.Action.PLAIN_LOCK);
        assertThat(advice.expectedGain().readers()).isGreaterThan(1.0);
    }

    @Test
    void tooFewAcquisitionsSayNothing() {
        LockEvidence rare = new LockEvidence("com.acme.R.lock", "synchronized", null, 10, 5, SECOND, 2, SECOND, SECOND,
                SECOND, 1_000, 1_000, 1.0, "read-only sections", Set.of(), false);

        Advice advice = model.advise(rare);

        assertThat(advice.action()).isEqualTo(Advice.Action.LEAVE_IT);
        assertThat(advice.confidence().level()).isEqualTo("low");
    }
}
