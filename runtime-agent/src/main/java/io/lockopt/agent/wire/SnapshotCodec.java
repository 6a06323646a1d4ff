package io.lockopt.agent.wire;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

/**
 * The binary wire format of {@link Snapshot}: big-endian {@link DataOutputStream} fields,
 * histograms in HdrHistogram's own compressed encoding (so the client decodes them with the
 * same library, whatever package the agent relocated it to). A magic number and a version
 * come first; a reader rejects anything else rather than guess.
 */
public final class SnapshotCodec {
    static final int MAGIC = 0x4C4B4F50; // "LKOP"
    static final int VERSION = 3;
    private static final int MAX_STRING = 16_000;

    private SnapshotCodec() {
    }

    public static void write(Snapshot snapshot, OutputStream sink) throws IOException {
        DataOutputStream out = new DataOutputStream(sink);
        out.writeInt(MAGIC);
        out.writeShort(VERSION);
        writeString(out, snapshot.secret());
        out.writeLong(snapshot.sequence());
        out.writeBoolean(snapshot.last());
        writeString(out, snapshot.endReason());
        out.writeLong(snapshot.startedAtEpochMillis());
        out.writeLong(snapshot.capturedAtEpochMillis());
        out.writeLong(snapshot.elapsedNanos());
        Snapshot.Counters counters = snapshot.counters();
        out.writeInt(counters.classesInstrumented());
        out.writeInt(counters.sites());
        out.writeLong(counters.untrackedLocks());
        out.writeLong(counters.unmatchedReleases());
        out.writeLong(counters.recorderErrors());
        out.writeLong(counters.transformErrors());
        writeString(out, counters.synchronizedMethodWaits());
        out.writeLong(counters.synchronizedMethodWaitsFromNanos());

        out.writeInt(snapshot.sites().size());
        for (Snapshot.SiteStats site : snapshot.sites()) {
            out.writeInt(site.id());
            writeString(out, site.className());
            writeString(out, site.methodName());
            out.writeInt(site.line());
            writeString(out, site.label());
            writeString(out, site.operation());
            out.writeBoolean(site.opensSection());
            out.writeBoolean(site.sectionEscapes());
            out.writeBoolean(site.sectionWrites());
            writeString(out, site.writeEvidence());
            writeTally(out, site.holds());
            writeTally(out, site.waits());
        }

        out.writeInt(snapshot.locks().size());
        for (Snapshot.LockStats lock : snapshot.locks()) {
            out.writeInt(lock.id());
            out.writeInt(lock.ownerId());
            out.writeByte(lock.kind().ordinal());
            out.writeByte(lock.mode().ordinal());
            writeString(out, lock.className());
            out.writeInt(lock.identityHash());
            writeString(out, lock.label());
            writeString(out, lock.labelSource());
            out.writeLong(lock.acquisitions());
            out.writeLong(lock.contended());
            out.writeLong(lock.reads());
            out.writeLong(lock.writes());
            out.writeLong(lock.reentrant());
            out.writeLong(lock.tryFailures());
            out.writeLong(lock.holdNanos());
            out.writeLong(lock.waitNanos());
            writeHistogram(out, lock.holds());
            writeHistogram(out, lock.waits());
            out.writeInt(lock.waitSites().size());
            for (Snapshot.SiteWait wait : lock.waitSites()) {
                out.writeInt(wait.siteId());
                writeTally(out, wait.waits());
            }
            writeThreadWaits(out, lock.waitThreads());
            out.writeInt(lock.holdSites().size());
            for (Snapshot.SiteHold hold : lock.holdSites()) {
                out.writeInt(hold.siteId());
                writeTally(out, hold.holds());
            }
            writeThreadWaits(out, lock.waitHolders());
            out.writeInt(lock.retiredInstances());
        }

        out.writeInt(snapshot.edges().size());
        for (Snapshot.EdgeStats edge : snapshot.edges()) {
            out.writeInt(edge.fromId());
            out.writeInt(edge.toId());
            out.writeLong(edge.count());
            out.writeInt(edge.siteId());
            writeString(out, edge.thread());
        }
        out.flush();
    }

    public static Snapshot read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(source);
        if (in.readInt() != MAGIC) {
            throw new IOException("not a lockopt snapshot");
        }
        int version = in.readUnsignedShort();
        if (version != VERSION) {
            throw new IOException("unsupported snapshot version " + version + " (this lockopt reads " + VERSION + ")");
        }
        String secret = readString(in);
        long sequence = in.readLong();
        boolean last = in.readBoolean();
        String endReason = readString(in);
        long started = in.readLong();
        long captured = in.readLong();
        long elapsed = in.readLong();
        Snapshot.Counters counters = new Snapshot.Counters(in.readInt(), in.readInt(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), readString(in), in.readLong());

        int siteCount = checkedCount(in.readInt());
        List<Snapshot.SiteStats> sites = new ArrayList<>(siteCount);
        for (int i = 0; i < siteCount; i++) {
            sites.add(new Snapshot.SiteStats(in.readInt(), readString(in), readString(in), in.readInt(),
                    readString(in), readString(in), in.readBoolean(), in.readBoolean(), in.readBoolean(), readString(in),
                    readTally(in), readTally(in)));
        }

