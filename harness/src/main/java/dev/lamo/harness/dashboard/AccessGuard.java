package dev.lamo.harness.dashboard;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Who may read the dashboard. Every request passes here first: only GET and HEAD; no path that tries to leave a
 * folder; on loopback, only the Host names of this machine (a page elsewhere cannot rebind a name to 127.0.0.1 and
 * read it); off loopback, the access token once as {@code ?token=} (answered with an HttpOnly cookie and a redirect
 * that drops it from the address bar), then that cookie on every request and event stream. Both are compared in
 * constant time.
 */
final class AccessGuard {

    static final String COOKIE = "lamo_dashboard";

    private final byte[] token;
    private final byte[] session;
    private final Set<String> allowedHosts;

    /**
     * @param token        the access token, or null when the server is on loopback (no token asked for)
     * @param allowedHosts Host header values accepted on loopback (ignored with a token)
     */
    AccessGuard(String token, Set<String> allowedHosts) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.session = token == null ? null : newToken().getBytes(StandardCharsets.UTF_8);
        this.allowedHosts = allowedHosts;
    }

    /** 32 random bytes, URL-safe. */
    static String newToken() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static boolean sameSecret(byte[] expected, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** True when a path or query tries to climb out of a folder, also when percent-encoded (once or twice). */
    static boolean climbs(String uri) {
        String decoded = uri;
        for (int i = 0; i < 3; i++) {
            String d;
            try {
                d = URLDecoder.decode(decoded.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return true; // malformed escapes: refuse rather than guess
            }
            if (d.equals(decoded)) {
                break;
            }
            decoded = d;
        }
        String unified = decoded.replace('\\', '/');
        for (String part : unified.split("[/?&=]")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return unified.indexOf('\0') >= 0;
    }

    void handle(RoutingContext ctx) {
        var request = ctx.request();
        var response = ctx.response();
        response.putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'")
                .putHeader("Cache-Control", "no-store");
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            refuse(ctx, 405, "read-only dashboard: only GET");
            return;
        }
        if (climbs(request.uri())) {
            refuse(ctx, 403, "path outside the results folders refused");
            return;
        }
        if (token == null) {
            // the authority is the Host header in HTTP/1.1 and :authority in HTTP/2
            var authority = request.authority();
            String host = authority == null ? null
                    : authority.host().replaceAll("^\\[|]$", "") + ":" + authority.port();
            if (host == null || !allowedHosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
                refuse(ctx, 403, "unexpected Host header");
                return;
            }
            ctx.next();
            return;
        }
        String presented = request.getParam("token");
        if (presented != null) {
            if (!sameSecret(token, presented)) {
                refuse(ctx, 401, "wrong access token");
                return;
            }
            response.addCookie(Cookie.cookie(COOKIE, new String(session, StandardCharsets.UTF_8)).setHttpOnly(true)
                    .setSecure(true).setSameSite(CookieSameSite.STRICT).setPath("/"));
            if (request.path().equals("/")) {
                response.setStatusCode(303).putHeader("Location", "/").end();
                return;
            }
            ctx.next();
            return;
        }
        Cookie cookie = request.getCookie(COOKIE);
        if (cookie == null || !sameSecret(session, cookie.getValue())) {
            refuse(ctx, 401, "access token required: open the address printed by lamo dashboard (with ?token=)");
            return;
        }
        ctx.next();
    }

    /** @param host a host name or address, without brackets */
    void allowHost(String host, int port) {
        allowedHosts.add(host.toLowerCase(java.util.Locale.ROOT) + ":" + port);
    }

    static void refuse(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message + "\n");
    }
}
