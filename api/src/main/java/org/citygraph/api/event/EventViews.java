package org.citygraph.api.event;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.citygraph.graph.Viewer;
import org.citygraph.graph.complaint.Complaint;
import org.citygraph.graph.complaint.Complaints;
import org.citygraph.graph.dataset.Dataset;
import org.citygraph.graph.dataset.DatasetFacts;
import org.citygraph.graph.dataset.Datasets;
import org.citygraph.graph.event.GraphEvent;
import org.citygraph.graph.issue.Issue;
import org.citygraph.graph.issue.IssueFacts;
import org.citygraph.graph.issue.Issues;
import org.citygraph.graph.news.NewsFacts;
import org.citygraph.graph.news.NewsItem;
import org.citygraph.graph.news.NewsItems;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * What an event looks like to its subscribers, read once and shared by all of them: the facts that
 * filters match on, and the node as each class of viewer may see it (anonymous, staff, or the
 * partners of one agency), read through the graph model's viewer rules. Ten thousand anonymous
 * subscribers of one event cost one read, not ten thousand.
 * <p>
 * A read is reused for later events about the same node as long as it was made after they were
 * committed: it records the stream position before it ran, and serves events up to that position.
 */
@Component
public class EventViews {

    /** Viewers that see the same: staff and admins, the partners of one agency, or anonymous visitors. */
    record ViewerClass(boolean all, String agencyId) {

        static final ViewerClass ANYONE = new ViewerClass(false, null);

        static ViewerClass of(Viewer viewer) {
            return new ViewerClass(viewer.seesEverything(), (String) viewer.asParameter().get("agencyId"));
        }

        Viewer representative() {
            if (all) {
                return new Viewer(null, "events", Viewer.Role.STAFF, null);
            }
            return agencyId == null ? Viewer.ANONYMOUS : new Viewer(null, "events", Viewer.Role.PARTNER, agencyId);
        }
    }

    private record Key(String subjectId, String what, ViewerClass viewers) {
    }

    /** A read and the last event sequence it reflects. */
    private record Read(Object value, long validThrough) {
    }

    private final Issues issues;
    private final NewsItems news;
    private final Datasets datasets;
    private final EventStream stream;
    private final Complaints complaints;
    private final Cache<Key, Read> reads = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterWrite(Duration.ofSeconds(30)).build();

    public EventViews(Issues issues, NewsItems news, Datasets datasets, EventStream stream, Complaints complaints) {
        this.complaints = complaints;
        this.issues = issues;
        this.news = news;
        this.datasets = datasets;
        this.stream = stream;
    }

    /** Facts of the event's issue; empty when the issue no longer exists. */
    public Optional<IssueFacts> issueFacts(GraphEvent event) {
        return read(event, "facts", ViewerClass.ANYONE, () -> issues.facts(List.of(event.subjectId())).get(event.subjectId()));
    }

    /** The event's issue as the viewer may see it now; empty when it may not. */
    public Optional<Issue> issue(GraphEvent event, Viewer viewer) {
        var viewers = ViewerClass.of(viewer);
        return read(event, "node", viewers, () -> issues.byId(viewers.representative(), event.subjectId()).orElse(null));
    }

    public Optional<NewsFacts> newsFacts(GraphEvent event) {
        return read(event, "facts", ViewerClass.ANYONE, () -> news.facts(List.of(event.subjectId())).get(event.subjectId()));
    }

    /** News is public; the item is empty only when it no longer exists. */
    public Optional<NewsItem> newsItem(GraphEvent event) {
        return read(event, "node", ViewerClass.ANYONE, () -> news.byIds(List.of(event.subjectId())).stream().findFirst().orElse(null));
    }

    public Optional<DatasetFacts> datasetFacts(GraphEvent event) {
        return read(event, "facts", ViewerClass.ANYONE, () -> datasets.facts(List.of(event.subjectId())).get(event.subjectId()));
    }

    public Optional<Dataset> dataset(GraphEvent event, Viewer viewer) {
        var viewers = ViewerClass.of(viewer);
        return read(event, "node", viewers, () -> datasets.byId(viewers.representative(), event.subjectId()).orElse(null));
    }

    /** Complaints are public, without their contact details, which this record never holds. */
    public Optional<Complaint> complaint(GraphEvent event) {
        return read(event, "node", ViewerClass.ANYONE, () -> complaints.byId(event.subjectId()).orElse(null));
    }

    /** A district and the districts it lies in, for filters that name a larger district. */
    public List<String> districtLineage(String districtId) {
        return lineages.get(districtId, complaints::districtLineage);
    }

    private final Cache<String, List<String>> lineages = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    @SuppressWarnings("unchecked")
    private <T> Optional<T> read(GraphEvent event, String what, ViewerClass viewers, Supplier<T> load) {
        var key = new Key(event.subjectId(), what, viewers);
        var cached = reads.getIfPresent(key);
        if (cached != null && event.seq() <= cached.validThrough()) {
            return Optional.ofNullable((T) cached.value());
        }
        // Everything up to this position was committed before the read starts, so the read reflects it.
        long position = Math.max(stream.position(), event.seq());
        var value = load.get();
        reads.asMap().merge(key, new Read(value, position), (old, fresh) -> fresh.validThrough() >= old.validThrough() ? fresh : old);
        return Optional.ofNullable(value);
    }
}
