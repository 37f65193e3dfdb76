package dev.authplane.benchmarks.sas;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

import java.util.List;

/**
 * The authorization server's filter chain, as Spring Authorization Server's reference
 * configuration sets it up, minus OpenID Connect (no user login here). The client repository,
 * authorization service, JWK source, password encoder and server settings are registered as
 * singletons by {@link SasServer} before the context refreshes; the configurer finds them by type.
 */
@Configuration
@EnableWebSecurity
class SasConfiguration {

    @Bean
    SecurityFilterChain authorizationServerFilterChain(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(authorizationServer ->
                        http.securityMatcher(authorizationServer.getEndpointsMatcher()))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated());
        return http.build();
    }

    /**
     * Access tokens as AuthPlane mints them: ES256, {@code typ: at+jwt}, the resource as audience
     * and a {@code client_id} claim (SAS signs RS256 with {@code typ: JWT} by default).
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenCustomizer() {
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getJwsHeader().algorithm(SignatureAlgorithm.ES256).type("at+jwt");
                context.getClaims().audience(List.of(SasServer.RESOURCE_URI))
                        .claim("client_id", context.getRegisteredClient().getClientId());
            }
        };
    }
}
