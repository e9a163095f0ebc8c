package org.citygraph.graph.feed;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citygraph.graph.Cursor;
import org.citygraph.graph.Existence;
import org.citygraph.graph.Graph;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.InvalidInputException.FieldError;
import org.citygraph.graph.Keyset;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.NotFoundException;
import org.citygraph.graph.Page;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Relations;

/**
 * Feeds and the state of their polling. Polling instances claim due feeds with a lease, so that
 * several instances never poll one feed at once, and record every attempt: success, 304, or
 * failure with its kind.
 */
public final class Feeds {

    public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    public static final Duration MAX_INTERVAL = Duration.ofDays(1);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);
    public static final int KEPT_ERRORS = 20;

    private static final String BY_IDS = """
            UNWIND $ids AS id
            MATCH (n:Feed {id: id})
            RETURN id, n""";

    private static final String BY_URL = "MATCH (n:Feed {url: $url}) RETURN n";

    private static final String LIST = """
            MATCH (n:Feed)
            WHERE ($enabled IS NULL OR n.enabled = $enabled)
              AND ($failing IS NULL OR (n.consecutiveErrors > 0) = $failing)
              AND %s
            RETURN n ORDER BY %s LIMIT $limit""";

    private static final String COUNT = """
            MATCH (n:Feed)
            WHERE ($enabled IS NULL OR n.enabled = $enabled)
              AND ($failing IS NULL OR (n.consecutiveErrors > 0) = $failing)
            RETURN count(n) AS total""";

    private static final String ALL = "MATCH (n:Feed) RETURN n ORDER BY n.title, n.id";

    private static final String CREATE = """
            CREATE (n:Feed {id: $id, url: $url, title: $title, language: $language, pollIntervalSeconds: $interval,
                            enabled: $enabled, consecutiveErrors: 0, itemCount: 0, createdAt: datetime(),
                            nextPollAt: datetime()})
            WITH n
            CALL (n) {
              WITH n WHERE $publisherId IS NOT NULL
              MATCH (a:Agency {id: $publisherId})
              CREATE (n)-[:PUBLISHED_BY]->(a)
            }
            RETURN n""";

    private static final String UPDATE = """
            MATCH (n:Feed {id: $id})
            SET n += $props
            WITH n
            CALL (n) {
              WITH n WHERE $publisherId IS NOT NULL
              OPTIONAL MATCH (n)-[old:PUBLISHED_BY]->()
              DELETE old
              WITH DISTINCT n
              MATCH (a:Agency {id: $publisherId})
              CREATE (n)-[:PUBLISHED_BY]->(a)
            }
            RETURN n""";

    private static final String REMOVE = """
            MATCH (n:Feed {id: $id})
            OPTIONAL MATCH (n)-[:HAD_ERROR]->(e:FeedError)
            DETACH DELETE e
            WITH DISTINCT n
            DETACH DELETE n
            RETURN count(*) AS removed""";

    private static final String CLAIM = """
            MATCH (n:Feed)
            WHERE n.enabled AND n.nextPollAt <= $now
            WITH n ORDER BY n.nextPollAt LIMIT $limit
            SET n.nextPollAt = $leaseUntil
            RETURN n""";

    private static final String SUCCESS = """
            MATCH (n:Feed {id: $id})
            SET n.lastFetchAt = $at, n.lastSuccessAt = $at, n.consecutiveErrors = 0, n.lastErrorKind = null,
                n.lastErrorMessage = null, n.nextPollAt = $next, n.etag = $etag, n.lastModified = $lastModified,
                n.title = coalesce(n.title, $title), n.itemCount = COUNT { (n)<-[:FROM_FEED]-() }
            RETURN n""";

    private static final String NOT_MODIFIED = """
            MATCH (n:Feed {id: $id})
            SET n.lastFetchAt = $at, n.lastSuccessAt = $at, n.consecutiveErrors = 0, n.lastErrorKind = null,
                n.lastErrorMessage = null, n.nextPollAt = $next
            RETURN n""";

    private static final String FAILURE = """
            MATCH (n:Feed {id: $id})
            SET n.lastFetchAt = $at, n.consecutiveErrors = coalesce(n.consecutiveErrors, 0) + 1, n.lastErrorKind = $kind,
                n.lastErrorMessage = $message, n.nextPollAt = $next
            CREATE (n)-[:HAD_ERROR]->(:FeedError {at: $at, kind: $kind, message: $message})
            WITH n
            CALL (n) {
              MATCH (n)-[:HAD_ERROR]->(old:FeedError)
              WITH old ORDER BY old.at DESC SKIP $kept
              DETACH DELETE old
            }
            RETURN n""";

    private static final String POLL_AT = """
            MATCH (n:Feed {id: $id})
            SET n.nextPollAt = $at
            RETURN n""";

    private static final String ERRORS = """
            UNWIND $ids AS id
            MATCH (:Feed {id: id})-[:HAD_ERROR]->(e:FeedError)
            RETURN id, e ORDER BY e.at DESC""";

    private static final String PUBLISHERS = """
            UNWIND $ids AS id
            MATCH (:Feed {id: id})-[:PUBLISHED_BY]->(a:Agency)
            RETURN id, a.id AS agencyId""";

    private final Graph graph;

    public Feeds(Graph graph) {
        this.graph = graph;
    }

    public Optional<Feed> byId(String id) {
        return byIds(List.of(id)).stream().findFirst();
    }

    public List<Feed> byIds(Collection<String> ids) {
        return Relations.grouped(graph, BY_IDS, ids, r -> Feed.from(r.get("n"))).values().stream().flatMap(List::stream).toList();
    }

    public Optional<Feed> byUrl(String url) {
        return graph.read(tx -> tx.run(BY_URL, Map.of("url", url)).stream().findFirst().map(r -> Feed.from(r.get("n"))));
    }

    /** Feeds by title; {@code enabled} and {@code failing} narrow the list when given. */
    public Page<Feed> list(Boolean enabled, Boolean failing, PageRequest page, boolean count) {
        var keyset = Keyset.of("n", "title", false, page);
        var params = new HashMap<String, Object>(keyset.parameters());
        params.put("enabled", enabled);
        params.put("failing", failing);
        return graph.read(tx -> {
            var rows = tx.run(LIST.formatted(keyset.predicate(), keyset.orderBy()), params).list(r -> Feed.from(r.get("n")));
            Long total = count ? tx.run(COUNT, params).single().get("total").asLong() : null;
            return Page.of(rows, page, f -> new Cursor(f.title(), f.id()), total);
        });
    }

    public List<Feed> all() {
        return graph.read(tx -> tx.run(ALL).list(r -> Feed.from(r.get("n"))));
    }

    public Feed create(FeedDraft draft) {
        var errors = new ArrayList<FieldError>();
        if (draft.url() == null || draft.url().isBlank()) {
            errors.add(error("url", "REQUIRED", "Give the feed's URL."));
        }
        validate(draft, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var params = new HashMap<String, Object>();
        params.put("id", NodeType.FEED.newId());
        params.put("url", draft.url().strip());
        params.put("title", draft.title() == null || draft.title().isBlank() ? null : draft.title().strip());
        params.put("language", draft.language());
        params.put("interval", (draft.pollInterval() == null ? DEFAULT_INTERVAL : draft.pollInterval()).toSeconds());
        params.put("enabled", draft.enabled() == null || draft.enabled());
        params.put("publisherId", draft.publisherId());
        return graph.write(tx -> {
            if (tx.run(BY_URL, Map.of("url", draft.url().strip())).hasNext()) {
                throw new InvalidInputException(List.of(error("url", "DUPLICATE", "A feed with this URL is already registered.")));
            }
            if (draft.publisherId() != null) {
                Existence.require(tx, NodeType.AGENCY, List.of(draft.publisherId()), "publisherId");
            }
            return Feed.from(tx.run(CREATE, params).single().get("n"));
        });
    }

    public Feed update(String id, FeedDraft changes) {
        var errors = new ArrayList<FieldError>();
        validate(changes, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var props = new HashMap<String, Object>();
        if (changes.url() != null) {
            props.put("url", changes.url().strip());
            props.put("etag", null);
            props.put("lastModified", null);
        }
        if (changes.title() != null) {
            props.put("title", changes.title().strip());
        }
        if (changes.language() != null) {
            props.put("language", changes.language());
        }
        if (changes.pollInterval() != null) {
            props.put("pollIntervalSeconds", changes.pollInterval().toSeconds());
        }
        if (changes.enabled() != null) {
            props.put("enabled", changes.enabled());
            if (changes.enabled()) {
                props.put("consecutiveErrors", 0);
                props.put("nextPollAt", OffsetDateTime.now());
            }
        }
        var params = new HashMap<String, Object>();
        params.put("id", id);
        params.put("props", props);
        params.put("publisherId", changes.publisherId());
        return graph.write(tx -> {
            if (changes.url() != null) {
                var other = tx.run(BY_URL, Map.of("url", changes.url().strip())).list(r -> r.get("n").get("id").asString());
                if (!other.isEmpty() && !other.get(0).equals(id)) {
                    throw new InvalidInputException(List.of(error("url", "DUPLICATE", "A feed with this URL is already registered.")));
                }
            }
            if (changes.publisherId() != null) {
                Existence.require(tx, NodeType.AGENCY, List.of(changes.publisherId()), "publisherId");
            }
            return tx.run(UPDATE, params).stream().findFirst().map(r -> Feed.from(r.get("n")))
                    .orElseThrow(() -> new NotFoundException("id", id));
        });
    }

    /** Removes a feed and its error log; the news it brought stays. */
    public void remove(String id) {
        long removed = graph.write(tx -> tx.run(REMOVE, Map.of("id", id)).single().get("removed").asLong());
        if (removed == 0) {
            throw new NotFoundException("id", id);
        }
    }

    /** Takes up to {@code limit} due feeds for this instance until {@code leaseUntil}; nobody else polls them meanwhile. */
    public List<Feed> claimDue(OffsetDateTime now, int limit, OffsetDateTime leaseUntil) {
        if (limit <= 0) {
            return List.of();
        }
        return graph.write(tx -> tx.run(CLAIM, Map.of("now", now, "limit", limit, "leaseUntil", leaseUntil))
                .list(r -> Feed.from(r.get("n"))));
    }

    /** Records a successful poll inside the transaction that stored its items, so that both commit or neither. */
    public static Feed recordSuccess(Graph.Tx tx, String id, OffsetDateTime at, String etag, String lastModified, String title,
                                     OffsetDateTime next) {
        var params = new HashMap<String, Object>();
        params.put("id", id);
        params.put("at", at);
        params.put("etag", etag);
        params.put("lastModified", lastModified);
        params.put("title", title);
        params.put("next", next);
        return Feed.from(tx.run(SUCCESS, params).single().get("n"));
    }

    public Feed recordNotModified(String id, OffsetDateTime at, OffsetDateTime next) {
        return graph.write(tx -> Feed.from(tx.run(NOT_MODIFIED, Map.of("id", id, "at", at, "next", next)).single().get("n")));
    }

    public Feed recordFailure(String id, OffsetDateTime at, String kind, String message, OffsetDateTime next) {
        var params = new HashMap<String, Object>();
        params.put("id", id);
        params.put("at", at);
        params.put("kind", kind);
        params.put("message", message == null ? kind : message.length() > 500 ? message.substring(0, 500) : message);
        params.put("next", next);
        params.put("kept", KEPT_ERRORS);
        return graph.write(tx -> Feed.from(tx.run(FAILURE, params).single().get("n")));
    }

    public Feed pollAt(String id, OffsetDateTime at) {
        return graph.write(tx -> tx.run(POLL_AT, Map.of("id", id, "at", at)).stream().findFirst()
                .map(r -> Feed.from(r.get("n"))).orElseThrow(() -> new NotFoundException("id", id)));
    }

    /** Recent failures of each feed, newest first. */
    public Map<String, List<FeedError>> errors(Collection<String> feedIds) {
        return Relations.grouped(graph, ERRORS, feedIds, r -> {
            var e = r.get("e");
            return new FeedError(e.get("at").asOffsetDateTime(), e.get("kind").asString(), e.get("message").asString());
        });
    }

    /** The publishing agency of each feed that has one. */
    public Map<String, String> publishers(Collection<String> feedIds) {
        var result = new HashMap<String, String>();
        Relations.grouped(graph, PUBLISHERS, feedIds, r -> r.get("agencyId").asString())
                .forEach((id, agencies) -> result.put(id, agencies.get(0)));
        return result;
    }

    private static void validate(FeedDraft draft, List<FieldError> errors) {
        if (draft.title() != null && draft.title().length() > 200) {
            errors.add(error("title", "TOO_LONG", "The title is longer than 200 characters."));
        }
        if (draft.pollInterval() != null && (draft.pollInterval().compareTo(MIN_INTERVAL) < 0
                || draft.pollInterval().compareTo(MAX_INTERVAL) > 0)) {
            errors.add(error("pollIntervalSeconds", "OUT_OF_RANGE", "Poll between every minute and once a day."));
        }
        if (draft.language() != null && !draft.language().matches("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?")) {
            errors.add(error("language", "INVALID_LANGUAGE", "Give a language tag such as ko or en."));
        }
    }

    private static FieldError error(String field, String code, String message) {
        return new FieldError(List.of("input", field), code, message);
    }
}
