package io.lockopt.analyzer.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import com.github.javaparser.Position;
import com.github.javaparser.Range;
import com.github.javaparser.ast.DataKey;
import com.github.javaparser.ast.Node;

/**
 * A syntax node of one {@link SourceFile}, found again after the file's tree was let go and parsed
 * anew: what lasting lock facts hold instead of the node itself, so that the project-wide pass
 * keeps compact facts, not every tree (issue 11's memory bound).
 *
 * <p>A reference names its node by the node's class and range, and by how many enclosing nodes
 * share both (a lambda's expression body and its statement wrapper differ in class; equal class
 * and range nest). Parsing the same text again gives the same tree, so the name finds the node's
 * twin. While the file is {@linkplain SourceFile#release() pinned} (its scan), {@link #get} returns
 * the node it was made from; afterwards it asks the file, which parses again when the garbage
 * collector took the tree. Two references are equal when they name the same node of the same file.
 *
 * <p>A node that is no part of the file's tree (made by the extractor, or of another file) is held
 * directly: it has no twin to find.
 *
 * <p>Design notes: {@code pinned} is written by the thread that scans the file (made, then cleared by
 * {@link SourceFile#release()}) and read by rule threads later; the engine's hand-over of the scanned
 * files through its executor orders the two, and the field is volatile so that a reader never sees a
 * cleared reference as anything but cleared.
 */
public final class NodeRef<T extends Node> {
    private final SourceFile file;
    private final Class<? extends Node> type;
    private final int beginLine;
    private final int beginColumn;
    private final int endLine;
    private final int endColumn;
    private final int nesting;
    private volatile T pinned;

    private NodeRef(SourceFile file, T node, Range range, int nesting) {
        this.file = file;
        this.type = node.getClass();
        this.beginLine = range == null ? 0 : range.begin.line;
        this.beginColumn = range == null ? 0 : range.begin.column;
        this.endLine = range == null ? 0 : range.end.line;
        this.endColumn = range == null ? 0 : range.end.column;
        this.nesting = nesting;
        this.pinned = node;
    }

    /** A reference to {@code node} of {@code unit}'s tree in {@code file}; null for null. */
    static <T extends Node> NodeRef<T> to(SourceFile file, Node unit, T node) {
        if (node == null) {
            return null;
        }
        Range range = node.getRange().orElse(null);
        if (file == null || range == null || !hangsFrom(node, unit)) {
            return new NodeRef<>(null, node, null, 0);
        }
        int nesting = 0;
        // An enclosing node's range contains its children's: once one is larger, so are all above it
        // (a walk to the root for every reference is quadratic in a chain of nested else-ifs).
        for (Node n = node.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
            Range enclosing = n.getRange().orElse(null);
            if (enclosing != null && !enclosing.equals(range)) {
                break;
            }
            if (n.getClass() == node.getClass() && range.equals(enclosing)) {
                nesting++;
            }
        }
        return new NodeRef<>(file, node, range, nesting);
    }

    /** Ancestors walked before {@link #hangsFrom} remembers what it found. */
    private static final int SHALLOW = 256;

    /** The nodes more than {@link #SHALLOW} levels down known to hang from a tree's root, kept on the root. */
    private static final DataKey<Set<Node>> DEEP_MEMBERS = new DataKey<>() {
    };

    /**
     * {@code node} is part of {@code unit}'s tree. A walk to the root for every reference is quadratic
     * in a chain of thousands of nested else-ifs, so past {@link #SHALLOW} levels the nodes found on
     * the way to the root are remembered on it, and a later walk stops at the first of them.
     */
    private static boolean hangsFrom(Node node, Node unit) {
        Node n = node;
        for (int steps = 0; steps < SHALLOW; steps++) {
            Node parent = n.getParentNode().orElse(null);
            if (parent == null) {
                return n == unit;
            }
            n = parent;
        }
        synchronized (unit) { // rule threads make references in one tree at once; JavaParser's data map is not thread-safe
            Set<Node> known = unit.containsData(DEEP_MEMBERS) ? unit.getData(DEEP_MEMBERS) : null;
            List<Node> walked = new ArrayList<>();
            for (Node m = n; ; m = m.getParentNode().orElse(null)) {
                if (m == null || known != null && known.contains(m)) {
                    if (m == null && walked.get(walked.size() - 1) != unit) {
                        return false;
                    }
                    if (known == null) {
                        known = Collections.newSetFromMap(new IdentityHashMap<>());
                        unit.setData(DEEP_MEMBERS, known);
                    }
                    known.addAll(walked);
                    return true;
                }
                walked.add(m);
            }
        }
    }

    /** A reference that holds {@code node} itself (null for null): for a node of no file's tree. */
    public static <T extends Node> NodeRef<T> direct(T node) {
        return node == null ? null : new NodeRef<>(null, node, null, 0);
    }

    /** The node, in the file's current tree. */
    public T get() {
        T node = pinned;
        if (node != null) {
            return node;
        }
        @SuppressWarnings("unchecked")
        T found = (T) file.resolve(this);
        return found;
    }

    /** The file the node is in; null for a node held directly. */
    public SourceFile file() {
        return file;
    }

