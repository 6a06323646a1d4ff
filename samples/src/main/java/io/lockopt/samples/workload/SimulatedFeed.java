package io.lockopt.samples.workload;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.lockopt.samples.RealtimeDataManager;

/**
 * A seeded random-walk price feed that paces itself to a tick rate. Event timestamps advance by
 * exactly {@code 1 s / rate} per tick from the wall-clock start, so bars close on schedule and a
 * run with the same seed produces the same ticks.
 */
public final class SimulatedFeed implements Runnable {
    /** Per-tick volatility of the log price. */
    private static final double STEP = 0.0002;

    private final RealtimeDataManager manager;
    private final long ticksPerSecond;
    private final SplittableRandom random;
    private final BooleanSupplier running;
    private volatile long emitted;

    public SimulatedFeed(RealtimeDataManager manager, long ticksPerSecond, long seed, BooleanSupplier running) {
        this.manager = manager;
        this.ticksPerSecond = ticksPerSecond;
        this.random = new SplittableRandom(seed);
        this.running = running;
    }

    public long emitted() {
        return emitted;
    }

    @Override
    public void run() {
        if (ticksPerSecond == 0) {
            return;
        }
        long epochStart = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        long start = System.nanoTime();
        double nanosPerTick = 1e9 / ticksPerSecond;
        double price = 100.0;
        long count = 0;
        while (running.getAsBoolean()) {
            long due = (long) ((System.nanoTime() - start) / nanosPerTick);
            if (count >= due) {
                LockSupport.parkNanos(Math.min(1_000_000L, (long) ((count + 1) * nanosPerTick) - (System.nanoTime() - start)));
                continue;
            }
            while (count < due && running.getAsBoolean()) {
                price *= Math.exp(STEP * random.nextGaussian());
                long size = 1 + random.nextInt(100);
                manager.onTick(price, size, epochStart + (long) (count * nanosPerTick));
                count++;
                emitted = count;
            }
        }
    }
}
