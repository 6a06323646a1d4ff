package io.lockopt.analyzer.engine;

import com.github.javaparser.Range;
import com.github.javaparser.ast.Node;

/**
 * A span in a file: 1-based lines and columns; {@code endColumn} is exclusive (the column after
 * the last character), as in SARIF.
 */
public record Region(int line, int column, int endLine, int endColumn) {

    /** The whole of line 1, for problems that belong to a file rather than a node. */
    public static final Region FILE_START = new Region(1, 1, 1, 1);

    public static Region of(Node node) {
        return node.getRange().map(Region::of).orElse(FILE_START);
    }

    public static Region of(Range range) {
        return new Region(range.begin.line, range.begin.column, range.end.line, range.end.column + 1);
    }
}
