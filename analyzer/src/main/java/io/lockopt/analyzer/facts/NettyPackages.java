package io.lockopt.analyzer.facts;

import java.util.List;

/**
 * Netty's two package roots: {@code io.netty.} (Netty 4 and later) and {@code org.jboss.netty.}
 * (Netty 3). What blocks on an event loop and what runs on one are told apart by them in
 * {@link BlockingCalls} and the project model's event threads.
 */
public final class NettyPackages {

    /** The two roots, as prefixes of qualified names. */
    public static final List<String> ROOTS = List.of("io.netty.", "org.jboss.netty.");

    private NettyPackages() {
    }

    /** The root ({@code "io.netty."} or {@code "org.jboss.netty."}) a qualified type name starts with, or {@code null}. */
    public static String rootOf(String qualifiedType) {
        return ROOTS.stream().filter(qualifiedType::startsWith).findFirst().orElse(null);
    }

    /** True when the qualified type name is one of Netty's. */
    public static boolean contains(String qualifiedType) {
        return rootOf(qualifiedType) != null;
    }
}
