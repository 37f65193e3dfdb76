package dev.authplane.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Core's packages in one direction, as {@code authplane-core/README.md} lists them: a class may use
 * its own package and packages on lower layers only. Read from the compiled classes (every type a
 * class names sits in its constant pool as {@code dev/authplane/core/<package>/…}), so imports,
 * fully qualified names and same-package look-alikes are all seen, and javadoc is not.
 */
class PackageLayeringTest {

    /** Layer of each core package, foundation first; {@code ""} is {@code dev.authplane.core} itself. */
    static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("error", 0), Map.entry("storage", 0), Map.entry("support", 0), Map.entry("config", 0),
            Map.entry("scope", 1), Map.entry("observe", 1),
            Map.entry("client", 2), Map.entry("resource", 2), Map.entry("dpop", 2), Map.entry("key", 2), Map.entry("audit", 2),
            Map.entry("token", 3), Map.entry("lifecycle", 3),
            Map.entry("admin", 4),
            Map.entry("", 5));

    private static final Pattern REFERENCE = Pattern.compile("dev/authplane/core/(?:([a-z]+)/)?[A-Z]");

    @Test
    void noClassUsesAPackageOnItsOwnOrAHigherLayer() {
        List<String> backEdges = new ArrayList<>();
        for (Path file : classFiles()) {
            String from = packageOf(file);
            for (String to : referencedPackages(file)) {
                if (!to.equals(from) && LAYERS.get(to) >= LAYERS.get(from)) {
                    backEdges.add(classesDir().relativize(file) + " -> dev.authplane.core" + (to.isEmpty() ? "" : "." + to));
                }
            }
        }
        assertThat(backEdges).as("imports that run back up or sideways between core packages").isEmpty();
    }

    @Test
    void everyCorePackageHasALayer() {
        List<String> unknown = classFiles().stream().map(PackageLayeringTest::packageOf)
                .filter(p -> !LAYERS.containsKey(p)).distinct().toList();
        assertThat(unknown).as("packages missing from LAYERS (and from authplane-core/README.md)").isEmpty();
    }

    @Test
    void theReaderSeesAReferenceInAClassFile() {
        Path tokenService = classesDir().resolve("dev/authplane/core/token/TokenService.class");
        assertThat(referencedPackages(tokenService)).contains("client", "error", "token");
    }

    private static List<String> referencedPackages(Path classFile) {
        String text;
        try {
            text = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> packages = new ArrayList<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            String pkg = m.group(1) == null ? "" : m.group(1);
            if (!packages.contains(pkg)) {
                packages.add(pkg);
            }
        }
        return packages;
    }

    private static String packageOf(Path classFile) {
        Path relative = classesDir().resolve("dev/authplane/core").relativize(classFile.getParent());
        return relative.toString().replace('/', '.');
    }

    private static List<Path> classFiles() {
        Path core = classesDir().resolve("dev/authplane/core");
        try (Stream<Path> files = Files.walk(core)) {
            return files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code target/classes}: where the main classes (not these tests) were loaded from. */
    private static Path classesDir() {
        try {
            return Path.of(AuthPlane.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
