package io.lockopt.profile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.lockopt.agent.wire.Snapshot;
import io.lockopt.analyzer.model.Digraphs;

/**
 * The runtime lock-order graph (lockdep style) and its cycles: the strongly connected
 * components ({@link Digraphs}, the same search the analyzer's lock-order rule uses), then one
 * shortest cycle through each component of two or more locks, in the order of their smallest lock. A cycle
 * is a potential deadlock even if the orders were taken at different times and none
 * happened.
 */
final class LockOrderCycles {
    private LockOrderCycles() {
    }

    static ProfileReport.LockOrder analyse(List<Snapshot.EdgeStats> raw, Map<Integer, String> labels,
            Map<Integer, Snapshot.SiteStats> sites) {
        List<ProfileReport.Edge> edges = new ArrayList<>();
        for (Snapshot.EdgeStats e : raw) {
            Snapshot.SiteStats site = sites.get(e.siteId());
            edges.add(new ProfileReport.Edge(e.fromId(), label(labels, e.fromId()), e.toId(),
                    label(labels, e.toId()), e.count(), site == null ? null : site.where(), e.thread()));
        }
        return analyse(edges);
    }

    /** The graph of {@code edges} (lock ids {@code fromId -> toId}) and its cycles. */
    static ProfileReport.LockOrder analyse(List<ProfileReport.Edge> edges) {
        Map<Integer, Map<Integer, ProfileReport.Edge>> graph = new TreeMap<>();
        for (ProfileReport.Edge edge : edges) {
            graph.computeIfAbsent(edge.fromId(), k -> new TreeMap<>()).put(edge.toId(), edge);
            graph.computeIfAbsent(edge.toId(), k -> new TreeMap<>());
        }
        List<ProfileReport.Cycle> cycles = new ArrayList<>();
        // The analyzer's strongly-connected-components search, shared with its own lock-order rule.
        for (List<Integer> component : Digraphs.components(graph.keySet(), node -> graph.get(node).keySet())) {
            if (component.size() > 1) {
                cycles.add(shortestCycle(graph, new HashSet<>(component)));
            }
        }
        cycles.sort(Comparator.comparingInt(c -> c.edges().get(0).fromId()));
        return new ProfileReport.LockOrder(edges, cycles);
    }

    /** Breadth-first from the smallest id back to itself, staying inside the component. */
    private static ProfileReport.Cycle shortestCycle(Map<Integer, Map<Integer, ProfileReport.Edge>> graph,
            Set<Integer> component) {
        int start = component.stream().min(Integer::compare).orElseThrow();
        Map<Integer, ProfileReport.Edge> cameBy = new HashMap<>();
        Deque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        ProfileReport.Edge closing = null;
        while (!queue.isEmpty() && closing == null) {
            int node = queue.poll();
            for (ProfileReport.Edge edge : graph.get(node).values()) {
                if (!component.contains(edge.toId())) {
                    continue;
                }
                if (edge.toId() == start) {
                    closing = edge;
                    break;
                }
                if (!cameBy.containsKey(edge.toId())) {
                    cameBy.put(edge.toId(), edge);
                    queue.add(edge.toId());
                }
            }
        }
        List<ProfileReport.Edge> path = new ArrayList<>();
        for (ProfileReport.Edge edge = closing; edge != null; edge = edge.fromId() == start ? null
                : cameBy.get(edge.fromId())) {
            path.add(0, edge);
        }
        List<String> locks = path.stream().map(ProfileReport.Edge::from).toList();
        return new ProfileReport.Cycle(locks, path);
    }

    private static String label(Map<Integer, String> labels, int id) {
        return labels.getOrDefault(id, "lock #" + id);
    }
}
