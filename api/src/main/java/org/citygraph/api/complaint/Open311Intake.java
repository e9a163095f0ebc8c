package org.citygraph.api.complaint;

import org.citygraph.graph.Viewer;
import org.citygraph.graph.complaint.Complaint;
import org.citygraph.graph.complaint.ComplaintContact;
import org.springframework.stereotype.Component;

/** The intake as the Open311 door uses it (another package): limit, then submit. */
@Component
public class Open311Intake {

    /** Over the public limit; retry after the seconds given. */
    public static class TooMany extends RuntimeException {
        private final long retryAfterSeconds;

        TooMany(long retryAfterSeconds) {
            super("Too many requests from your address; try again in " + retryAfterSeconds + " s.");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final ComplaintIntake intake;

    Open311Intake(ComplaintIntake intake) {
        this.intake = intake;
    }

    /** Refused input throws {@link org.citygraph.graph.InvalidInputException}. */
    public Complaint submit(Viewer viewer, String clientAddress, String serviceCode, String description, String address,
                            Double latitude, Double longitude, String mediaUrl, ComplaintContact contact) {
        try {
            intake.admit(viewer, clientAddress);
        } catch (ComplaintIntake.TooManySubmissions e) {
            throw new TooMany(e.retryAfterSeconds());
        }
        return intake.submit(viewer, new Submission(serviceCode, description, address, latitude, longitude, mediaUrl, contact));
    }
}
