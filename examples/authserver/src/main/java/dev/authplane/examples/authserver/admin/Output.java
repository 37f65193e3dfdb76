package dev.authplane.examples.authserver.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Renders admin API answers: pretty JSON for {@code --json}, aligned text for people. */
final class Output {

    /** Two-space indentation and {@code "name": value}, as {@code jq} prints. */
    static final DefaultPrettyPrinter JQ_STYLE = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private final PrintWriter out;

    Output(PrintWriter out) {
        this.out = out;
    }

    void json(JsonNode node) {
        try {
            out.println(AdminApiClient.JSON.writer(JQ_STYLE).writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
    }

    void line(String text) {
        out.println(text);
    }

    /** {@code label  value} rows indented under a heading, labels padded to one width. */
    void details(String heading, List<String[]> rows) {
        out.println(heading);
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        for (String[] row : rows) {
            out.println("  " + pad(row[0], width) + "  " + row[1]);
        }
    }

    /** A table with a header row; each column as wide as its widest cell. */
    <T> void table(List<T> items, List<String> headers, List<Function<T, String>> cells) {
        List<String[]> rows = new ArrayList<>();
        rows.add(headers.toArray(String[]::new));
        for (T item : items) {
            rows.add(cells.stream().map(c -> c.apply(item)).toArray(String[]::new));
        }
        int[] widths = new int[headers.size()];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i]) + "  ");
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** The {@code name} fields of a JSON array of scope objects, space-separated. */
    static String scopeNames(JsonNode scopes) {
        List<String> names = new ArrayList<>();
        scopes.forEach(s -> names.add(s.path("name").asText()));
        return names.isEmpty() ? "-" : String.join(" ", names);
    }

    /** Scope objects as {@code name (description)}, comma-separated. */
    static String scopesWithDescriptions(JsonNode scopes) {
        List<String> parts = new ArrayList<>();
        scopes.forEach(s -> {
            String description = s.path("description").asText("");
            parts.add(s.path("name").asText() + (description.isEmpty() ? "" : " (" + description + ")"));
        });
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    /** A JSON array of strings joined by {@code ", "}. */
    static String joined(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(v -> parts.add(v.asText()));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    /** A text field, or {@code -} when absent or null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? "-" : v.asText();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
