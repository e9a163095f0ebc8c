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
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.citygraph.graph.user.ApiKeys;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
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

    /** Where partner systems may put an API key instead of {@code Authorization: Bearer}. */
    public static final String API_KEY_HEADER = "X-API-Key";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    Users users(Graph graph) {
        return new Users(graph);
    }

    @Bean
    ApiKeys apiKeys(Graph graph) {
        return new ApiKeys(graph);
    }

    @Bean
    Secrets secrets(Graph graph) {
        return new Secrets(graph);
    }

    /** One set of buckets for the filter and for public intake, which controllers check. */
    @Bean
    RateLimits rateLimits(RateLimitProperties properties) {
        return new RateLimits(properties);
    }

    /** The limits run inside the security chain, after authentication; not a second time as a servlet filter. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<RateLimits> rateLimitsNotAsServletFilter(RateLimits limits) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(limits);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(12);
    }

    /** Accepts the hub's own tokens and, when configured, an external issuer's, chosen by the token's issuer. */
    @Bean
    JwtDecoder jwtDecoder(TokenService tokens, SecurityProperties properties, ApiKeyAuthenticator apiKeys) {
        var issuer = properties.oauth2().issuerUri();
        if (issuer == null || issuer.isBlank()) {
            return token -> ApiKeyAuthenticator.isApiKey(token) ? apiKeys.decode(token) : tokens.decoder().decode(token);
        }
        var external = new java.util.concurrent.atomic.AtomicReference<JwtDecoder>();
        return token -> {
            String tokenIssuer;
            try {
                tokenIssuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
            } catch (Exception e) {
                tokenIssuer = null;
            }
            if (ApiKeyAuthenticator.isApiKey(token)) {
                return apiKeys.decode(token);
            }
            if (issuer.equals(tokenIssuer)) {
                return external.updateAndGet(d -> d != null ? d : JwtDecoders.fromIssuerLocation(issuer)).decode(token);
            }
            return tokens.decoder().decode(token);
        };
    }

    /** The bearer token from the Authorization header, else an API key from X-API-Key, else the web client's session cookie. */
    @Bean
    BearerTokenResolver bearerTokenResolver(SecurityProperties properties) {
        var header = new DefaultBearerTokenResolver();
        return request -> {
            var token = header.resolve(request);
            if (token != null) {
                return token;
            }
            var apiKey = request.getHeader(API_KEY_HEADER);
            if (apiKey != null && !apiKey.isBlank()) {
                return apiKey.strip();
            }
            var cookie = WebUtils.getCookie(request, properties.cookieName());
            return cookie == null || cookie.getValue().isBlank() || StaleSessionCookie.isStale(request) ? null : cookie.getValue();
        };
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties, JwtDecoder decoder,
                                            BearerTokenResolver tokenResolver, RateLimits rateLimits) throws Exception {
        // A request needs a CSRF token only when the browser's cookie is what authenticates it.
        RequestMatcher cookieAuthenticatedWrite = request -> !SAFE_METHODS.contains(request.getMethod())
                && WebUtils.getCookie(request, properties.cookieName()) != null && !StaleSessionCookie.isStale(request)
                && request.getHeader("Authorization") == null && request.getHeader(API_KEY_HEADER) == null;
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
                        // every rejected credential reads the same: expired, forged, revoked or unknown
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setStatus(401);
                            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                            response.setContentType("application/json");
                            response.getWriter().write("{\"errors\":[{\"message\":\"Unauthorized\",\"extensions\":"
                                    + "{\"code\":\"UNAUTHENTICATED\",\"classification\":\"UNAUTHORIZED\"}}]}");
                        })
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new JwtViewerConverter(properties.oauth2()))))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
                                        + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                                        + "connect-src 'self' ws: wss:; media-src 'self' blob:; font-src 'self' data:; "
                                        + "worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .addFilterBefore(new StaleSessionCookie(properties, decoder), CsrfFilter.class)
                // counted after authentication, so that a caller is counted as itself, not as its address
                .addFilterAfter(rateLimits, BearerTokenAuthenticationFilter.class)
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable());
        return http.build();
    }
}
