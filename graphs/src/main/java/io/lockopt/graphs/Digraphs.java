package io.lockopt.graphs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The graph algorithms of lockopt, over any node type with a successor function: the analyzer's
 * call graph (summaries bottom-up) and lock-order graph (LockOrderInversion), and the profile
 * report's runtime lock-order graph. Both are polynomial, so a tangled lock-order or call graph
 * of a large code base cannot make a scan hang: strongly connected components by Tarjan's
 * algorithm (iterative, so deep graphs cannot overflow the stack) and the shortest cycle through
 * a node (or an edge) by breadth-first search, never an enumeration of simple cycles.
 *
 * <p>Not JGraphT: its strongly-connected-component classes do not promise the order of the
 * components (the analyzer's summaries need callees first), and its cycle finders enumerate
 * simple cycles, which is exponential on exactly the tangled graphs this must survive.
 */
public final class Digraphs {
    private Digraphs() {
    }

    /**
     * The strongly connected components of the graph spanned by {@code nodes}, each in discovery
     * order, the components in reverse topological order (a component comes after every component
     * it reaches). Nodes are compared with {@code equals}.
     */
    public static <T> List<List<T>> components(Collection<T> nodes,
            Function<? super T, ? extends Collection<T>> successors) {
        Map<T, int[]> state = new HashMap<>(); // {index, lowlink, onStack}
        Deque<T> stack = new ArrayDeque<>();
        List<List<T>> out = new ArrayList<>();
        int counter = 0;
        for (T root : nodes) {
            if (state.containsKey(root)) {
                continue;
            }
            Deque<Frame<T>> frames = new ArrayDeque<>();
            state.put(root, new int[] {counter, counter, 1});
            counter++;
            stack.push(root);
            frames.push(new Frame<>(root, List.copyOf(successors.apply(root))));
            while (!frames.isEmpty()) {
                Frame<T> frame = frames.peek();
                if (frame.next < frame.successors.size()) {
                    T next = frame.successors.get(frame.next++);
                    int[] nextState = state.get(next);
                    if (nextState == null) {
                        state.put(next, new int[] {counter, counter, 1});
                        counter++;
                        stack.push(next);
                        frames.push(new Frame<>(next, List.copyOf(successors.apply(next))));
                    } else if (nextState[2] == 1) {
                        int[] own = state.get(frame.node);
                        own[1] = Math.min(own[1], nextState[0]);
                    }
                    continue;
                }
                frames.pop();
                int[] own = state.get(frame.node);
                if (!frames.isEmpty()) {
                    int[] parent = state.get(frames.peek().node);
                    parent[1] = Math.min(parent[1], own[1]);
                }
                if (own[1] == own[0]) {
                    List<T> component = new ArrayList<>();
                    T member;
                    do {
                        member = stack.pop();
                        state.get(member)[2] = 0;
                        component.add(member);
                    } while (!member.equals(frame.node));
                    java.util.Collections.reverse(component);
                    out.add(component);
                }
            }
        }
        return out;
    }

    /**
     * The shortest cycle {@code from -> to -> ... -> from} of at least three nodes and at most
     * {@code maxLength}, staying inside {@code within}; {@code null} when there is none. The
     * cycle is returned starting at {@code from}.
     */
    public static <T> List<T> shortestLongCycle(T from, T to, Set<T> within,
            Function<? super T, ? extends Collection<T>> successors, int maxLength) {
        if (from.equals(to)) {
            return null;
        }
        // The first step is the edge's; a direct back edge (to -> from) makes a cycle of two, not ours.
        Function<T, Collection<T>> throughEdge = node -> node.equals(from) ? List.of(to) : successors.apply(node);
        Set<T> inside = within;
        if (!within.contains(to)) { // the edge's own end is on the cycle wherever it lies
            inside = new HashSet<>(within);
            inside.add(to);
        }
        return shortestCycle(from, inside, throughEdge, 3, maxLength);
    }

    /**
     * The shortest cycle {@code start -> ... -> start} of at least {@code minLength} and at most
     * {@code maxLength} nodes (a self-loop is a cycle of one), staying inside {@code within};
     * {@code null} when there is none. Breadth-first, successors in their given order, so of
     * several shortest cycles the first one found is returned, starting at {@code start}.
     */
    public static <T> List<T> shortestCycle(T start, Set<T> within,
            Function<? super T, ? extends Collection<T>> successors, int minLength, int maxLength) {
        Map<T, T> parent = new HashMap<>();
        parent.put(start, start); // never entered again except as the cycle's end
        Map<T, Integer> depth = new HashMap<>();
        depth.put(start, 1); // nodes on the cycle so far
        Deque<T> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            T at = queue.poll();
            int d = depth.get(at);
            for (T next : successors.apply(at)) {
                if (next.equals(start)) {
                    if (d >= minLength) {
                        List<T> cycle = new ArrayList<>();
                        for (T n = at; !n.equals(start); n = parent.get(n)) {
                            cycle.add(n);
                        }
                        cycle.add(start);
                        java.util.Collections.reverse(cycle);
                        return cycle;
                    }
                } else if (d < maxLength && within.contains(next) && !parent.containsKey(next)) {
                    parent.put(next, at);
                    depth.put(next, d + 1);
                    queue.add(next);
                }
            }
        }
        return null;
    }

    private static final class Frame<T> {
        final T node;
        final List<T> successors;
        int next;

        Frame(T node, List<T> successors) {
            this.node = node;
            this.successors = successors;
        }
    }
}
