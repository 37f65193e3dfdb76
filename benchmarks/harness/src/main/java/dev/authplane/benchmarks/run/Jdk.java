package dev.authplane.benchmarks.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDK the figures run on, labelled by its feature version ({@code jdk17}, {@code jdk25}).
 *
 * @param home        the JDK's home directory
 * @param label       {@code jdk<feature>}, the suffix of every figure measured on it
 * @param description the first line of {@code java -version} plus the runtime line
 */
record Jdk(Path home, String label, String description) {

    private static final Pattern VERSION = Pattern.compile("version \"(\\d+)");

    static Jdk at(Path home) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(home.resolve("bin/java").toString(), "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("cannot run " + home.resolve("bin/java") + ": " + out);
        }
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("cannot read the version of " + home + ": " + out);
        }
        String[] lines = out.strip().split("\n");
        String runtime = lines.length > 1 ? lines[1].strip() : "";
        return new Jdk(home, "jdk" + m.group(1), lines[0].strip() + "; " + runtime);
    }
}
