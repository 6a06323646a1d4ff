package io.lockopt.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.lockopt.agent.wire.Snapshot;
import io.lockopt.graphs.Digraphs;

/**
 * The runtime lock-order graph (lockdep style) and its cycles: the strongly connected
 * components, then one shortest cycle through the smallest lock of each component of two or more
 * locks, in the order of their smallest lock ({@link Digraphs}, the search the analyzer's
 * lock-order rule uses too). A cycle is a potential deadlock even if the orders were taken at
 * different times and none happened.
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
        for (List<Integer> component : Digraphs.components(graph.keySet(), node -> graph.get(node).keySet())) {
            if (component.size() > 1) {
                cycles.add(shortestCycle(graph, new HashSet<>(component)));
            }
        }
        cycles.sort(Comparator.comparingInt(c -> c.edges().get(0).fromId()));
        return new ProfileReport.LockOrder(edges, cycles);
    }

    /** The shortest cycle from the component's smallest id back to itself, as its edges. */
    private static ProfileReport.Cycle shortestCycle(Map<Integer, Map<Integer, ProfileReport.Edge>> graph,
            Set<Integer> component) {
        int start = component.stream().min(Integer::compare).orElseThrow();
        List<Integer> nodes = Digraphs.shortestCycle(start, component, node -> graph.get(node).keySet(), 1,
                Integer.MAX_VALUE);
        List<ProfileReport.Edge> path = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            path.add(graph.get(nodes.get(i)).get(nodes.get((i + 1) % nodes.size())));
        }
        List<String> locks = path.stream().map(ProfileReport.Edge::from).toList();
        return new ProfileReport.Cycle(locks, path);
    }

    private static String label(Map<Integer, String> labels, int id) {
        return labels.getOrDefault(id, "lock #" + id);
    }
}
