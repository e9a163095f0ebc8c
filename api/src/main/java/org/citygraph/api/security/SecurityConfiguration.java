package org.citygraph.api.security;

import java.util.Set;

import org.citygraph.graph.Graph;
import org.citygraph.graph.user.Secrets;
import org.citygraph.graph.user.Users;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.WebUtils;

import com.nimbusds.jwt.JWTParser;

/**
 * Authentication and the web's defences. Who may read or change what is decided in the graph
 * model's viewer rules and in the services; this class only establishes who is asking: a bearer
 * token (the hub's own, or an external issuer's), the web client's session cookie, or nobody.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** The header that carries the CSRF token when the session cookie authenticates. */
    public static final String CSRF_HEADER = "X-XSRF-TOKEN";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    Users users(Graph graph) {
        return new Users(graph);
    }

    @Bean
    Secrets secrets(Graph graph) {
        return new Secrets(graph);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(12);
    }

    /** Accepts the hub's own tokens and, when configured, an external issuer's, chosen by the token's issuer. */
    @Bean
    JwtDecoder jwtDecoder(TokenService tokens, SecurityProperties properties) {
        var issuer = properties.oauth2().issuerUri();
        if (issuer == null || issuer.isBlank()) {
            return tokens.decoder();
        }
        var external = new java.util.concurrent.atomic.AtomicReference<JwtDecoder>();
        return token -> {
            String tokenIssuer;
            try {
                tokenIssuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
            } catch (Exception e) {
                tokenIssuer = null;
            }
            if (issuer.equals(tokenIssuer)) {
                return external.updateAndGet(d -> d != null ? d : JwtDecoders.fromIssuerLocation(issuer)).decode(token);
            }
            return tokens.decoder().decode(token);
        };
    }

    /** The bearer token from the Authorization header, else from the web client's session cookie. */
    @Bean
    BearerTokenResolver bearerTokenResolver(SecurityProperties properties) {
        var header = new DefaultBearerTokenResolver();
        return request -> {
            var token = header.resolve(request);
            if (token != null) {
                return token;
            }
            var cookie = WebUtils.getCookie(request, properties.cookieName());
            return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
        };
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties, JwtDecoder decoder,
                                            BearerTokenResolver tokenResolver) throws Exception {
        // A request needs a CSRF token only when the browser's cookie is what authenticates it.
        RequestMatcher cookieAuthenticatedWrite = request -> !SAFE_METHODS.contains(request.getMethod())
                && WebUtils.getCookie(request, properties.cookieName()) != null
                && request.getHeader("Authorization") == null;
        var csrfCookies = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfCookies.setHeaderName(CSRF_HEADER);
        csrfCookies.setCookieCustomizer(c -> c.secure(properties.secureCookies()).sameSite("Lax"));
        http
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfCookies)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(cookieAuthenticatedWrite))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/auth/login").permitAll()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(o -> o
                        .bearerTokenResolver(tokenResolver)
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new JwtViewerConverter(properties.oauth2()))))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
                                        + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                                        + "connect-src 'self' ws: wss:; media-src 'self' blob:; font-src 'self' data:; "
                                        + "worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable());
        return http.build();
    }
}
