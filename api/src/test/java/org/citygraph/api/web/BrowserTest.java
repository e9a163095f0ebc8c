package org.citygraph.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.citygraph.api.support.ApiTest;
import org.citygraph.graph.TestGraph;
import org.citygraph.graph.Viewer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web client in real Chromium against the real hub on its random port: a person logs in,
 * searches, opens a district, watches an issue change arrive live after another client changed it,
 * pages through the news, switches the language; an admin issues an API key, sees it once and
 * revokes it, registers, tests and removes a webhook, and sees the accounts. The steps are
 * {@code web-client/e2e/run.mjs} (playwright-core driving Debian's Chromium, which the web-client
 * build installs when missing); this test starts it, feeds it the address and two accounts (staff
 * and admin), and checks what it reports. Screenshots
 * of each screen are left in {@code target/browser-screenshots}.
 */
class BrowserTest extends ApiTest {

    private static final Path WEB_CLIENT = Path.of("..", "web-client").toAbsolutePath().normalize();
    private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots").toAbsolutePath();
    private static final long TIMEOUT_SECONDS = 150;

    @BeforeAll
    static void demoCity() {
        TestGraph.resetToDemo();
    }

    @Test
    void aStaffMemberWorksThroughTheScreens() throws Exception {
        assertThat(WEB_CLIENT.resolve("node_modules/playwright-core"))
                .as("the web client's npm packages (built by the web-client module)").isDirectory();
        token(Viewer.Role.STAFF); // creates the account test-staff, with PASSWORD, through the real store
        token(Viewer.Role.ADMIN); // and test-admin, who visits the admin pages
        Files.createDirectories(SCREENSHOTS);

        var builder = new ProcessBuilder("node", "e2e/run.mjs").directory(WEB_CLIENT.toFile()).redirectErrorStream(true);
        builder.environment().put("BASE_URL", baseUrl());
        builder.environment().put("E2E_USER", "test-staff");
        builder.environment().put("E2E_PASSWORD", PASSWORD);
        builder.environment().put("E2E_ADMIN_USER", "test-admin");
        builder.environment().put("E2E_ADMIN_PASSWORD", PASSWORD);
        builder.environment().put("SCREENSHOT_DIR", SCREENSHOTS.toString());
        var process = builder.start();
        var output = new StringBuilder();
        var reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> {
                    System.out.println("[browser] " + line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                });
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        }, "browser-test-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        reader.join(5_000);
        String report;
        synchronized (output) {
            report = output.toString();
        }

        assertThat(finished).as("the browser steps ended within %d s:%n%s", TIMEOUT_SECONDS, report).isTrue();
        assertThat(process.exitValue()).as(report).isZero();
        assertThat(report)
                .contains("PASS overview loads in Korean and goes live")
                .contains("PASS switch language to English and back")
                .contains("PASS log in")
                .contains("PASS search and open a district")
                .contains("PASS an issue changed by another client updates live")
                .contains("PASS page through news")
                .contains("PASS admin: API keys, webhooks and accounts")
                .containsPattern("e2e: \\d+ passed, 0 failed");
        assertThat(SCREENSHOTS.resolve("05-issue-live.png")).isNotEmptyFile();
        assertThat(SCREENSHOTS.resolve("11-admin-key-shown-once.png")).isNotEmptyFile();
    }
}
