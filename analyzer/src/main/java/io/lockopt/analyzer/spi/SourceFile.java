package io.lockopt.analyzer.spi;

import java.io.ByteArrayOutputStream;
import java.lang.ref.Reference;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.DataKey;
import com.github.javaparser.ast.Node;

/**
 * One parsed source file, as rules see it. Derived per-file data is computed once and shared
 * between rules: {@link #derived} for what is read off the tree (it goes with the tree),
 * {@link #lasting} for what must outlive it (the lock facts, which hold {@link NodeRef}s).
 *
 * <p>The tree is held strongly while the file is scanned. A file kept for the project-wide pass
 * is then {@linkplain #release() released}: its text is kept compressed, its tree softly, so that
 * the garbage collector may take trees when memory runs short, and {@link #unit()}, {@link
 * #text()} and {@link NodeRef#get()} parse the text again on demand. The same text parses to the
 * same tree, so a rule sees the same nodes either way; what it keeps across files are facts and
 * references, never nodes.
 *
 * <p>Design notes: rule threads of the project pass call {@link #unit()} concurrently; a tree that
 * was collected is parsed again under this file's monitor (double-checked on the volatile soft
 * reference), so one thread parses and the others take its tree. A node a rule holds keeps its
 * whole tree strongly reachable (parent links), and the tree's root holds its {@code Parsed}, so the
 * soft reference is not cleared under it and every node it resolves meanwhile comes from the same tree.
 */
public final class SourceFile {
    private final String path;
    private final AnalysisSettings settings;
    private final SourceLookup lookup;
    private final Function<String, CompilationUnit> reparser;
    private final Map<Class<?>, Object> lasting = new ConcurrentHashMap<>();
    /** The tree while pinned (before {@link #release()}); null afterwards. */
    private volatile Parsed pinned;
    /** After {@link #release()}: the tree, if the collector left it. */
    private volatile Reference<Parsed> soft;
    /** After {@link #release()}: the text, deflated. */
    private volatile byte[] compressedText;
    /** References made while pinned: let go of their nodes on release. */
    private List<NodeRef<?>> pinnedRefs = new ArrayList<>();

    /** The root's link to its {@code Parsed}: a held node keeps the reference to it from being cleared. */
    private static final DataKey<Parsed> HOLDER = new DataKey<>() {
    };

    /**
     * The nodes a walk from the root visits at most to find a referenced node ({@link NodeRef#findIn}).
     * Ordinary code is a few dozen levels deep; past this the tree is indexed by place instead.
     */
    private static final int WALK_BOUND = 256;

    /**
     * A tree and what was read off it. {@code places}: every node of the tree by its class and range,
     * outermost first, made the first time a referenced node lies deeper than {@link #WALK_BOUND}
     * (one walk of the tree, instead of one from the root per reference); it lives as long as the tree.
     */
    private record Parsed(String text, CompilationUnit unit, Map<Class<?>, Object> derived,
            Map<NodeRef<?>, Node> resolved, AtomicReference<Map<NodeRef.Place, List<Node>>> places) {
        /** Made for {@code unit}, which holds it (see the class notes). */
        static Parsed of(String text, CompilationUnit unit) {
            Parsed parsed = new Parsed(text, unit, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
                    new AtomicReference<>());
            unit.setData(HOLDER, parsed);
            return parsed;
        }

        /** The node {@code ref} names, found by its place; null when the tree has none. */
        Node byPlace(NodeRef<?> ref) {
            Map<NodeRef.Place, List<Node>> index = places.get();
            if (index == null) {
                Map<NodeRef.Place, List<Node>> made = new HashMap<>();
                // Pre-order (an iterator, not recursion: the tree is deep): an enclosing node comes first.
                unit.walk(Node.TreeTraversal.PREORDER, n -> {
                    NodeRef.Place place = NodeRef.Place.of(n);
                    if (place != null) {
                        made.computeIfAbsent(place, k -> new ArrayList<>(1)).add(n);
                    }
                });
                index = places.compareAndSet(null, made) ? made : places.get();
            }
            List<Node> same = index.getOrDefault(ref.place(), List.of());
            return ref.nesting() < same.size() ? same.get(ref.nesting()) : null;
        }
    }

    /**
     * @param path forward-slash path relative to the scan root (inside a jar: {@code x.jar!/a/B.java})
     */
    public SourceFile(String path, String text, CompilationUnit unit, AnalysisSettings settings) {
        this(path, text, unit, settings, SourceLookup.NONE, null);
    }

    public SourceFile(String path, String text, CompilationUnit unit, AnalysisSettings settings, SourceLookup lookup) {
        this(path, text, unit, settings, lookup, null);
    }

    /**
     * @param reparser parses the text again as {@code unit} was parsed (the same tree), for a file
     *                 whose tree may be let go after {@link #release()}; null: the tree is kept
     */
    public SourceFile(String path, String text, CompilationUnit unit, AnalysisSettings settings, SourceLookup lookup,
            Function<String, CompilationUnit> reparser) {
        this.path = path;
        this.settings = settings;
        this.lookup = lookup;
        this.reparser = reparser;
        this.pinned = Parsed.of(text, unit);
    }

