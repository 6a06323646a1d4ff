package io.lockopt.analyzer.engine.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChangedLinesTest {
    @Test
    void theNewSideOfEachHunk() {
        Map<Path, BitSet> changed = ChangedLines.parse("""
                diff --git a/src/A.java b/src/A.java
                index 1111111..2222222 100644
                --- a/src/A.java
                +++ b/src/A.java
                @@ -3 +3 @@ class A {
                -    int x;
                +    int y;
                @@ -10,0 +11,2 @@ class A {
                +    void f() {}
                +    void g() {}
                @@ -20,3 +22,0 @@ class A {
                -    a
                -    b
                -    c
                diff --git a/Gone.java b/Gone.java
                deleted file mode 100644
                --- a/Gone.java
                +++ /dev/null
                @@ -1,2 +0,0 @@
                -class Gone {
                -}
                diff --git a/old/B.java b/new/B.java
                similarity index 90%
                rename from old/B.java
                rename to new/B.java
                --- a/old/B.java
                +++ b/new/B.java
                @@ -5,1 +5,1 @@
                -x
                +y
                """);
        assertThat(changed).containsOnlyKeys(Path.of("src/A.java"), Path.of("new/B.java"));
        assertThat(changed.get(Path.of("src/A.java")).stream().toArray()).containsExactly(3, 11, 12);
        assertThat(changed.get(Path.of("new/B.java")).stream().toArray()).containsExactly(5);
    }
}
