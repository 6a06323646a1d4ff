package io.lockopt.analyzer.facts;

import java.util.List;

import com.github.javaparser.ast.Node;

/**
 * Where a node stands among its siblings. {@code NodeList.indexOf} compares nodes by structure
 * ({@code Node.equals}), so of two identical {@code lock.lock();} statements in one block it finds
 * the first for both; the rules ask about the node itself.
 */
public final class Siblings {

    private Siblings() {
    }

    /** The position of {@code node} itself in {@code list}, or -1. */
    public static int positionOf(List<? extends Node> list, Node node) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == node) {
                return i;
            }
        }
        return -1;
    }
}