        int lockCount = checkedCount(in.readInt());
        List<Snapshot.LockStats> locks = new ArrayList<>(lockCount);
        for (int i = 0; i < lockCount; i++) {
            int id = in.readInt();
            int ownerId = in.readInt();
            LockKind kind = enumAt(LockKind.values(), in.readByte());
            LockMode mode = enumAt(LockMode.values(), in.readByte());
            String className = readString(in);
            int identityHash = in.readInt();
            String label = readString(in);
            String labelSource = readString(in);
            long acquisitions = in.readLong();
            long contended = in.readLong();
            long reads = in.readLong();
            long writes = in.readLong();
            long reentrant = in.readLong();
            long tryFailures = in.readLong();
            long holdNanos = in.readLong();
            long waitNanos = in.readLong();
            Histogram holds = readHistogram(in);
            Histogram waits = readHistogram(in);
            int waitSiteCount = checkedCount(in.readInt());
            List<Snapshot.SiteWait> waitSites = new ArrayList<>(waitSiteCount);
            for (int j = 0; j < waitSiteCount; j++) {
                waitSites.add(new Snapshot.SiteWait(in.readInt(), readTally(in)));
            }
            List<Snapshot.ThreadWait> waitThreads = readThreadWaits(in);
            int holdSiteCount = checkedCount(in.readInt());
            List<Snapshot.SiteHold> holdSites = new ArrayList<>(holdSiteCount);
            for (int j = 0; j < holdSiteCount; j++) {
                holdSites.add(new Snapshot.SiteHold(in.readInt(), readTally(in)));
            }
            List<Snapshot.ThreadWait> waitHolders = readThreadWaits(in);
            int retiredInstances = in.readInt();
            locks.add(new Snapshot.LockStats(id, ownerId, kind, mode, className, identityHash, label, labelSource,
                    acquisitions, contended, reads, writes, reentrant, tryFailures, holdNanos, waitNanos, holds, waits, waitSites,
                    waitThreads, holdSites, waitHolders, retiredInstances));
        }

        int edgeCount = checkedCount(in.readInt());
        List<Snapshot.EdgeStats> edges = new ArrayList<>(edgeCount);
        for (int i = 0; i < edgeCount; i++) {
            edges.add(new Snapshot.EdgeStats(in.readInt(), in.readInt(), in.readLong(), in.readInt(), readString(in)));
        }
        return new Snapshot(secret, sequence, last, endReason, started, captured, elapsed, counters, sites, locks,
                edges);
    }

    private static int checkedCount(int count) throws IOException {
        if (count < 0 || count > 10_000_000) {
            throw new IOException("corrupt snapshot: count " + count);
        }
        return count;
    }

    private static void writeTally(DataOutputStream out, Snapshot.Tally tally) throws IOException {
        out.writeLong(tally.count());
        out.writeLong(tally.totalNanos());
        out.writeLong(tally.maxNanos());
    }

    private static void writeThreadWaits(DataOutputStream out, List<Snapshot.ThreadWait> waits) throws IOException {
        out.writeInt(waits.size());
        for (Snapshot.ThreadWait wait : waits) {
            writeString(out, wait.thread());
            writeTally(out, wait.waits());
            out.writeInt(wait.waitSiteId());
            writeString(out, wait.heldAt());
            out.writeInt(wait.holderStack().size());
            for (String frame : wait.holderStack()) {
                writeString(out, frame);
            }
        }
    }

    private static List<Snapshot.ThreadWait> readThreadWaits(DataInputStream in) throws IOException {
        int count = checkedCount(in.readInt());
        List<Snapshot.ThreadWait> waits = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            String thread = readString(in);
            Snapshot.Tally tally = readTally(in);
            int waitSiteId = in.readInt();
            String heldAt = readString(in);
            int frames = checkedCount(in.readInt());
            List<String> stack = new ArrayList<>(frames);
            for (int f = 0; f < frames; f++) {
                stack.add(readString(in));
            }
            waits.add(new Snapshot.ThreadWait(thread, tally, waitSiteId, heldAt, stack));
        }
        return waits;
    }

    private static Snapshot.Tally readTally(DataInputStream in) throws IOException {
        return new Snapshot.Tally(in.readLong(), in.readLong(), in.readLong());
    }

    private static void writeHistogram(DataOutputStream out, Histogram histogram) throws IOException {
        byte[] bytes = histogramBytes(histogram);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static Histogram readHistogram(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 64 * 1024 * 1024) {
            throw new IOException("corrupt snapshot: histogram of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return histogramOf(bytes);
    }

    /** HdrHistogram's compressed encoding of {@code histogram}; empty for null or an empty histogram. */
    public static byte[] histogramBytes(Histogram histogram) {
        if (histogram == null || histogram.getTotalCount() == 0) {
            return new byte[0];
        }
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return java.util.Arrays.copyOf(buffer.array(), length);
    }

    /** The histogram {@link #histogramBytes} encoded; null for no bytes. */
    public static Histogram histogramOf(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IOException("corrupt histogram", e);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value.length() > MAX_STRING ? value.substring(0, MAX_STRING) : value);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** The constant at {@code ordinal}; a byte out of range is a corrupt snapshot. */
    private static <E extends Enum<E>> E enumAt(E[] values, int ordinal) throws IOException {
        if (ordinal < 0 || ordinal >= values.length) {
            throw new IOException("corrupt snapshot: no " + values[0].getDeclaringClass().getSimpleName() + " #" + ordinal);
        }
        return values[ordinal];
    }
}
