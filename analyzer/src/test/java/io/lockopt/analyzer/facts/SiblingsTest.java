package io.lockopt.analyzer.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;

class SiblingsTest {

    @Test
    void findsEachOfTwoIdenticalStatementsWhereItStands() {
        BlockStmt block = new JavaParser().parseBlock("{ lock.lock(); step(); lock.lock(); }").getResult().orElseThrow();
        List<Statement> statements = block.getStatements();
        Statement second = statements.get(2);
        // What the rules used before: structural equality finds the first copy for the second.
        assertThat(statements.indexOf(second)).isZero();
        assertThat(Siblings.positionOf(statements, second)).isEqualTo(2);
        assertThat(Siblings.positionOf(statements, statements.get(0))).isZero();
    }

    @Test
    void aNodeOutsideTheListIsNotFound() {
        BlockStmt block = new JavaParser().parseBlock("{ a(); }").getResult().orElseThrow();
        BlockStmt other = new JavaParser().parseBlock("{ a(); }").getResult().orElseThrow();
        assertThat(Siblings.positionOf(block.getStatements(), other.getStatement(0))).isEqualTo(-1);
    }
}
