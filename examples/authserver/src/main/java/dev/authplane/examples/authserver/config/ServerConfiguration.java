package dev.authplane.examples.authserver.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the server's configuration (the README's Configuration section): one optional YAML file plus
 * {@code AUTHPLANE_<SECTION>_<KEY>} environment overrides, handed to core's {@link ConfigLoader}.
 * The file is {@code --config FILE}, else {@code $AUTHPLANE_CONFIG}, else none (defaults and env).
 * Every failure is a {@link ConfigException} whose message is one line for an operator.
 */
public final class ServerConfiguration {

    /** Environment variable naming the YAML file when {@code --config} is not given. */
    public static final String CONFIG_ENV = "AUTHPLANE_CONFIG";

    private static final YAMLMapper YAML = new YAMLMapper();

    private ServerConfiguration() {
    }

    /**
     * @param file the {@code --config} option, or {@code null}
     * @param env  the process environment
     */
    public static ServerConfig load(Path file, Map<String, String> env) {
        Path chosen = file;
        if (chosen == null && env.get(CONFIG_ENV) != null && !env.get(CONFIG_ENV).isBlank()) {
            chosen = Path.of(env.get(CONFIG_ENV));
        }
        Map<String, Object> tree = chosen == null ? Map.of() : readYaml(chosen);
        return ConfigLoader.load(tree, env);
    }

    /** The YAML file as a {@code section -> (key -> value)} tree; an empty file is an empty tree. */
    static Map<String, Object> readYaml(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("configuration file " + file + " cannot be read: " + e.getMessage());
        }
        if (text.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> tree = YAML.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
            return tree == null ? Map.of() : tree;
        } catch (JsonProcessingException e) {
            throw new ConfigException("configuration file " + file + " is not a YAML mapping of sections"
                    + location(e) + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
