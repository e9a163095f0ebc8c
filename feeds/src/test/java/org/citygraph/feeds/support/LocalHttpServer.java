package org.citygraph.feeds.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A real HTTP server on loopback whose answers each test programs: feeds, redirects, errors, slowness. */
public final class LocalHttpServer implements AutoCloseable {

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    public LocalHttpServer(String host) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            var path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            var handler = routes.get(path);
            try {
                if (handler == null) {
                    send(exchange, 404, "text/plain", "not found".getBytes());
                } else {
                    handler.handle(exchange);
                }
            } catch (IOException e) {
                // the client went away
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public LocalHttpServer() {
        this("127.0.0.1");
    }

    public String url(String path) {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public LocalHttpServer route(String path, Handler handler) {
        routes.put(path, handler);
        return this;
    }

    public int hits(String path) {
        var count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    public static Handler ok(String contentType, byte[] body) {
        return exchange -> send(exchange, 200, contentType, body);
    }

    public static Handler status(int code) {
        return exchange -> send(exchange, code, "text/plain", ("status " + code).getBytes());
    }

    public static Handler redirect(String location) {
        return exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
        };
    }

    /** Answers with an ETag, and with 304 when the client sends it back. */
    public static Handler withEtag(String contentType, byte[] body, String etag) {
        return exchange -> {
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().add("ETag", etag);
            send(exchange, 200, contentType, body);
        };
    }

    public static Handler gzip(String contentType, byte[] body) {
        return exchange -> {
            var out = new ByteArrayOutputStream();
            try (var gzip = new GZIPOutputStream(out)) {
                gzip.write(body);
            }
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            send(exchange, 200, contentType, out.toByteArray());
        };
    }

    /** Sends the headers, then waits before sending the body. */
    public static Handler slow(long millis, String contentType, byte[] body) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseBody().write(body);
        };
    }

    /** Sends a body slowly but steadily, a chunk every {@code millis}, forever: only a total timeout ends it. */
    public static Handler trickle(long millis) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            var out = exchange.getResponseBody();
            try {
                for (int i = 0; i < 100_000; i++) {
                    out.write("<!-- trickle -->\n".getBytes());
                    out.flush();
                    Thread.sleep(millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    public static void send(HttpExchange exchange, int code, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
