package dev.authplane.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects the run's figures as machine-readable lines, one per figure:
 * {@code RESULT <name> ours=<n> peer=<n> ratio=<n> unit=<unit>} (ratio = ours ÷ peer, whatever the
 * unit) or {@code RESULT <name> value=<n> unit=<unit>}; prints them at the end and writes them,
 * with the run's context, to {@code results.txt} and a Markdown table to {@code results.md}.
 */
final class Report {

    /** One figure: {@code ours}/{@code peer} for a comparison, {@code ours} alone (peer NaN) for a value. */
    record Figure(double ours, double peer) {
        double ratio() {
            return ours / peer;
        }
    }

    private final java.util.Map<String, Figure> figures = new java.util.HashMap<>();
    private final List<String> targets = new ArrayList<>();
    private final List<String> context = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();

    /** A line of context (machine, JDK, settings) for the results files. */
    void context(String line) {
        context.add(line);
    }

    void compare(String name, double ours, double peer, String unit) {
        requireToken(name);
        requireToken(unit);
        figures.put(name, new Figure(ours, peer));
        String ratio = number(ours / peer);
        lines.add("RESULT " + name + " ours=" + number(ours) + " peer=" + number(peer) + " ratio=" + ratio
                + " unit=" + unit);
        rows.add("| " + name + " | " + number(ours) + " | " + number(peer) + " | " + ratio + " | " + unit + " |");
    }

    void value(String name, double value, String unit) {
        requireToken(name);
        requireToken(unit);
        figures.put(name, new Figure(value, Double.NaN));
        lines.add("RESULT " + name + " value=" + number(value) + " unit=" + unit);
        rows.add("| " + name + " | " + number(value) + " | | | " + unit + " |");
    }

    /** The figure called {@code name}, if the run measured it. */
    java.util.Optional<Figure> figure(String name) {
        return java.util.Optional.ofNullable(figures.get(name));
    }

    /** A line of the target check (a Markdown table row), for the results files. */
    void target(String row) {
        targets.add(row);
    }

    /** Names and units are single tokens, so that every RESULT line splits on spaces. */
    private static void requireToken(String text) {
        if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not a single token: '" + text + "'");
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Writes {@code results.txt} and {@code results.md} into {@code dir}. */
    void write(Path dir) throws IOException {
        List<String> text = new ArrayList<>();
        context.forEach(c -> text.add("# " + c));
        text.addAll(lines);
        Files.write(dir.resolve("results.txt"), text);
        List<String> md = new ArrayList<>();
        context.forEach(c -> md.add("- " + c));
        md.add("");
        md.add("| figure | ours / value | peer | ratio (ours ÷ peer) | unit |");
        md.add("|---|---:|---:|---:|---|");
        md.addAll(rows);
        if (!targets.isEmpty()) {
            md.add("");
            md.add("| target | figure | measured | verdict |");
            md.add("|---|---|---:|---|");
            md.addAll(targets);
        }
        Files.write(dir.resolve("results.md"), md);
    }

    /** Plain decimal, no grouping: 3 significant digits below 100, whole numbers above. */
    static String number(double value) {
        double abs = Math.abs(value);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
