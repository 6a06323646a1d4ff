package io.lockopt.analyzer.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Collectors;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ObjectCreationExpr;

/**
 * Names the type and member that enclose a node, e.g. {@code io.acme.Book.Side#put(String,int)}
 * or {@code io.acme.Book#run()/new Runnable/run()} inside an anonymous class. Stable under edits
 * that move code around, so it anchors fingerprints.
 */
final class Enclosing {
    private Enclosing() {
    }

    static String of(Node node) {
        // Outermost first: named types until the first member; everything below is the member chain.
        Deque<String> segments = new ArrayDeque<>();
        Deque<Boolean> isType = new ArrayDeque<>();
        Node child = node;
        for (Node current = node; current != null; current = current.getParentNode().orElse(null)) {
            String segment = null;
            boolean type = false;
            if (current instanceof TypeDeclaration<?> declaration) {
                segment = declaration.getNameAsString();
                type = true;
            } else if (current instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().isPresent()
                    && child != creation.getType() && !creation.getArguments().contains(child)) {
                segment = "new " + creation.getType().getNameAsString();
            } else if (current instanceof CallableDeclaration<?> callable) {
                segment = callable.getNameAsString() + callable.getParameters().stream()
                        .map(Enclosing::parameterType).collect(Collectors.joining(",", "(", ")"));
            } else if (current instanceof FieldDeclaration field) {
                segment = field.getVariables().stream().map(VariableDeclarator::getNameAsString)
                        .collect(Collectors.joining(","));
            } else if (current instanceof InitializerDeclaration init) {
                segment = init.isStatic() ? "static{}" : "{}";
            } else if (current instanceof EnumConstantDeclaration constant) {
                segment = constant.getNameAsString();
            }
            if (segment != null) {
                segments.addFirst(segment);
                isType.addFirst(type);
            }
            child = current;
        }
        StringBuilder typePart = new StringBuilder(node.findCompilationUnit()
                .flatMap(CompilationUnit::getPackageDeclaration).map(p -> p.getNameAsString()).orElse(""));
        StringBuilder memberPart = new StringBuilder();
        boolean inMembers = false;
        while (!segments.isEmpty()) {
            String segment = segments.removeFirst();
            boolean type = isType.removeFirst();
            if (!inMembers && type) {
                typePart.append(typePart.length() == 0 ? "" : ".").append(segment);
                continue;
            }
            inMembers = true;
            memberPart.append(memberPart.length() == 0 ? "" : "/").append(type ? "class " : "").append(segment);
        }
        return memberPart.length() == 0 ? typePart.toString() : typePart + "#" + memberPart;
    }

    private static String parameterType(Parameter parameter) {
        return parameter.getType().asString() + (parameter.isVarArgs() ? "..." : "");
    }

}
