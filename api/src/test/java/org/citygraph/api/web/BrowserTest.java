package org.citygraph.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.citygraph.api.support.ApiTest;
import org.citygraph.api.support.BrowserSteps;
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

    private static final long TIMEOUT_SECONDS = 150;

    @BeforeAll
    static void demoCity() {
        TestGraph.resetToDemo();
    }

    @Test
    void aStaffMemberWorksThroughTheScreens() throws Exception {
        token(Viewer.Role.STAFF); // creates the account test-staff, with PASSWORD, through the real store
        token(Viewer.Role.ADMIN); // and test-admin, who visits the admin pages
        var report = BrowserSteps.run("e2e/run.mjs", baseUrl(), Map.of(
                "E2E_USER", "test-staff", "E2E_PASSWORD", PASSWORD,
                "E2E_ADMIN_USER", "test-admin", "E2E_ADMIN_PASSWORD", PASSWORD), TIMEOUT_SECONDS);
        assertThat(report)
                .contains("PASS overview loads in Korean and goes live")
                .contains("PASS switch language to English and back")
                .contains("PASS log in")
                .contains("PASS search and open a district")
                .contains("PASS an issue changed by another client updates live")
                .contains("PASS page through news")
                .contains("PASS admin: API keys, webhooks and accounts")
                .containsPattern("e2e: \\d+ passed, 0 failed");
        assertThat(BrowserSteps.SCREENSHOTS.resolve("05-issue-live.png")).isNotEmptyFile();
        assertThat(BrowserSteps.SCREENSHOTS.resolve("11-admin-key-shown-once.png")).isNotEmptyFile();
    }
}
