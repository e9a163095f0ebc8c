package org.citygraph.api.security;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A session cookie that no longer holds (expired, signed with a rotated key, or from another
 * installation on the same host) must not lock the browser out: a rejected bearer token answers
 * 401 to every request, so the page could not even show its login screen. Such a cookie is
 * ignored, the request goes on as anonymous, and the response deletes the cookie. A token sent
 * explicitly (Authorization or X-API-Key) is still rejected with 401: a program should hear that.
 */
final class StaleSessionCookie extends OncePerRequestFilter {

    /** Set on a request whose session cookie was rejected; the token resolver then ignores the cookie. */
    static final String ATTRIBUTE = StaleSessionCookie.class.getName();

    private final SecurityProperties properties;
    private final JwtDecoder decoder;

    StaleSessionCookie(SecurityProperties properties, JwtDecoder decoder) {
        this.properties = properties;
        this.decoder = decoder;
    }

    static boolean isStale(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var cookie = WebUtils.getCookie(request, properties.cookieName());
        if (cookie != null && !cookie.getValue().isBlank() && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.getHeader(SecurityConfiguration.API_KEY_HEADER) == null && !valid(cookie.getValue())) {
            request.setAttribute(ATTRIBUTE, Boolean.TRUE);
            response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(properties.cookieName(), "").httpOnly(true)
                    .secure(properties.secureCookies()).sameSite("Lax").path("/").maxAge(0).build().toString());
        }
        chain.doFilter(request, response);
    }

    private boolean valid(String token) {
        try {
            decoder.decode(token);
            return true;
        } catch (JwtException e) {
            return false;
        }
    }
}
