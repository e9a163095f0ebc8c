package org.citygraph.api.complaint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

import org.citygraph.api.event.EventBus;
import org.citygraph.api.security.RateLimits;
import org.citygraph.feeds.link.LiveLinker;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.Written;
import org.citygraph.graph.complaint.Complaint;
import org.citygraph.graph.complaint.ComplaintDraft;
import org.citygraph.graph.complaint.Complaints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes in a complaint from either door (GraphQL or Open311): the public limit per address, the
 * district from the coordinates (the nearest district centre within the city) or else from what the
 * address names, the districts, agencies and issues the text names (the news linker), then one write
 * with the duplicate suggestions, and its event published after commit.
 */
@Component
class ComplaintIntake {

    /** A public caller sent too many submissions; retry after the given seconds. */
    static class TooManySubmissions extends RuntimeException {
        private final long retryAfterSeconds;

        TooManySubmissions(long retryAfterSeconds) {
            super("Too many submissions from your address; try again in " + retryAfterSeconds + " s.");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ComplaintIntake.class);
    private static final String CITY_LEVEL_ID = "dst_nonsan";

    private final Complaints complaints;
    private final LiveLinker linker;
    private final RateLimits limits;
    private final EventBus bus;
    private final ComplaintProperties properties;

    ComplaintIntake(Complaints complaints, LiveLinker linker, RateLimits limits, EventBus bus, ComplaintProperties properties) {
        this.complaints = complaints;
        this.linker = linker;
        this.limits = limits;
        this.bus = bus;
        this.properties = properties;
    }

    /** Counts a public submission against the caller's address; throws when over the limit. */
    void admit(Viewer viewer, String clientAddress) {
        OptionalLong wait = limits.tryIntake(viewer, clientAddress);
        if (wait.isPresent()) {
            LOG.info("Public intake from {} refused: over the limit", clientAddress);
            throw new TooManySubmissions(wait.getAsLong());
        }
    }

    /** Stores the complaint and publishes its event; refused input throws {@link InvalidInputException}. */
    Complaint submit(Viewer viewer, Submission submission) {
        var mentions = new ArrayList<ComplaintDraft.Mentioned>();
        if (submission.description() != null && submission.description().length() <= Complaints.MAX_DESCRIPTION) {
            linker.find(null, submission.description()).forEach(m ->
                    mentions.add(new ComplaintDraft.Mentioned(m.type(), m.targetId(), m.text(), m.confidence())));
        }
        String districtId = null;
        if (submission.latitude() != null && submission.longitude() != null
                && Math.abs(submission.latitude()) <= 90 && Math.abs(submission.longitude()) <= 180) {
            districtId = complaints.districtAt(submission.latitude(), submission.longitude(), properties.cityRadiusMeters())
                    .orElseThrow(() -> new InvalidInputException(List.of(new InvalidInputException.FieldError(
                            List.of("input", "latitude"), "OUTSIDE_CITY",
                            "The place is outside the city this hub serves."))));
        } else if (submission.address() != null && !submission.address().isBlank()) {
            districtId = mostSpecificDistrict(linker.find(null, submission.address()).stream()
                    .filter(m -> m.type() == NodeType.DISTRICT)
                    .map(m -> new ComplaintDraft.Mentioned(m.type(), m.targetId(), m.text(), m.confidence())).toList());
        }
        if (districtId == null) {
            districtId = mostSpecificDistrict(mentions.stream().filter(m -> m.type() == NodeType.DISTRICT).toList());
        }
        var draft = new ComplaintDraft(submission.serviceCode(), submission.description(), submission.address(),
                submission.latitude(), submission.longitude(), submission.mediaUrl(), submission.contact(), districtId,
                mentions, null);
        Written<Complaint> written = complaints.create(viewer, draft, properties.duplicateMeters(), properties.duplicateWindow());
        bus.publish(written.events());
        var complaint = written.value();
        LOG.info("Complaint {} received: {} in {}, responsible {}, {} mention(s)", complaint.id(), complaint.serviceCode(),
                complaint.districtId(), complaint.agencyId(), mentions.size());
        return complaint;
    }

    /** A town or township rather than the whole city, when the text names one; the strongest evidence first. */
    private static String mostSpecificDistrict(List<ComplaintDraft.Mentioned> districts) {
        return districts.stream()
                .sorted(Comparator.comparing((ComplaintDraft.Mentioned m) -> m.id().equals(CITY_LEVEL_ID))
                        .thenComparing(ComplaintDraft.Mentioned::confidence, Comparator.reverseOrder()))
                .map(ComplaintDraft.Mentioned::id).findFirst().orElse(null);
    }
}
