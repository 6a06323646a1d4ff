package io.lockopt.agent.recorder;

/** Where the waits of {@code synchronized} methods, measured by JFR, are recorded (the session's recorder). */
@FunctionalInterface
public interface MonitorWaitSink {
    /**
     * Thread {@code javaThreadId} waited {@code waitNanos} to enter the synchronized method of site
     * {@code siteId}, held before it by thread {@code holderThreadId} named {@code holderName}
     * (-1 and null when not known).
     */
    void waited(int siteId, long javaThreadId, String threadName, long waitNanos, long holderThreadId,
            String holderName);
}
