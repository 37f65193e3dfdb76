package dev.authplane.benchmarks.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs the JMH microbenchmarks in a child JVM (one fork each, short iterations: the figures are
 * ceilings to read the others against, not a publication-grade study) and turns the JSON result
 * into {@code jmh_*} figures in operations per second.
 */
final class JmhRun {

    private JmhRun() {
    }

    static void run(RunSettings settings, Jdk jdk, Report report) throws IOException, InterruptedException {
        Path json = settings.outDir().resolve("jmh.json");
        String seconds = settings.jmhSeconds() + "s";
        List<String> args = List.of("-f", "1", "-wi", "1", "-w", seconds, "-i", "2", "-r", seconds,
                "-p", "bcryptCost=" + settings.bcryptCost(), "-jvmArgs", "-Xmx512m",
                "-rf", "json", "-rff", json.toString(),
                "dev.authplane.benchmarks.jmh.PrimitivesBenchmark",
                "dev.authplane.benchmarks.jmh.TokenServiceBenchmark",
                "dev.authplane.benchmarks.jmh.ConcurrentIssueBenchmark",
                "dev.authplane.benchmarks.jmh.ObserverBenchmark");
        try (ChildJvm jmh = ChildJvm.start("jmh", jdk.home(), List.of("-Xmx256m"), settings.harnessClasspath(),
                "org.openjdk.jmh.Main", args, settings.outDir().resolve("jmh.log"))) {
            jmh.awaitFigures(600);
        }
        for (JsonNode result : new ObjectMapper().readTree(json.toFile())) {
            report.value(name(result), result.path("primaryMetric").path("score").asDouble(), "ops/s");
        }
    }

    /** {@code ...TokenServiceBenchmark.issueFourThreads} with {@code storage=h2} → {@code jmh_token_service_issue_four_threads_h2}. */
    private static String name(JsonNode result) {
        String benchmark = result.path("benchmark").asText();
        String[] parts = benchmark.split("\\.");
        String type = parts[parts.length - 2].replace("Benchmark", "");
        String prefix = type.equals("Primitives") ? "" : snake(type) + "_";
        StringBuilder name = new StringBuilder("jmh_").append(prefix).append(snake(parts[parts.length - 1]));
        List<String> params = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = result.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            if (!p.getKey().equals("bcryptCost")) {
                params.add(p.getValue().asText());
            } else if (benchmark.contains("bcrypt")) {
                params.add("cost" + p.getValue().asText());
            }
        }
        params.forEach(p -> name.append('_').append(p));
        return name.toString();
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
