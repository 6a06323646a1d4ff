package io.lockopt.graphs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DigraphsTest {

    @Test
    void componentsComeCalleesFirst() {
        Map<String, List<String>> g = Map.of("a", List.of("b"), "b", List.of("c", "a"), "c", List.of("d"),
                "d", List.of("c"), "e", List.of());
        List<List<String>> components = Digraphs.components(List.of("a", "b", "c", "d", "e"), g::get);
        assertThat(components).containsExactly(List.of("c", "d"), List.of("a", "b"), List.of("e"));
    }

    @Test
    void shortestCycleOfThreeOrMoreSkipsTheDirectBackEdge() {
        Map<String, List<String>> g = Map.of("a", List.of("b"), "b", List.of("a", "c", "x"), "c", List.of("a"),
                "x", List.of("y"), "y", List.of("a"));
        assertThat(Digraphs.shortestLongCycle("a", "b", new HashSet<>(g.keySet()), g::get, 6))
                .containsExactly("a", "b", "c");
        assertThat(Digraphs.shortestLongCycle("a", "b", new HashSet<>(g.keySet()), g::get, 2)).isNull();
        assertThat(Digraphs.shortestLongCycle("b", "a", new HashSet<>(g.keySet()), g::get, 6)).isNull();
    }

    @Test
    void shortestCycleThroughANodeIsFoundBreadthFirstInSuccessorOrder() {
        Map<Integer, List<Integer>> g = Map.of(1, List.of(2, 3), 2, List.of(4), 3, List.of(1), 4, List.of(1),
                5, List.of(1));
        Set<Integer> within = Set.of(1, 2, 3, 4);
        assertThat(Digraphs.shortestCycle(1, within, g::get, 1, Integer.MAX_VALUE)).containsExactly(1, 3);
        assertThat(Digraphs.shortestCycle(1, within, g::get, 3, Integer.MAX_VALUE)).containsExactly(1, 2, 4);
        assertThat(Digraphs.shortestCycle(1, within, g::get, 3, 2)).isNull();
        assertThat(Digraphs.shortestCycle(1, Set.of(1, 2), g::get, 1, Integer.MAX_VALUE)).isNull();
    }

    @Test
    void aSelfLoopIsACycleOfOne() {
        Map<String, List<String>> g = Map.of("a", List.of("b", "a"), "b", List.of("a"));
        assertThat(Digraphs.shortestCycle("a", g.keySet(), g::get, 1, 6)).containsExactly("a");
        assertThat(Digraphs.shortestCycle("a", g.keySet(), g::get, 2, 6)).containsExactly("a", "b");
    }

    /** 40,000 searches on a complete graph: an enumeration of simple paths would never end. */
    @Test
    @Timeout(120)
    void aCompleteGraphOfTwoHundredNodesEnds() {
        List<Integer> nodes = IntStream.range(0, 200).boxed().toList();
        List<List<Integer>> components = Digraphs.components(nodes, n -> nodes);
        List<List<Integer>> cycles = new ArrayList<>();
        for (int from = 0; from < 200; from++) {
            for (int to = 0; to < 200; to++) {
                List<Integer> cycle = Digraphs.shortestLongCycle(from, to, new HashSet<>(nodes), n -> nodes, 6);
                if (cycle != null) {
                    cycles.add(cycle);
                }
            }
        }
        assertThat(components).hasSize(1);
        assertThat(cycles).allSatisfy(c -> assertThat(c).hasSize(3));
    }
}
