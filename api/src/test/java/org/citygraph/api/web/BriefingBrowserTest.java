package org.citygraph.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.citygraph.api.support.ApiTest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.user.Users;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A live briefing in two real Chromium pages with fake cameras and microphones, against the real hub
 * on its random port: a staff host and an invited partner see each other's video, the partner
 * follows the presenter's slides (within a second), chat arrives, a live data slide updates after
 * another client's change, and leaving updates presence. The steps are
 * {@code web-client/e2e/briefing.mjs}, run like {@link BrowserTest}'s.
 */
class BriefingBrowserTest extends ApiTest {

    private static final Path WEB_CLIENT = Path.of("..", "web-client").toAbsolutePath().normalize();
    private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots").toAbsolutePath();
    private static final long TIMEOUT_SECONDS = 120;

    @Autowired
    Users users;

    @Autowired
    PasswordEncoder encoder;

    void account(String username, Viewer.Role role, String agencyId) {
        if (users.credentials(username).isEmpty()) {
            users.create(username, username, role, agencyId, encoder.encode(PASSWORD));
        }
    }

    @Test
    void aHostAndAPartnerMeetInTheBrowser() throws Exception {
        assertThat(WEB_CLIENT.resolve("node_modules/playwright-core")).isDirectory();
        // accounts of this test's own, so that what other tests did with the shared ones (their
        // request budgets, sessions) cannot get in the way
        account("briefing-host", Viewer.Role.STAFF, null);
        account("briefing-guest", Viewer.Role.PARTNER, PARTNER_AGENCY);
        Files.createDirectories(SCREENSHOTS);

        var builder = new ProcessBuilder("node", "e2e/briefing.mjs").directory(WEB_CLIENT.toFile()).redirectErrorStream(true);
        builder.environment().put("BASE_URL", baseUrl());
        builder.environment().put("HOST_USER", "briefing-host");
        builder.environment().put("GUEST_USER", "briefing-guest");
        builder.environment().put("E2E_PASSWORD", PASSWORD);
        builder.environment().put("SCREENSHOT_DIR", SCREENSHOTS.toString());
        var process = builder.start();
        var output = new StringBuilder();
        var reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> {
                    System.out.println("[briefing browser] " + line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                });
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        }, "briefing-browser-output");
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
                .contains("PASS each sees the other's video (frames decoded)")
                .contains("PASS the presenter changes the slide and the viewer follows within a second")
                .contains("PASS chat arrives")
                .contains("PASS a live data slide updates after a mutation")
                .contains("PASS leaving updates presence")
                .containsPattern("e2e: \\d+ passed, 0 failed");
    }
}
