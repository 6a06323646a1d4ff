package io.lockopt.samples;

/**
 * Told about every closed bar. Called on the feed thread after the manager released its
 * locks (an open call), so a listener may call back into the manager.
 */
@FunctionalInterface
public interface BarListener {
    void onBarClosed(Bar bar);
}
