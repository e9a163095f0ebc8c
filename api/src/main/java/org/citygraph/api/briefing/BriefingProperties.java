package org.citygraph.api.briefing;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Live briefings ({@code citygraph.briefings.*}).
 *
 * @param iceServers       STUN and TURN servers the browsers use to reach each other (none: same network only)
 * @param meshLimit        participants who exchange video with everyone; later ones watch the presenter
 * @param heartbeat        how often a participant's browser says it is still there
 * @param presenceTimeout  a participant not heard from for this long has left
 * @param maxDeckSize      the largest PDF deck accepted
 * @param journalBatch     the most chat messages and slide changes written in one transaction
 */
@Validated
@ConfigurationProperties("citygraph.briefings")
public record BriefingProperties(
        @DefaultValue({}) List<IceServer> iceServers,
        @Min(2) @Max(16) @DefaultValue("6") int meshLimit,
        @NotNull @DefaultValue("3s") Duration heartbeat,
        @NotNull @DefaultValue("10s") Duration presenceTimeout,
        @NotNull @DefaultValue("20MB") DataSize maxDeckSize,
        @Min(1) @DefaultValue("500") int journalBatch) {

    public BriefingProperties {
        if (heartbeat.compareTo(presenceTimeout) >= 0) {
            throw new IllegalArgumentException("citygraph.briefings.heartbeat (" + heartbeat
                    + ") must be shorter than citygraph.briefings.presence-timeout (" + presenceTimeout + ")");
        }
    }

    /** How often browsers send heartbeats, in whole seconds as the schema gives it. */
    int heartbeatSeconds() {
        return (int) Math.max(1, heartbeat.toSeconds());
    }

    /** One ICE server as the browser's RTCPeerConnection takes it. */
    public record IceServer(List<String> urls, String username, String credential) {
    }
}
