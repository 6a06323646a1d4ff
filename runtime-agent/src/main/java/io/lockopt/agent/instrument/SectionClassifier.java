package io.lockopt.agent.instrument;

import java.util.ArrayList;
import java.util.List;

import io.lockopt.agent.recorder.InstrumentedSite;

/**
 * The read-only/writing classification of one method's critical sections. The rewriter tells
 * it, in code order, where sections open, where locks are released and where something is
 * written; {@link #classify} decides each section once the whole method is seen.
 *
 * <p>Critical-section heuristic: from an acquiring site to the next release in code order,
 * a field or array store, or a call whose name says it mutates ({@code put}, {@code add},
 * {@code remove}, {@code set...}, ...), marks the section as writing. A section without any
 * is reported as read-only, the evidence for "a read/write lock would let these readers
 * proceed together". It is a heuristic: a call into other code may write unseen.
 */
final class SectionClassifier {
    private static final String[] MUTATING_PREFIXES = {"put", "add", "remove", "set", "clear", "offer", "poll",
        "push", "pop", "compute", "merge", "replace", "update", "write", "increment", "decrement", "insert",
        "delete", "append", "drain", "take", "getAnd", "incrementAnd", "decrementAnd", "addAnd", "compareAnd",
        "retain", "sort", "fill", "shift", "swap", "reset", "store", "publish", "apply"};

    /** Critical sections in code order: acquiring site, where it starts, and the lock's label. */
    private final List<Section> sections = new ArrayList<>();
    /** Code positions of releases (and their labels), and of writes (with what they write). */
    private final List<Marker> releases = new ArrayList<>();
    private final List<Marker> writes = new ArrayList<>();

    void opened(InstrumentedSite site, int position) {
        sections.add(new Section(site, position, site.label()));
    }

    /** A release of the lock labelled {@code label} (null: any lock, e.g. an unlocking helper). */
    void released(String label, int position) {
        releases.add(new Marker(position, label));
    }

    void wrote(String evidence, int position) {
        writes.add(new Marker(position, evidence));
    }

    /**
     * Decides each section. A section runs from its acquisition to the last release of the same
     * lock in code order: that covers early returns inside the section (their release comes first,
     * the rest of the section after it) and javac's copies of finally blocks. A write anywhere in
     * that range marks the section as writing; no release at all means the method returns holding
     * the lock, and the section is left unclassified.
     */
    void classify() {
        for (Section section : sections) {
            int end = -1;
            for (Marker release : releases) {
                if (release.position() > section.start() && sameLock(section.label(), release.text())) {
                    end = Math.max(end, release.position());
                }
            }
            if (end < 0) {
                section.site().markEscapes();
                continue;
            }
            for (Marker write : writes) {
                if (write.position() > section.start() && write.position() < end) {
                    section.site().markWrites(write.text());
                    break;
                }
            }
        }
    }

    /** Whether a call's name says it mutates its receiver. */
    static boolean isMutating(String name) {
        if (name.equals("addSuppressed")) {
            return false; // try-with-resources bookkeeping on a local exception
        }
        for (String prefix : MUTATING_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** {@code Cache} of {@code com/acme/Cache} or {@code com.acme.Cache}: how write evidence names a class. */
    static String simpleName(String name) {
        String dotted = name.replace('/', '.');
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    private static boolean sameLock(String sectionLabel, String releaseLabel) {
        return sectionLabel == null || releaseLabel == null || sectionLabel.equals(releaseLabel);
    }

    /** A critical section opened at {@code site}, at code position {@code start}. */
    private record Section(InstrumentedSite site, int start, String label) {
    }

    /** Something at a code position: a release (text: its label) or a write (text: what it writes). */
    private record Marker(int position, String text) {
    }
}
