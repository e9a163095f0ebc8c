package org.citygraph.graph.opinion;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.citygraph.graph.Cursor;
import org.citygraph.graph.Graph;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.InvalidInputException.FieldError;
import org.citygraph.graph.Keyset;
import org.citygraph.graph.NodeType;
import org.citygraph.graph.NotFoundException;
import org.citygraph.graph.Page;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.Written;
import org.citygraph.graph.event.EventKind;
import org.citygraph.graph.event.Outbox;

/**
 * Public opinion: comments on public issues, reactions, and moderation. Anyone may comment on a
 * public issue; staff hide a comment with a reason, which stays on record. Readers other than staff
 * never see hidden comments, and their counts leave them out.
 */
public final class Comments {

    public static final int MAX_BODY = 2000;
    public static final int MAX_AUTHOR = 40;
    public static final int MAX_REASON = 500;

    public enum Reaction { AGREE, DISAGREE }

    private static final String RETURN = """
            RETURN c, COLLECT { MATCH (c)-[:ON]->(i:Issue) RETURN i.id LIMIT 1 }[0] AS issueId""";

    private static final String CREATE = """
            MATCH (i:Issue {id: $issueId})
            WHERE i.visibility = 'PUBLIC'
            CREATE (c:Comment {id: $id, body: $body, authorName: $authorName, authorId: $authorId,
                               createdAt: datetime(), agree: 0, disagree: 0, hidden: false})-[:ON]->(i)
            """ + RETURN;

    private static final String LIST = """
            MATCH (c:Comment)-[:ON]->(:Issue {id: $issueId})
            WHERE ($all OR c.hidden = false) AND %s
            WITH c ORDER BY %s LIMIT $limit
            """ + RETURN;

    private static final String COUNT = """
            MATCH (c:Comment)-[:ON]->(:Issue {id: $issueId})
            WHERE $all OR c.hidden = false
            RETURN count(c) AS total""";

    private static final String COUNTS = """
            UNWIND $ids AS id
            MATCH (i:Issue {id: id})
            RETURN id, COUNT { MATCH (c:Comment)-[:ON]->(i) WHERE c.hidden = false } AS visible,
                   COUNT { MATCH (c:Comment)-[:ON]->(i) WHERE c.hidden = true } AS hidden""";

    private static final String REACT = """
            MATCH (c:Comment {id: $id})-[:ON]->(i:Issue)
            WHERE c.hidden = false AND i.visibility = 'PUBLIC'
            SET c.agree = c.agree + $agree, c.disagree = c.disagree + $disagree
            """ + RETURN;

    private static final String HIDE = """
            MATCH (c:Comment {id: $id})
            SET c.hidden = true, c.hiddenReason = $reason, c.hiddenBy = $by, c.hiddenById = $byId, c.hiddenAt = datetime()
            """ + RETURN;

    private final Graph graph;

    public Comments(Graph graph) {
        this.graph = graph;
    }

    /** Comments on an issue, newest first; hidden ones for staff only. The caller checked the issue is visible. */
    public Page<Comment> list(Viewer viewer, String issueId, PageRequest page, boolean count) {
        var keyset = Keyset.of("c", "createdAt", true, page);
        var params = new HashMap<String, Object>(keyset.parameters());
        params.put("issueId", issueId);
        params.put("all", viewer.seesEverything());
        var cypher = LIST.formatted(keyset.predicate(), keyset.orderBy());
        return graph.read(tx -> {
            var rows = tx.run(cypher, params).list(Comment::from);
            Long total = count ? tx.run(COUNT, params).single().get("total").asLong() : null;
            return Page.of(rows, page, c -> new Cursor(c.createdAt(), c.id()), total);
        });
    }

    /** Per issue: the visible comments, and (for staff) the hidden ones. */
    public record Counts(long visible, long hidden) {
    }

