package io.lockopt.analyzer.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Graph algorithms the project-wide rules share, over any node type with a successor function.
 * Both are polynomial, so a tangled lock-order or call graph of a large code base cannot make a
 * scan hang: strongly connected components by Tarjan's algorithm (iterative, so deep graphs
 * cannot overflow the stack) and the shortest cycle through an edge by breadth-first search.
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
        Map<T, T> parent = new HashMap<>();
        parent.put(to, to);
        parent.put(from, from); // never enter the start except as the cycle's end
        Deque<T> queue = new ArrayDeque<>();
        queue.add(to);
        Map<T, Integer> depth = new HashMap<>();
        depth.put(to, 2); // nodes on the cycle so far: from, to
        while (!queue.isEmpty()) {
            T at = queue.poll();
            int d = depth.get(at);
            for (T next : successors.apply(at)) {
                if (next.equals(from)) {
                    if (!at.equals(to)) { // a direct back edge makes a cycle of two, not ours
                        List<T> cycle = new ArrayList<>();
                        for (T n = at; !n.equals(to); n = parent.get(n)) {
                            cycle.add(n);
                        }
                        cycle.add(to);
                        cycle.add(from);
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
