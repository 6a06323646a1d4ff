package io.lockopt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import picocli.CommandLine.IVersionProvider;

/** Reads version, git commit and build JDK from lockopt's own jar manifest. */
final class ManifestVersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Attributes attributes = lockoptManifest();
        if (attributes == null) {
            return new String[] {"lockopt (development build, no manifest)", runtimeLine()};
        }
        String commit = attributes.getValue("Lockopt-Git-Commit");
        if (commit == null || commit.isBlank() || commit.startsWith("${")) {
            commit = "unknown";
        } else if ("true".equals(attributes.getValue("Lockopt-Git-Dirty"))) {
            commit += " (dirty)";
        }
        return new String[] {
            "lockopt " + attributes.getValue("Implementation-Version"),
            "commit:    " + commit,
            "built by:  JDK " + attributes.getValue("Lockopt-Build-Jdk"),
            runtimeLine()
        };
    }

    private static String runtimeLine() {
        return "runtime:   JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    private static Attributes lockoptManifest() throws IOException {
        Enumeration<URL> manifests = ManifestVersionProvider.class.getClassLoader()
                .getResources("META-INF/MANIFEST.MF");
        while (manifests.hasMoreElements()) {
            try (InputStream in = manifests.nextElement().openStream()) {
                Attributes attributes = new Manifest(in).getMainAttributes();
                if ("lockopt".equals(attributes.getValue("Implementation-Title"))) {
                    return attributes;
                }
            }
        }
        return null;
    }
}