    public Map<String, Counts> counts(Collection<String> issueIds) {
        if (issueIds.isEmpty()) {
            return Map.of();
        }
        return graph.read(tx -> {
            var result = new HashMap<String, Counts>();
            tx.run(COUNTS, Map.of("ids", List.copyOf(issueIds))).forEachRemaining(r -> result.put(r.get("id").asString(),
                    new Counts(r.get("visible").asLong(), r.get("hidden").asLong())));
            return result;
        });
    }

    /** Adds a comment to a public issue; an internal or unknown issue is NOT_FOUND to the commenter. */
    public Written<Comment> add(Viewer actor, String issueId, String body, String authorName) {
        var errors = new ArrayList<FieldError>();
        if (issueId == null || issueId.isBlank()) {
            errors.add(error("issueId", "REQUIRED", "Name the issue."));
        }
        if (body == null || body.isBlank()) {
            errors.add(error("body", "REQUIRED", "Write something."));
        } else if (body.length() > MAX_BODY) {
            errors.add(error("body", "TOO_LONG", "A comment is at most " + MAX_BODY + " characters."));
        }
        if (authorName != null && authorName.strip().length() > MAX_AUTHOR) {
            errors.add(error("authorName", "TOO_LONG", "A name is at most " + MAX_AUTHOR + " characters."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var params = new HashMap<String, Object>();
        params.put("id", NodeType.COMMENT.newId());
        params.put("issueId", issueId);
        params.put("body", body.strip());
        params.put("authorName", authorName == null || authorName.isBlank()
                ? (actor.userId() == null ? "시민" : actor.name()) : authorName.strip());
        params.put("authorId", actor.userId());
        return graph.write(tx -> {
            var rows = tx.run(CREATE, params).list(Comment::from);
            if (rows.isEmpty()) {
                throw new NotFoundException("issueId", issueId);
            }
            var comment = rows.get(0);
            var events = Outbox.append(tx, actor, List.of(new Outbox.Pending(EventKind.COMMENT_ADDED, comment.id(),
                    List.of(issueId), List.of())));
            return new Written<>(comment, events);
        });
    }

    /** Counts one reaction to a visible comment. Reactions are anonymous; intake limits keep them honest. */
    public Comment react(String id, Reaction reaction) {
        if (reaction == null) {
            throw new InvalidInputException(List.of(error("reaction", "REQUIRED", "Choose AGREE or DISAGREE.")));
        }
        return graph.write(tx -> tx.run(REACT, Map.of("id", id == null ? "" : id,
                        "agree", reaction == Reaction.AGREE ? 1 : 0, "disagree", reaction == Reaction.DISAGREE ? 1 : 0))
                .list(Comment::from).stream().findFirst().orElseThrow(() -> new NotFoundException("id", id)));
    }

    /** Hides a comment from the public (staff); the reason, who and when are kept. */
    public Written<Comment> hide(Viewer actor, String id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException(List.of(error("reason", "REQUIRED", "Say why the comment is hidden.")));
        }
        if (reason.length() > MAX_REASON) {
            throw new InvalidInputException(List.of(error("reason", "TOO_LONG", "The reason is at most " + MAX_REASON + " characters.")));
        }
        return graph.write(tx -> {
            var rows = tx.run(HIDE, Map.of("id", id == null ? "" : id, "reason", reason.strip(), "by", actor.name(),
                    "byId", actor.userId() == null ? "system" : actor.userId())).list(Comment::from);
            if (rows.isEmpty()) {
                throw new NotFoundException("id", id);
            }
            var comment = rows.get(0);
            var events = Outbox.append(tx, actor, List.of(new Outbox.Pending(EventKind.COMMENT_HIDDEN, id,
                    List.of(comment.issueId()), List.of("hidden"))));
            return new Written<>(comment, events);
        });
    }

    private static FieldError error(String field, String code, String message) {
        return new FieldError(List.of("input", field), code, message);
    }
}
