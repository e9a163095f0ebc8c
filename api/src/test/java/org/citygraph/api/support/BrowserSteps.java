package org.citygraph.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the web client's browser scripts ({@code web-client/e2e/*.mjs}: playwright-core
 * driving Debian's Chromium) against the hub, echoes its lines into the test's output, and returns
 * what it reported once it ended with success. Screenshots go to {@code target/browser-screenshots}.
 */
public final class BrowserSteps {

    public static final Path WEB_CLIENT = Path.of("..", "web-client").toAbsolutePath().normalize();
    public static final Path SCREENSHOTS = Path.of("target", "browser-screenshots").toAbsolutePath();

    private BrowserSteps() {
    }

    /** Runs {@code script} with {@code environment} (plus BASE_URL and SCREENSHOT_DIR); fails unless it ends in time with 0. */
    public static String run(String script, String baseUrl, Map<String, String> environment, long timeoutSeconds)
            throws IOException, InterruptedException {
        assertThat(WEB_CLIENT.resolve("node_modules/playwright-core"))
                .as("the web client's npm packages (built by the web-client module)").isDirectory();
        Files.createDirectories(SCREENSHOTS);
        var builder = new ProcessBuilder("node", script).directory(WEB_CLIENT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("BASE_URL", baseUrl);
        builder.environment().put("SCREENSHOT_DIR", SCREENSHOTS.toString());
        var process = builder.start();
        var output = new StringBuilder();
        var reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> {
                    System.out.println("[" + script + "] " + line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                });
            } catch (IOException ignored) {
                // the process ended
            }
        }, "browser-steps-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        reader.join(5_000);
        String report;
        synchronized (output) {
            report = output.toString();
        }
        assertThat(finished).as("the browser steps ended within %d s:%n%s", timeoutSeconds, report).isTrue();
        assertThat(process.exitValue()).as(report).isZero();
        return report;
    }
}