    /** The 1-based line the node starts on (0 when it has no position). */
    public int line() {
        return file == null ? pinned.getBegin().map(p -> p.line).orElse(0) : beginLine;
    }

    /** Lets go of the node itself: from now on it is found in the file's current tree. */
    void unpin() {
        if (file != null) {
            pinned = null;
        }
    }

    /**
     * The node this reference names in {@code unit}, or null when that tree has none; {@link #TOO_DEEP}
     * when it lies too deep, where a walk from the root for every
     * reference is quadratic (a generated chain of thousands of nested {@code else if}s): the file
     * then finds it by its {@link #place()} instead. {@code maxNodes} bounds the nodes the walk visits
     * (about the depth: it steps only into a child that contains the node).
     */
    Object findIn(Node unit, int maxNodes) {
        int[] left = {nesting, maxNodes};
        Node found = find(unit, left);
        return found == null && left[1] < 0 ? TOO_DEEP : found;
    }

    /** {@link #findIn}'s answer for a node deeper than it looks. */
    static final Object TOO_DEEP = new Object();

    /** What names the node in any parse of the file: its class and range; see {@link #nesting()}. */
    Place place() {
        return new Place(type, beginLine, beginColumn, endLine, endColumn);
    }

    /** How many enclosing nodes have the node's {@link #place()}: its index among them, outermost first. */
    int nesting() {
        return nesting;
    }

    /** A node's class and range: equal for a node and its twin in another parse of the same text. */
    record Place(Class<? extends Node> type, int beginLine, int beginColumn, int endLine, int endColumn) {
        /** The place of {@code node}, null when it has no range. */
        static Place of(Node node) {
            Range r = node.getRange().orElse(null);
            return r == null ? null : new Place(node.getClass(), r.begin.line, r.begin.column, r.end.line, r.end.column);
        }
    }

    /** {@code left}: matches still to pass on the way down, then the nodes the walk may still visit. */
    private Node find(Node node, int[] left) {
        if (--left[1] < 0) {
            return null;
        }
        if (node.getClass() == type && hasRange(node)) {
            if (left[0] == 0) {
                return node;
            }
            left[0]--;
        }
        List<Node> children = node.getChildNodes();
        if (children.size() > MANY_CHILDREN) {
            // A class with thousands of members: search its children by position, not one by one.
            Node[] byBegin = byBegin(node);
            int at = lastBeginningAtOrBefore(byBegin);
            for (int i = at; i >= 0 && i >= at - 2; i--) {
                if (contains(byBegin[i])) {
                    return find(byBegin[i], left);
                }
            }
            return null;
        }
        for (Node child : children) {
            if (contains(child)) {
                Node found = find(child, left);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static final int MANY_CHILDREN = 32;

    /** The children of {@code node} that have a range, by where they begin; made once per node. */
    private static final DataKey<Node[]> BY_BEGIN = new DataKey<>() {
    };

    private static Node[] byBegin(Node node) {
        synchronized (node) { // rule threads resolve in one tree at once; JavaParser's data map is not thread-safe
            if (node.containsData(BY_BEGIN)) {
                return node.getData(BY_BEGIN);
            }
            Node[] sorted = node.getChildNodes().stream().filter(c -> c.getRange().isPresent())
                    .sorted(Comparator.comparing((Node c) -> c.getRange().get().begin)).toArray(Node[]::new);
            node.setData(BY_BEGIN, sorted);
            return sorted;
        }
    }

    /** The index of the last of {@code sorted} that begins at or before this node; -1 if none. */
    private int lastBeginningAtOrBefore(Node[] sorted) {
        Position begin = new Position(beginLine, beginColumn);
        int low = 0;
        int high = sorted.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (!sorted[mid].getRange().get().begin.isAfter(begin)) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    private boolean hasRange(Node node) {
        Range r = node.getRange().orElse(null);
        return r != null && r.begin.line == beginLine && r.begin.column == beginColumn && r.end.line == endLine
                && r.end.column == endColumn;
    }

    private boolean contains(Node node) {
        Range r = node.getRange().orElse(null);
        if (r == null) {
            return false;
        }
        boolean startsBefore = r.begin.line < beginLine || r.begin.line == beginLine && r.begin.column <= beginColumn;
        boolean endsAfter = r.end.line > endLine || r.end.line == endLine && r.end.column >= endColumn;
        return startsBefore && endsAfter;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NodeRef<?> other)) {
            return false;
        }
        if (file == null || other.file == null) {
            return file == other.file && pinned == other.pinned;
        }
        return file == other.file && type == other.type && beginLine == other.beginLine
                && beginColumn == other.beginColumn && endLine == other.endLine && endColumn == other.endColumn
                && nesting == other.nesting;
    }

    @Override
    public int hashCode() {
        if (file == null) {
            return System.identityHashCode(pinned);
        }
        int h = System.identityHashCode(file);
        h = 31 * h + type.hashCode();
        h = 31 * h + beginLine;
        h = 31 * h + beginColumn;
        h = 31 * h + endLine;
        h = 31 * h + endColumn;
        return 31 * h + nesting;
    }

    @Override
    public String toString() {
        return type.getSimpleName() + "@" + (file == null ? "?" : file.path()) + ":" + beginLine + ":" + beginColumn;
    }
}
