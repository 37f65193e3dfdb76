package dev.authplane.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus text exposition, parsed for assertions: each sample's name, labels and value, and
 * the meter table of authplane-micrometer's README.
 */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TABLE_METER = Pattern.compile("^\\| `(authplane_[a-z_]+)` \\| (\\w+) \\|");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    /** Parses {@code text}; comment lines are skipped. */
    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.find()) {
                throw new IllegalArgumentException("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return new PrometheusText(samples);
    }

    /** The sum of every sample named {@code name} whose labels include {@code labels} (name, value pairs). */
    public double sum(String name, String... labels) {
        double total = 0;
        for (Sample s : samples) {
            if (s.name().equals(name) && matches(s.labels(), labels)) {
                total += s.value();
            }
        }
        return total;
    }

    /** Whether any sample's name is {@code name} or starts with {@code name + "_"} (a timer's or summary's series). */
    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name) || s.name().startsWith(name + "_"));
    }

    private static boolean matches(Map<String, String> actual, String[] wanted) {
        for (int i = 0; i < wanted.length; i += 2) {
            if (!wanted[i + 1].equals(actual.get(wanted[i]))) {
                return false;
            }
        }
        return true;
    }

    /** A row of a README meter table: the Prometheus name and the type column. */
    public record TableMeter(String name, String type) {
    }

    /** The meters listed in the table of {@code readme} (rows of the form {@code | `authplane_…` | type |}). */
    public static List<TableMeter> meterTable(Path readme) {
        try {
            List<TableMeter> meters = new ArrayList<>();
            for (String line : Files.readAllLines(readme)) {
                Matcher m = TABLE_METER.matcher(line);
                if (m.find()) {
                    meters.add(new TableMeter(m.group(1), m.group(2)));
                }
            }
            return meters;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
