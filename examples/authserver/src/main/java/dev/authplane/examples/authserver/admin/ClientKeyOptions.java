package dev.authplane.examples.authserver.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.authplane.examples.authserver.CliException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code --jwks-file FILE | --jwks-uri URL}: a {@code private_key_jwt} client's public keys, inline
 * (the file's JWK Set, or one JWK, sent as the admin API's {@code jwks}) or by reference ({@code jwks_uri}).
 * The server validates the keys; this only reads the file.
 */
final class ClientKeyOptions {

    private static final long MAX_FILE_BYTES = 64 * 1024;

    @Option(names = "--jwks-file", paramLabel = "FILE",
            description = "A JWK Set (or one JWK) with the client's public keys, e.g. what 'admin keygen' printed.")
    Path jwksFile;

    @Option(names = "--jwks-uri", paramLabel = "URL",
            description = "An https URL the server fetches the client's JWK Set from.")
    String jwksUri;

    /** Whether either option was given. */
    boolean given() {
        return jwksFile != null || jwksUri != null;
    }

    /** Adds {@code jwks} or {@code jwks_uri} to an admin API request body. */
    void addTo(Map<String, Object> body) {
        if (jwksFile != null && jwksUri != null) {
            throw new CliException("give --jwks-file or --jwks-uri, not both", CliException.USAGE);
        }
        if (jwksFile != null) {
            body.put("jwks", read(jwksFile));
        } else if (jwksUri != null) {
            body.put("jwks_uri", jwksUri);
        }
    }

    private static JsonNode read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new CliException(file + " is larger than " + MAX_FILE_BYTES + " bytes; a JWK Set is far smaller",
                        CliException.USAGE);
            }
            JsonNode json = AdminApiClient.JSON.readTree(Files.readString(file));
            // One bare JWK is taken as a set of one; the server still refuses private members.
            return json.has("kty") ? AdminApiClient.JSON.createObjectNode().set("keys",
                    AdminApiClient.JSON.createArrayNode().add(json)) : json;
        } catch (JsonProcessingException e) {
            throw new CliException(file + " is not JSON: a JWK Set {\"keys\": [...]} is expected", CliException.USAGE);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), CliException.USAGE);
        }
    }
}
