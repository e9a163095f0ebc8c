package org.citygraph.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.citygraph.api.support.ApiTest;
import org.citygraph.api.support.BrowserSteps;
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
        // accounts of this test's own, so that what other tests did with the shared ones (their
        // request budgets, sessions) cannot get in the way
        account("briefing-host", Viewer.Role.STAFF, null);
        account("briefing-guest", Viewer.Role.PARTNER, PARTNER_AGENCY);
        var report = BrowserSteps.run("e2e/briefing.mjs", baseUrl(), Map.of(
                "HOST_USER", "briefing-host", "GUEST_USER", "briefing-guest", "E2E_PASSWORD", PASSWORD), TIMEOUT_SECONDS);
        assertThat(report)
                .contains("PASS each sees the other's video (frames decoded)")
                .contains("PASS the presenter changes the slide and the viewer follows within a second")
                .contains("PASS chat arrives")
                .contains("PASS a live data slide updates after a mutation")
                .contains("PASS leaving updates presence")
                .containsPattern("e2e: \\d+ passed, 0 failed");
    }
}
