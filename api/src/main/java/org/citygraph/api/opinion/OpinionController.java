package org.citygraph.api.opinion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.citygraph.api.graphql.Connection;
import org.citygraph.api.graphql.Permissions;
import org.citygraph.api.graphql.Selections;
import org.citygraph.api.graphql.UserError;
import org.citygraph.api.graphql.ViewerInterceptor;
import org.citygraph.api.graphql.Writes;
import org.citygraph.api.security.RateLimits;
import org.citygraph.graph.InvalidInputException;
import org.citygraph.graph.PageRequest;
import org.citygraph.graph.Viewer;
import org.citygraph.graph.complaint.Complaints;
import org.citygraph.graph.issue.Issue;
import org.citygraph.graph.opinion.Comment;
import org.citygraph.graph.opinion.Comments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Controller;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;

/** Public opinion on issues: comments, reactions, moderation, and the counts per issue. */
@Controller
class OpinionController {

    private static final Logger LOG = LoggerFactory.getLogger(OpinionController.class);

    record AddCommentInput(String issueId, String body, String authorName) {
    }

    record ReactToCommentInput(String id, Comments.Reaction reaction) {
    }

    record HideCommentInput(String id, String reason) {
    }

    record CommentPayload(Comment comment, List<UserError> errors) {
    }

    /** A public caller wrote too often; retry after the given seconds. */
    static class TooManySubmissions extends RuntimeException {
        final long retryAfterSeconds;

        TooManySubmissions(long retryAfterSeconds) {
            super("Too many submissions from your address; try again in " + retryAfterSeconds + " s.");
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    private final Comments comments;
    private final Complaints complaints;
    private final Writes writes;
    private final RateLimits limits;

    OpinionController(Comments comments, Complaints complaints, Writes writes, RateLimits limits) {
        this.comments = comments;
        this.complaints = complaints;
        this.writes = writes;
        this.limits = limits;
    }

    @SchemaMapping(typeName = "Issue")
    Connection<Comment> comments(Issue issue, @Argument Integer first, @Argument String after, @ContextValue Viewer viewer,
                                 DataFetchingEnvironment env) {
        return Connection.of(comments.list(viewer, issue.id(), new PageRequest(first, after, null, null),
                Selections.wantsTotalCount(env)));
    }

    @BatchMapping(typeName = "Issue")
    Map<Issue, Long> commentCount(List<Issue> issues) {
        var counts = comments.counts(issues.stream().map(Issue::id).toList());
        return mapped(issues, i -> counts.containsKey(i.id()) ? counts.get(i.id()).visible() : 0L);
    }

    @BatchMapping(typeName = "Issue")
    Map<Issue, Long> hiddenCommentCount(List<Issue> issues, GraphQLContext context) {
        if (!ViewerInterceptor.viewer(context).seesEverything()) {
            return mapped(issues, i -> 0L);
        }
        var counts = comments.counts(issues.stream().map(Issue::id).toList());
        return mapped(issues, i -> counts.containsKey(i.id()) ? counts.get(i.id()).hidden() : 0L);
    }

    @BatchMapping(typeName = "Issue")
    Map<Issue, Long> complaintCount(List<Issue> issues) {
        var counts = complaints.countsByIssue(issues.stream().map(Issue::id).toList());
        return mapped(issues, i -> counts.getOrDefault(i.id(), 0L));
    }

    @MutationMapping
    CommentPayload addComment(@Argument AddCommentInput input, @ContextValue Viewer viewer,
                              @ContextValue(name = ViewerInterceptor.CLIENT_ADDRESS, required = false) String address) {
        admit(viewer, address);
        return writes.run(() -> comments.add(viewer, input.issueId(), input.body(), input.authorName()),
                OpinionController::ok, OpinionController::refused);
    }

    @MutationMapping
    CommentPayload reactToComment(@Argument ReactToCommentInput input, @ContextValue Viewer viewer,
                                  @ContextValue(name = ViewerInterceptor.CLIENT_ADDRESS, required = false) String address) {
        admit(viewer, address);
        try {
            return ok(comments.react(input.id(), input.reaction()));
        } catch (InvalidInputException e) {
            return refused(UserError.of(e));
        }
    }

    @MutationMapping
    CommentPayload hideComment(@Argument HideCommentInput input, @ContextValue Viewer viewer) {
        Permissions.requireStaff(viewer);
        var payload = writes.run(() -> comments.hide(viewer, input.id(), input.reason()), OpinionController::ok,
                OpinionController::refused);
        if (payload.comment() != null) {
            LOG.info("Comment {} hidden by {}: {}", input.id(), viewer.userId(), input.reason());
        }
        return payload;
    }

    @GraphQlExceptionHandler
    GraphQLError tooMany(TooManySubmissions e, DataFetchingEnvironment env) {
        return GraphqlErrorBuilder.newError(env).errorType(ErrorType.BAD_REQUEST).message(e.getMessage())
                .extensions(Map.of("code", "RATE_LIMITED", "classification", "TOO_MANY_REQUESTS",
                        "retryAfterSeconds", e.retryAfterSeconds)).build();
    }

    private void admit(Viewer viewer, String address) {
        OptionalLong wait = limits.tryIntake(viewer, address);
        if (wait.isPresent()) {
            throw new TooManySubmissions(wait.getAsLong());
        }
    }

    private static <V> Map<Issue, V> mapped(List<Issue> issues, java.util.function.Function<Issue, V> value) {
        var result = new LinkedHashMap<Issue, V>();
        issues.forEach(i -> result.put(i, value.apply(i)));
        return result;
    }

    private static CommentPayload ok(Comment comment) {
        return new CommentPayload(comment, List.of());
    }

    private static CommentPayload refused(List<UserError> errors) {
        return new CommentPayload(null, errors);
    }
}
