package io.lockopt.agent.wire;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * A lock and the views of it the agent recorded apart (the read and write sides of a read/write
 * lock, linked by {@link Snapshot.LockStats#ownerId}) as one: what a report row, a lock's name
 * ({@link LockNames}) and an always-on MXBean each show. The one place a group's figures are summed:
 * counters added, histograms merged (HdrHistogram's {@code add} into a histogram of the finest
 * precision among the members, so a percentile of the group is a percentile of all its waits,
 * never an average or a maximum of the members' percentiles).
 *
 * <p>The group's id is its head's (the lock itself), or, when the snapshot has only its views,
 * its first view's. The histograms are private copies (null: no member recorded one), so the
 * snapshot's own are never written.
 */
public record LockGroup(int id, Snapshot.LockStats head, List<Snapshot.LockStats> members, long acquisitions,
        long contended, long reads, long writes, long reentrant, long tryFailures, long waitNanos, long holdNanos,
        Histogram waits, Histogram holds) {

    public LockGroup {
        members = List.copyOf(members);
    }

    /** Every group of {@code snapshot}, in the order of their first member. */
    public static List<LockGroup> of(Snapshot snapshot) {
        Map<Integer, List<Snapshot.LockStats>> byKey = new LinkedHashMap<>();
        Map<Integer, Snapshot.LockStats> byId = new HashMap<>();
        for (Snapshot.LockStats lock : snapshot.locks()) {
            byKey.computeIfAbsent(key(lock), k -> new ArrayList<>()).add(lock);
            byId.put(lock.id(), lock);
        }
        List<LockGroup> groups = new ArrayList<>(byKey.size());
        for (Map.Entry<Integer, List<Snapshot.LockStats>> group : byKey.entrySet()) {
            groups.add(sum(byId.get(group.getKey()), group.getValue()));
        }
        return groups;
    }

    /** The group whose id is {@code id} (see {@link #id}); {@code null} when the snapshot has no such lock. */
    public static LockGroup find(Snapshot snapshot, int id) {
        Snapshot.LockStats named = null;
        for (Snapshot.LockStats lock : snapshot.locks()) {
            if (lock.id() == id) {
                named = lock;
            }
        }
        if (named == null) {
            return null;
        }
        int key = key(named);
        Snapshot.LockStats head = null;
        List<Snapshot.LockStats> members = new ArrayList<>();
        for (Snapshot.LockStats lock : snapshot.locks()) {
            if (key(lock) == key) {
                members.add(lock);
            }
            if (lock.id() == key) {
                head = lock;
            }
        }
        return sum(head, members);
    }

    /** The member the group is named after: the head if labelled, else the first labelled member, else the first. */
    public Snapshot.LockStats named() {
        return head != null && head.label() != null ? head
                : members.stream().filter(m -> m.label() != null).findFirst().orElse(members.get(0));
    }

    /** The member that stands for the group's identity, class and kind: the head, else the first member. */
    public Snapshot.LockStats identity() {
        return head != null ? head : members.get(0);
    }

    /** The id of the group {@code lock} belongs to, before a missing head is replaced by a view. */
    private static int key(Snapshot.LockStats lock) {
        return lock.ownerId() >= 0 ? lock.ownerId() : lock.id();
    }

    private static LockGroup sum(Snapshot.LockStats head, List<Snapshot.LockStats> members) {
        long acquisitions = 0;
        long contended = 0;
        long reads = 0;
        long writes = 0;
        long reentrant = 0;
        long tryFailures = 0;
        long waitNanos = 0;
        long holdNanos = 0;
        List<Histogram> waits = new ArrayList<>();
        List<Histogram> holds = new ArrayList<>();
        for (Snapshot.LockStats member : members) {
            acquisitions += member.acquisitions();
            contended += member.contended();
            reads += member.reads();
            writes += member.writes();
            reentrant += member.reentrant();
            tryFailures += member.tryFailures();
            waitNanos += member.waitNanos();
            holdNanos += member.holdNanos();
            if (member.waits() != null) {
                waits.add(member.waits());
            }
            if (member.holds() != null) {
                holds.add(member.holds());
            }
        }
        int id = head != null ? head.id() : members.get(0).id();
        return new LockGroup(id, head, members, acquisitions, contended, reads, writes, reentrant, tryFailures,
                waitNanos, holdNanos, merged(waits), merged(holds));
    }

    /**
     * The histograms added into a copy of the most precise one (the first of those), so none loses
     * resolution by being added into a coarser one; {@code null} for none. The one merge of the
     * report's histograms too (profile merge adds those of several reports).
     */
    public static Histogram merged(List<Histogram> histograms) {
        Histogram finest = null;
        for (Histogram histogram : histograms) {
            if (finest == null
                    || histogram.getNumberOfSignificantValueDigits() > finest.getNumberOfSignificantValueDigits()) {
                finest = histogram;
            }
        }
        if (finest == null) {
            return null;
        }
        Histogram sum = finest.copy();
        sum.setAutoResize(true); // the others may reach beyond the finest one's range
        for (Histogram histogram : histograms) {
            if (histogram != finest) {
                sum.add(histogram);
            }
        }
        return sum;
    }
}
