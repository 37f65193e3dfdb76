package dev.authplane.benchmarks.sas;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Registers the benchmark clients with Spring Authorization Server: {@code client_secret_post},
 * {@code client_credentials}, the same two scopes as AuthPlane's clients, self-contained (JWT)
 * access tokens valid for one hour, secrets of 256 random bits stored as bcrypt hashes.
 */
final class SasClients {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SasClients() {
    }

    /** @return one urlencoded token request body per client, the same shape AuthPlane's benchmark sends */
    static List<String> register(RegisteredClientRepository repository, PasswordEncoder encoder, int count) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String clientId = "sas-bench-" + i;
            String secret = secret();
            repository.save(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(clientId)
                    .clientName(clientId)
                    .clientSecret(encoder.encode(secret))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scopes(scopes -> scopes.addAll(SasServer.scopes()))
                    .tokenSettings(TokenSettings.builder().accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                            .accessTokenTimeToLive(Duration.ofHours(1)).build())
                    .build());
            bodies.add("grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(secret)
                    + "&scope=" + encode("tools/query") + "&resource=" + encode(SasServer.RESOURCE_URI));
        }
        return bodies;
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
