package org.citygraph.api.security;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.citygraph.graph.Viewer;
import org.citygraph.graph.audit.AuditLog;
import org.citygraph.graph.user.User;
import org.citygraph.graph.user.Users;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Login for the built-in user store. A successful login returns a short-lived token (for API
 * clients: {@code Authorization: Bearer ...}) and sets it as an HttpOnly session cookie for the web
 * client, which then sends the CSRF token from the {@code XSRF-TOKEN} cookie in {@code X-XSRF-TOKEN}.
 * A wrong username and a wrong password read the same.
 */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    /** The login request. */
    record Login(String username, String password) {
    }

    private final Users users;
    private final PasswordEncoder encoder;
    private final TokenService tokens;
    private final SecurityProperties properties;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    /** Compared against when the user does not exist, so that both failures take as long. */
    private final String dummyHash;

    AuthController(Users users, PasswordEncoder encoder, TokenService tokens, SecurityProperties properties,
                   LoginThrottle throttle, AuditLog audit) {
        this.users = users;
        this.encoder = encoder;
        this.tokens = tokens;
        this.properties = properties;
        this.throttle = throttle;
        this.audit = audit;
        this.dummyHash = encoder.encode("no such user");
    }

    @PostMapping("/login")
    ResponseEntity<Map<String, Object>> login(@RequestBody Login login, HttpServletRequest request) {
        var address = request.getRemoteAddr();
        var username = login.username() == null ? "" : login.username().strip();
        var wait = throttle.waitFor(username, address);
        if (wait.isPresent()) {
            audit.append(Viewer.ANONYMOUS, "login.throttled", null, List.of("username:" + shorten(username)), "DENIED", address);
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(wait.getAsLong()))
                    .body(Map.of("error", "TOO_MANY_ATTEMPTS", "message",
                            "Too many failed logins; try again in " + wait.getAsLong() + " s.", "retryAfterSeconds", wait.getAsLong()));
        }
        var credentials = users.credentials(username);
        var hash = credentials.map(Users.Credentials::passwordHash).orElse(dummyHash);
        boolean matches = login.password() != null && encoder.matches(login.password(), hash);
        if (credentials.isEmpty() || !matches || !credentials.get().user().enabled()) {
            throttle.failed(username, address);
            audit.append(Viewer.ANONYMOUS, "login.failed", credentials.map(c -> c.user().id()).orElse(null),
                    List.of("username:" + shorten(username)), "DENIED", address);
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "INVALID_CREDENTIALS",
                    "message", "The username or password is wrong."));
        }
        var user = credentials.get().user();
        users.recordLogin(user.id());
        audit.append(user.asViewer(), "login", user.id(), List.of(), "OK", address);
        var token = tokens.issue(user.asViewer());
        loadCsrfToken(request);
        var cookie = ResponseCookie.from(properties.cookieName(), token.value()).httpOnly(true)
                .secure(properties.secureCookies()).sameSite("Lax").path("/")
                .maxAge(Duration.between(Instant.now(), token.expiresAt())).build();
        var body = new LinkedHashMap<String, Object>();
        body.put("token", token.value());
        body.put("expiresAt", token.expiresAt().toString());
        body.put("user", describe(user));
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString()).body(body);
    }

    /** A fresh token for a caller whose token is still valid, so that an active session does not end. */
    @PostMapping("/refresh")
    ResponseEntity<Map<String, Object>> refresh(HttpServletRequest request) {
        var current = Viewers.current();
        // a new token carries the account as it is now: a disabled account or an API key gets none
        var account = current.userId() == null ? java.util.Optional.<User>empty() : users.byId(current.userId()).filter(User::enabled);
        if (account.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "UNAUTHENTICATED", "message", "Log in first."));
        }
        var viewer = account.get().asViewer();
        var token = tokens.issue(viewer);
        loadCsrfToken(request);
        var cookie = ResponseCookie.from(properties.cookieName(), token.value()).httpOnly(true)
                .secure(properties.secureCookies()).sameSite("Lax").path("/")
                .maxAge(Duration.between(Instant.now(), token.expiresAt())).build();
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString())
                .body(Map.of("token", token.value(), "expiresAt", token.expiresAt().toString()));
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout() {
        var cookie = ResponseCookie.from(properties.cookieName(), "").httpOnly(true).secure(properties.secureCookies())
                .sameSite("Lax").path("/").maxAge(0).build();
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie.toString()).build();
    }

    /** Who the caller is: anonymous, or the account behind the token. */
    @GetMapping("/me")
    Map<String, Object> me(HttpServletRequest request) {
        loadCsrfToken(request);
        var viewer = Viewers.current();
        var body = new LinkedHashMap<String, Object>();
        body.put("authenticated", viewer.role() != Viewer.Role.PUBLIC);
        body.put("id", viewer.userId());
        body.put("name", viewer.name());
        body.put("role", viewer.role().name());
        body.put("agencyId", viewer.agencyId());
        return body;
    }

    private static Map<String, Object> describe(User user) {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", user.id());
        body.put("username", user.username());
        body.put("displayName", user.displayName());
        body.put("role", user.role().name());
        body.put("agencyId", user.agencyId());
        return body;
    }

    private static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) : text;
    }

    /** Touching the deferred CSRF token makes Spring Security write the XSRF-TOKEN cookie. */
    private static void loadCsrfToken(HttpServletRequest request) {
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken();
        }
    }
}
