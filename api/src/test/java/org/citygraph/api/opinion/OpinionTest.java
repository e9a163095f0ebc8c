package org.citygraph.api.opinion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.citygraph.api.support.ApiTest;
import org.citygraph.graph.Viewer;
import org.junit.jupiter.api.Test;

/** Public comments on public issues, reactions, and moderation that keeps its reason. */
class OpinionTest extends ApiTest {

    static final String ADD = """
            mutation($i: AddCommentInput!) { addComment(input: $i) { comment { id body authorName agree } errors { field code } } }""";
    static final String COMMENTS = """
            query($id: ID!) { issue(id: $id) { commentCount hiddenCommentCount comments(first: 50) { totalCount nodes { id body hidden hiddenReason hiddenBy } } } }""";

    String internalIssue() {
        return as(Viewer.Role.STAFF).documentName("createIssue").variable("input", Map.of("title", "내부 검토 중인 민원 대응",
                        "category", "CIVIL_COMPLAINT", "severity", "LOW", "visibility", "INTERNAL", "ownerId", "agc_nonsan-civil"))
                .execute().path("createIssue.issue.id").entity(String.class).get();
    }

    @Test
    void citizensCommentAndReactAndStaffHideWithAReasonKept() {
        var issue = "iss_strawberry-festival-crowd";
        var id = anonymous().document(ADD).variable("i", Map.of("issueId", issue, "body", "주차장 셔틀버스를 늘려 주세요.", "authorName", "강경 주민"))
                .execute()
                .path("addComment.errors").entityList(Object.class).hasSize(0)
                .path("addComment.comment.authorName").entity(String.class).isEqualTo("강경 주민")
                .path("addComment.comment.id").entity(String.class).get();
        var rude = anonymous().document(ADD).variable("i", Map.of("issueId", issue, "body", "광고: 010-0000-0000 대출 상담"))
                .execute().path("addComment.comment.id").entity(String.class).get();
        var before = anonymous().document(COMMENTS).variable("id", issue).execute()
                .path("issue.commentCount").entity(Integer.class).get();

        var react = "mutation($i: ReactToCommentInput!) { reactToComment(input: $i) { comment { agree disagree } errors { code } } }";
        anonymous().document(react).variable("i", Map.of("id", id, "reaction", "AGREE")).execute();
        anonymous().document(react).variable("i", Map.of("id", id, "reaction", "AGREE")).execute()
                .path("reactToComment.comment.agree").entity(Integer.class).isEqualTo(2)
                .path("reactToComment.comment.disagree").entity(Integer.class).isEqualTo(0);

        var hide = "mutation($i: HideCommentInput!) { hideComment(input: $i) { comment { hidden hiddenReason } errors { field code } } }";
        anonymous().document(hide).variable("i", Map.of("id", rude, "reason", "광고")).execute()
                .errors().satisfy(errors -> assertThat(errors).anySatisfy(e ->
                        assertThat(e.getExtensions().get("code")).isEqualTo("UNAUTHENTICATED")));
        as(Viewer.Role.STAFF).document(hide).variable("i", Map.of("id", rude, "reason", " ")).execute()
                .path("hideComment.errors[0].code").entity(String.class).isEqualTo("REQUIRED");
        as(Viewer.Role.STAFF).document(hide).variable("i", Map.of("id", rude, "reason", "상업 광고")).execute()
                .path("hideComment.comment.hidden").entity(Boolean.class).isEqualTo(true);

        var publicView = anonymous().document(COMMENTS).variable("id", issue).execute();
        publicView.path("issue.commentCount").entity(Integer.class).isEqualTo(before - 1)
                .path("issue.hiddenCommentCount").entity(Integer.class).isEqualTo(0)
                .path("issue.comments.nodes[*].id").entityList(String.class).contains(id).doesNotContain(rude);
        as(Viewer.Role.STAFF).document(COMMENTS).variable("id", issue).execute()
                .path("issue.hiddenCommentCount").entity(Integer.class).satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(1))
                .path("issue.comments.nodes[?(@.id == '" + rude + "')].hiddenReason").entityList(String.class).containsExactly("상업 광고");
        // a hidden comment takes no more reactions
        anonymous().document(react).variable("i", Map.of("id", rude, "reaction", "AGREE")).execute()
                .path("reactToComment.comment").valueIsNull()
                .path("reactToComment.errors[0].code").entity(String.class).isEqualTo("NOT_FOUND");
    }

    @Test
    void internalIssuesTakeNoPublicCommentsAndBadInputIsRefused() {
        var internal = internalIssue();
        long before = count("MATCH (c:Comment) RETURN count(c)", Map.of());
        anonymous().document(ADD).variable("i", Map.of("issueId", internal, "body", "보이지 않는 이슈")).execute()
                .path("addComment.comment").valueIsNull()
                .path("addComment.errors[0].code").entity(String.class).isEqualTo("NOT_FOUND");
        anonymous().document(ADD).variable("i", Map.of("issueId", "iss_strawberry-festival-crowd", "body", "가".repeat(2001))).execute()
                .path("addComment.errors[0].code").entity(String.class).isEqualTo("TOO_LONG")
                .path("addComment.errors[0].field").entityList(String.class).containsExactly("input", "body");
        assertThat(count("MATCH (c:Comment) RETURN count(c)", Map.of())).isEqualTo(before);
    }
}
