package io.lockopt.benchmark.report;

import java.lang.management.ManagementFactory;

/**
 * Where the numbers were measured.
 *
 * @param cpus        processors available to the JVM
 * @param jdk         {@code java.version} and vendor
 * @param jvm         VM name and version
 * @param os          name, version, architecture
 * @param loadAverage one-minute system load average when the run started; negative if unknown
 */
public record Environment(int cpus, String jdk, String jvm, String os, double loadAverage) {

    /** This JVM and machine, now. */
    public static Environment capture() {
        return new Environment(
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