    /**
     * The parsed source of the top-level type {@code qualifiedName} in the same analysis, or empty;
     * see {@link SourceLookup}. The engine records the file looked for as one this file's results depend on.
     */
    public Optional<CompilationUnit> unitDeclaring(String qualifiedName) {
        return lookup.unitDeclaring(this, qualifiedName);
    }

    /** The text of that file, unparsed ({@link SourceLookup#textDeclaring}); recorded as {@link #unitDeclaring} is. */
    public Optional<String> textDeclaring(String qualifiedName) {
        return lookup.textDeclaring(this, qualifiedName);
    }

    public String path() {
        return path;
    }

    public String text() {
        Parsed p = pinned;
        if (p == null) {
            Reference<Parsed> s = soft;
            p = s == null ? null : s.get();
        }
        return p != null ? p.text() : inflate(compressedText);
    }

    public CompilationUnit unit() {
        return parsed().unit();
    }

    public AnalysisSettings settings() {
        return settings;
    }

    /**
     * The value of {@code kind} for this file's tree, computed by {@code compute} on first use; a
     * tree parsed again gets its own (the value may hold nodes).
     */
    public <T> T derived(Class<T> kind, Function<SourceFile, T> compute) {
        return computeOnce(parsed().derived(), kind, compute);
    }

    /**
     * The value of {@code kind} for this file, computed by {@code compute} on first use and kept for
     * the file's life, whatever becomes of its tree: it must hold no node ({@link NodeRef}s instead).
     */
    public <T> T lasting(Class<T> kind, Function<SourceFile, T> compute) {
        return computeOnce(lasting, kind, compute);
    }

    private <T> T computeOnce(Map<Class<?>, Object> values, Class<T> kind, Function<SourceFile, T> compute) {
        Object value = values.get(kind);
        if (value == null) {
            value = compute.apply(this);
            Object raced = values.putIfAbsent(kind, value);
            if (raced != null) {
                value = raced;
            }
        }
        return kind.cast(value);
    }

    /** A reference to {@code node}, a node of this file's current tree (null for null); see {@link NodeRef}. */
    public <T extends Node> NodeRef<T> ref(T node) {
        Parsed p = parsed();
        NodeRef<T> ref = NodeRef.to(this, p.unit(), node);
        if (ref != null && ref.file() != null) {
            synchronized (this) {
                if (pinnedRefs != null && pinned != null) {
                    pinnedRefs.add(ref);
                } else {
                    ref.unpin();
                }
            }
        }
        return ref;
    }

    /**
     * Ends the file's scan: from now on its tree may be let go when memory runs short and is parsed
     * again when needed. Does nothing for a file made without a way to parse it again. Call it on the
     * scanning thread, after the file's own rules ran and its lasting data was computed.
     */
    public synchronized void release() {
        Parsed p = pinned;
        if (reparser == null || p == null) {
            return;
        }
        compressedText = deflate(p.text());
        soft = held(p);
        pinned = null;
        pinnedRefs.forEach(NodeRef::unpin);
        pinnedRefs = null;
    }

    /** Lets the tree of a released file go now, as the collector may (tests of parsing again). */
    public synchronized void evict() {
        if (pinned == null && soft != null) {
            soft.clear();
        }
    }

    Node resolve(NodeRef<?> ref) {
        Parsed p = parsed();
        Node node = p.resolved().computeIfAbsent(ref, r -> {
            Object found = r.findIn(p.unit(), WALK_BOUND);
            return found == NodeRef.TOO_DEEP ? p.byPlace(r) : (Node) found;
        });
        if (node == null) {
            throw new IllegalStateException("no " + ref + " in " + path + " parsed again");
        }
        return node;
    }

    private Parsed parsed() {
        Parsed p = pinned;
        if (p != null) {
            return p;
        }
        p = soft.get();
        if (p != null) {
            return p;
        }
        synchronized (this) {
            p = soft.get();
            if (p == null) {
                String text = inflate(compressedText);
                p = Parsed.of(text, reparser.apply(text));
                soft = held(p);
            }
            return p;
        }
    }

    /**
     * Set (to {@code true}) to hold released trees weakly: every garbage collection takes them (and
     * the engine asks for one before the project-wide rules), so that tests see trees parsed again
     * all through an analysis, as a tight heap would.
     */
    public static final String WEAK_TREES_PROPERTY = "lockopt.trees.weak";

    private static Reference<Parsed> held(Parsed parsed) {
        return Boolean.getBoolean(WEAK_TREES_PROPERTY) ? new WeakReference<>(parsed) : new SoftReference<>(parsed);
    }

    private static byte[] deflate(String text) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            // Char by char, not UTF-8: any text, unpaired surrogates too, comes back the same.
            byte[] chars = new byte[text.length() * 2];
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                chars[2 * i] = (byte) c;
                chars[2 * i + 1] = (byte) (c >>> 8);
            }
            deflater.setInput(chars);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 4 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static String inflate(byte[] compressed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("truncated text");
                }
                out.write(buffer, 0, n);
            }
            byte[] chars = out.toByteArray();
            char[] text = new char[chars.length / 2];
            for (int i = 0; i < text.length; i++) {
                text[i] = (char) (chars[2 * i] & 0xff | (chars[2 * i + 1] & 0xff) << 8);
            }
            return new String(text);
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt text", e);
        } finally {
            inflater.end();
        }
    }

    @Override
    public String toString() {
        return path;
    }
}
