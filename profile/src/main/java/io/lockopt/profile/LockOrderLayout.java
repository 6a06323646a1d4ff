package io.lockopt.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each lock of the lock-order graph goes in the HTML report: layered by lock order, so the
 * graph reads left to right as locks are taken. A lock is in the column after the longest chain
 * of locks taken before it; the edges that close a cycle (a cycle's edge back to the lock of
 * the cycle first seen, and in any cycle left, the edge where a depth-first walk closes it) are
 * left out of that ordering and drawn back, so a cycle still gets its columns. Within a column, locks are stacked one row each, ordered by the mean
 * row of their neighbours in the columns before and after (a few barycentre sweeps), which keeps
 * most edges short and uncrossed. A column is wide enough for a label of {@link #LABEL_CHARS}
 * characters, a row tall enough for one line, so no two labels overlap whatever the number of
 * locks (30 make a few columns of a few rows, the page scrolls past that).
 */
final class LockOrderLayout {
    /** Labels longer than this are shown by their tail (the class and field), whole in the tooltip. */
    static final int LABEL_CHARS = 48;
    /** Pixels per character of the 12 px sans-serif label, rounded up. */
    static final double CHAR_WIDTH = 7.0;
    static final int LABEL_OFFSET = 12;
    static final int COLUMN_WIDTH = (int) (LABEL_OFFSET + LABEL_CHARS * CHAR_WIDTH + 70);
    static final int ROW_HEIGHT = 28;
    static final int MARGIN = 40;
    private static final int SWEEPS = 4;

    /** A lock's place: its column (layer) and row, and the centre of its dot. */
    record Place(int id, String label, int layer, int row, double x, double y) {
        /** Where the label's text ends, for edges to start after it. */
        double labelEnd() {
            return x + LABEL_OFFSET + ReportHtml.tail(label, LABEL_CHARS).length() * CHAR_WIDTH;
        }
    }

    private final Map<Integer, Place> places;
    private final Set<List<Integer>> backEdges;
    private final int width;
    private final int height;

    private LockOrderLayout(Map<Integer, Place> places, Set<List<Integer>> backEdges, int width, int height) {
        this.places = places;
        this.backEdges = backEdges;
        this.width = width;
        this.height = height;
    }

    Map<Integer, Place> places() {
        return places;
    }

    /** Whether the edge goes against the layering: it closes a cycle (or joins two locks of one column). */
    boolean drawnBack(ProfileReport.Edge edge) {
        return backEdges.contains(List.of(edge.fromId(), edge.toId()));
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    static LockOrderLayout of(ProfileReport.LockOrder order) {
        Map<Integer, String> labels = new LinkedHashMap<>();
        Map<Integer, List<Integer>> out = new LinkedHashMap<>();
        // A cycle's edge to a lock seen earlier (a lower id) closes it: drawn back, so the cycle reads
        // in the order its locks were first taken.
        Set<List<Integer>> back = new HashSet<>();
        for (ProfileReport.Cycle cycle : order.cycles()) {
            for (ProfileReport.Edge edge : cycle.edges()) {
                if (edge.toId() <= edge.fromId()) {
                    back.add(List.of(edge.fromId(), edge.toId()));
                }
            }
        }
        for (ProfileReport.Edge edge : order.edges()) {
            labels.putIfAbsent(edge.fromId(), edge.from());
            labels.putIfAbsent(edge.toId(), edge.to());
            if (!back.contains(List.of(edge.fromId(), edge.toId()))) {
                out.computeIfAbsent(edge.fromId(), id -> new ArrayList<>()).add(edge.toId());
            }
        }
        // Any cycle left (one the report does not list) is broken where a depth-first walk closes it.
        back.addAll(backEdges(labels.keySet(), out));

        // Longest chain before each lock, over the edges that go forward.
        Map<Integer, List<Integer>> forward = new HashMap<>();
        Map<Integer, List<Integer>> backward = new HashMap<>();
        Map<Integer, Integer> pending = new HashMap<>();
        for (Integer id : labels.keySet()) {
            pending.put(id, 0);
        }
        for (Map.Entry<Integer, List<Integer>> from : out.entrySet()) {
            for (Integer to : from.getValue()) {
                if (!from.getKey().equals(to) && !back.contains(List.of(from.getKey(), to))) {
                    forward.computeIfAbsent(from.getKey(), id -> new ArrayList<>()).add(to);
                    backward.computeIfAbsent(to, id -> new ArrayList<>()).add(from.getKey());
                    pending.merge(to, 1, Integer::sum);
                }
            }
        }
        Map<Integer, Integer> layer = new HashMap<>();
        List<Integer> ready = new ArrayList<>();
        labels.keySet().stream().filter(id -> pending.get(id) == 0).forEach(ready::add);
        for (int i = 0; i < ready.size(); i++) {
            Integer id = ready.get(i);
            layer.putIfAbsent(id, 0);
            for (Integer to : forward.getOrDefault(id, List.of())) {
                layer.merge(to, layer.get(id) + 1, Math::max);
                if (pending.merge(to, -1, Integer::sum) == 0) {
                    ready.add(to);
                }
            }
        }

        int layers = layer.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<List<Integer>> columns = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            columns.add(new ArrayList<>());
        }
        for (Integer id : labels.keySet()) {
            columns.get(layer.get(id)).add(id);
        }
        Map<Integer, Double> row = new HashMap<>();
        numberRows(columns, row);
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            boolean down = sweep % 2 == 0;
            for (int c = down ? 1 : layers - 2; down ? c < layers : c >= 0; c += down ? 1 : -1) {
                Map<Integer, List<Integer>> neighbours = down ? backward : forward;
                Map<Integer, Double> key = new HashMap<>();
                for (Integer id : columns.get(c)) {
                    key.put(id, neighbours.getOrDefault(id, List.of()).stream().mapToDouble(row::get).average()
                            .orElse(row.get(id)));
                }
                columns.get(c).sort(Comparator.comparingDouble(key::get));
                numberRows(columns, row);
            }
        }

        Map<Integer, Place> places = new LinkedHashMap<>();
        int rows = 0;
        for (int c = 0; c < layers; c++) {
            List<Integer> column = columns.get(c);
            rows = Math.max(rows, column.size());
            for (int r = 0; r < column.size(); r++) {
                Integer id = column.get(r);
                places.put(id, new Place(id, labels.get(id), c, r, MARGIN + c * (double) COLUMN_WIDTH,
                        MARGIN + r * (double) ROW_HEIGHT));
            }
        }
        return new LockOrderLayout(places, back, 2 * MARGIN + layers * COLUMN_WIDTH,
                2 * MARGIN + Math.max(0, rows - 1) * ROW_HEIGHT);
    }

    private static void numberRows(List<List<Integer>> columns, Map<Integer, Double> row) {
        for (List<Integer> column : columns) {
            for (int r = 0; r < column.size(); r++) {
                row.put(column.get(r), (double) r);
            }
        }
    }

    /** Edges that close a cycle in a depth-first walk from the locks in first-seen order (self-edges too). */
    private static Set<List<Integer>> backEdges(Set<Integer> ids, Map<Integer, List<Integer>> out) {
        Set<List<Integer>> back = new HashSet<>();
        Set<Integer> done = new HashSet<>();
        Set<Integer> onPath = new HashSet<>();
        for (Integer start : ids) {
            if (done.contains(start)) {
                continue;
            }
            // Iterative walk: a frame is a lock and the index of its next edge to follow.
            List<int[]> path = new ArrayList<>();
            path.add(new int[] {start, 0});
            onPath.add(start);
            while (!path.isEmpty()) {
                int[] frame = path.get(path.size() - 1);
                List<Integer> next = out.getOrDefault(frame[0], List.of());
                if (frame[1] == next.size()) {
                    path.remove(path.size() - 1);
                    onPath.remove(frame[0]);
                    done.add(frame[0]);
                    continue;
                }
                Integer to = next.get(frame[1]++);
                if (onPath.contains(to)) {
                    back.add(List.of(frame[0], to));
                } else if (!done.contains(to)) {
                    path.add(new int[] {to, 0});
                    onPath.add(to);
                }
            }
        }
        return back;
    }
}
