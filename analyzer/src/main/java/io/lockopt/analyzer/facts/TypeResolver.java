package io.lockopt.analyzer.facts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;

/**
 * Resolves type names written in one file to qualified names without a classpath, the way
 * javac would for the cases that matter here: types declared in the file, single-type
 * imports, {@code java.lang}, on-demand imports of packages {@link KnownTypes} knows, and
 * finally the file's own package (a guess that never names a JDK lock type, so it stays silent).
 * A name written with its package ({@code java.util.concurrent.locks.Lock}) is taken as written.
 */
final class TypeResolver {
    private final String packageName;
    private final Map<String, String> singleImports = new HashMap<>();
    private final List<String> onDemandImports = new ArrayList<>();
    private final Map<String, String> declaredInFile = new HashMap<>();
    /** Simple names a static import may bring in: the member's name, or {@code *} for an on-demand one. */
    private final Set<String> staticImports = new HashSet<>();

    TypeResolver(CompilationUnit unit) {
        this.packageName = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        for (ImportDeclaration imp : unit.getImports()) {
            if (imp.isStatic()) {
                staticImports.add(imp.isAsterisk() ? "*" : KnownTypes.simpleName(imp.getNameAsString()));
                continue;
            }
            String name = imp.getNameAsString();
            if (imp.isAsterisk()) {
                onDemandImports.add(name);
            } else {
                singleImports.put(KnownTypes.simpleName(name), name);
            }
        }
    }

    /** Whether a static import of this file may name {@code member} (a single one of that name, or any on-demand one). */
    boolean staticallyImports(String member) {
        return staticImports.contains(member) || staticImports.contains("*");
    }

    String packageName() {
        return packageName;
    }

    /** Qualifies a class declared in this file: {@code pkg.Outer.Inner}. */
    String qualify(String enclosingQualified, String simpleName) {
        if (enclosingQualified != null) {
            return enclosingQualified + "." + simpleName;
        }
        return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    }

    /** Makes {@code simpleName} resolve to {@code qualified} (first declaration wins, as for shadowing outward). */
    void declare(String simpleName, String qualified) {
        declaredInFile.putIfAbsent(simpleName, qualified);
    }

    /** The qualified name of a declared type without type arguments; {@code null} for primitives, arrays, var. */
    String resolve(Type type) {
        if (type instanceof ClassOrInterfaceType cit) {
            return resolve(cit);
        }
        return null;
    }

    String resolve(ClassOrInterfaceType type) {
        // Outer.Inner resolves Outer; a name starting with a package (java.util.concurrent.locks.Lock,
        // written out instead of imported) is already qualified: read as the file's own Outer.Inner
        // it became a type of the file's package, and a lock declared so was no lock.
        return resolve(type.getNameWithScope());
    }

    /**
     * When {@code qualified} is this file's same-package guess for a simple name (no type of the file,
     * single-type import or {@code java.lang} type has it) and the file imports packages on demand: the
     * names it has in each of those packages, one of which it may be instead; otherwise empty.
     */
    List<String> onDemandCandidates(String qualified) {
        if (onDemandImports.isEmpty() || qualified == null || packageName.isEmpty()
                || !qualified.startsWith(packageName + ".")) {
            return List.of();
        }
        String rest = qualified.substring(packageName.length() + 1);
        int dot = rest.indexOf('.');
        String head = dot < 0 ? rest : rest.substring(0, dot);
        if (head.isEmpty() || !Character.isUpperCase(head.charAt(0)) || declaredInFile.containsKey(head)
                || singleImports.containsKey(head) || KnownTypes.javaLang(head) != null) {
            return List.of();
        }
        List<String> candidates = new ArrayList<>(onDemandImports.size());
        for (String pkg : onDemandImports) {
            if (!pkg.startsWith("java.") && !pkg.startsWith("javax.")) { // no project type lives there
                candidates.add(pkg + "." + rest);
            }
        }
        return candidates;
    }

    /** Resolves a simple or qualified name as written in source. */
    String resolve(String name) {
        int dot = name.indexOf('.');
        if (dot > 0) {
            String head = name.substring(0, dot);
            if (Character.isUpperCase(head.charAt(0))) {
                return resolve(head) + name.substring(dot);
            }
            return name;
        }
        String found = declaredInFile.get(name);
        if (found != null) {
            return found;
        }
        found = singleImports.get(name);
        if (found != null) {
            return found;
        }
        found = KnownTypes.javaLang(name);
        if (found != null) {
            return found;
        }
        for (String pkg : onDemandImports) {
            if (KnownTypes.declares(pkg, name)) {
                return pkg + "." + name;
            }
        }
        return packageName.isEmpty() ? name : packageName + "." + name;
    }
}
