package org.citygraph.feeds.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;

import org.citygraph.feeds.normalize.EntryNormalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real-world sample, the demo feeds, and hostile documents, through the parser and normalizer. */
class FeedParserTest {

    private static final Path SAMPLES = Path.of("src/test/resources/feed-samples");
    private static final Path DEMO = Path.of("src/main/resources/demo-feeds");
    private static final OffsetDateTime SEEN = OffsetDateTime.parse("2026-11-25T12:00:00+09:00");

    private final FeedParser parser = new FeedParser();

    static Stream<Path> samples() throws IOException {
        try (var files = Files.list(SAMPLES)) {
            return files.filter(f -> !f.getFileName().toString().endsWith(".md"))
                    // refused on purpose, each tested on its own below
                    .filter(f -> !f.getFileName().toString().contains("doctype"))
                    .filter(f -> !f.getFileName().toString().contains("epoch-dcdate"))
                    .filter(f -> !f.getFileName().toString().contains("aacute"))
                    .sorted().toList().stream();
        }
    }

    static Stream<Path> demoFeeds() throws IOException {
        try (var files = Files.list(DEMO)) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleParsesIntoItemsWithTitlesAndNoReplacementCharacters(Path sample) {
        var feed = parser.parse(read(sample), null, "http://example.org/feed");
        assertThat(feed.entries()).as("entries of %s", sample.getFileName()).isNotEmpty();
        for (var entry : feed.entries()) {
            var item = EntryNormalizer.normalize(entry, "fed_test", "http://example.org/feed", null, SEEN);
            assertThat(item).isNotNull();
            assertThat(item.title()).isNotBlank().doesNotContain("\uFFFD");
            assertThat(item.dedupeKey()).isNotBlank();
            assertThat(item.publishedAt()).isNotNull();
            if (item.summaryHtml() != null) {
                assertThat(item.summaryHtml().toLowerCase()).doesNotContain("<script", "onload=", "onerror=", "javascript:");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("demoFeeds")
    void theDemoFeedsAreRealisticKoreanNews(Path demo) {
        var url = "classpath:demo-feeds/" + demo.getFileName();
        var feed = parser.parse(read(demo), null, url);
        assertThat(feed.entries()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(feed.entries()).allSatisfy(e -> {
            var item = EntryNormalizer.normalize(e, "fed_demo", url, "ko", SEEN);
            assertThat(item.title()).matches(".*[가-힣].*").doesNotContain("\uFFFD");
            assertThat(item.publishedAt()).isNotNull();
        });
    }

    @Test
    void aNetscapeDoctypeIsRefusedAsADoctype() {
        assertThatThrownBy(() -> parser.parse(read(SAMPLES.resolve("rss091-netscape-doctype.rome.xml")), null, "http://x/"))
                .isInstanceOfSatisfying(FeedParseFailure.class, e -> assertThat(e.kind()).isEqualTo(FeedParseFailure.Kind.DOCTYPE_REFUSED));
    }

    @Test
    void aFileThatLacksItsClosingTagIsMalformed() {
        assertThatThrownBy(() -> parser.parse(read(SAMPLES.resolve("rss20-epoch-dcdate.feedjira.xml")), null, "http://x/"))
                .isInstanceOfSatisfying(FeedParseFailure.class, e -> assertThat(e.kind()).isEqualTo(FeedParseFailure.Kind.MALFORMED));
    }

    @Test
    void anUndefinedHtmlEntityIsHealedInsteadOfFailingTheFeed() {
        var feed = parser.parse(read(SAMPLES.resolve("rss-raw-html-entity-aacute.feedparser.xml")), null, "http://x/");
        assertThat(feed.title()).isEqualTo("testing \u00e1 entity");
        assertThat(feed.entries()).isEmpty();
    }

    @Test
    void externalEntitiesAreNeverRead() throws IOException {
        var secret = Files.createTempFile("citygraph-secret", ".txt");
        Files.writeString(secret, "TOP-SECRET");
        var xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY x SYSTEM "%s">]>
                <rss version="2.0"><channel><title>t</title><item><title>&x;</title></item></channel></rss>
                """.formatted(secret.toUri());
        assertThatThrownBy(() -> parser.parse(xxe.getBytes(StandardCharsets.UTF_8), null, "http://x/"))
                .isInstanceOfSatisfying(FeedParseFailure.class, e -> {
                    assertThat(e.kind()).isEqualTo(FeedParseFailure.Kind.DOCTYPE_REFUSED);
                    assertThat(e.getMessage()).doesNotContain("TOP-SECRET");
                });
    }

    @Test
    void anEntityBombIsRefusedBeforeItExpands() {
        var bomb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a \"aaaaaaaaaa\">\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("<!ENTITY ").append((char) ('a' + i)).append(" \"")
                    .append(("&" + (char) ('a' + i - 1) + ";").repeat(10)).append("\">\n");
        }
        bomb.append("]>\n<rss version=\"2.0\"><channel><title>&j;</title></channel></rss>");
        assertThatThrownBy(() -> parser.parse(bomb.toString().getBytes(StandardCharsets.UTF_8), null, "http://x/"))
                .isInstanceOfSatisfying(FeedParseFailure.class, e -> assertThat(e.kind()).isEqualTo(FeedParseFailure.Kind.DOCTYPE_REFUSED));
    }

    @Test
    void aTruncatedFeedFailsAsAWholeInsteadOfYieldingTheItemsBeforeTheCut() {
        var full = new String(read(DEMO.resolve("nonsan-press.rss")), StandardCharsets.UTF_8);
        var cut = full.substring(0, full.length() / 2);
        assertThatThrownBy(() -> parser.parse(cut.getBytes(StandardCharsets.UTF_8), null, "http://x/"))
                .isInstanceOfSatisfying(FeedParseFailure.class, e -> assertThat(e.kind()).isEqualTo(FeedParseFailure.Kind.MALFORMED));
    }

    @Test
    void anHtmlPageIsNotAFeed() {
        var html = "<html><head><title>Nonsan</title></head><body><p>Welcome</p></body></html>";
        assertThatThrownBy(() -> parser.parse(html.getBytes(StandardCharsets.UTF_8), "text/html", "http://x/"))
                .isInstanceOfSatisfying(FeedParseFailure.class, e -> assertThat(e.kind()).isIn(
                        FeedParseFailure.Kind.NOT_A_FEED, FeedParseFailure.Kind.MALFORMED));
    }

    @Test
    void eucKrWithoutADeclarationIsDecodedAsKorean() {
        var feed = parser.parse(read(SAMPLES.resolve("rss-euc-kr-undeclared.feedparser.xml")), null, "http://x/");
        var text = feed.entries().get(0).title() + " " + feed.entries().get(0).summary();
        assertThat(text).matches("(?s).*[가-힣]{2,}.*").doesNotContain("\uFFFD");
    }

    @Test
    void eucKrDeclaredIsDecoded() {
        var feed = parser.parse(read(SAMPLES.resolve("rss20-euc-kr-declared.feedparser.xml")), null, "http://x/");
        assertThat(feed.entries().get(0).summary()).contains("년");
    }

    @Test
    void anEucKrDemoFeedServedWithoutCharsetIsDecoded() {
        var feed = parser.parse(read(DEMO.resolve("nonsan-police.rss")), null, "http://x/");
        assertThat(feed.entries()).allSatisfy(e -> assertThat(e.title()).doesNotContain("\uFFFD").matches(".*[가-힣].*"));
    }

    @Test
    void relativeLinksAreResolvedAgainstTheFeedUrl() {
        var url = "http://intertwingly.net/blog/index.atom";
        var feed = parser.parse(read(SAMPLES.resolve("atom10-xhtml-relative-links-samruby.feedjira.xml")), null, url);
        var items = feed.entries().stream().map(e -> EntryNormalizer.normalize(e, "fed_x", url, null, SEEN)).toList();
        assertThat(items).allSatisfy(i -> {
            assertThat(i.link()).startsWith("http://intertwingly.net/");
            assertThat(String.valueOf(i.summaryHtml())).doesNotContain("href=\"/", "src=\"/", "src=\"../");
        });
    }

    @Test
    void linksResolveAgainstXmlBaseNotTheFeedUrl() {
        var url = "https://mirror.example.org/feed.atom";
        var feed = parser.parse(read(SAMPLES.resolve("atom10-xhtml-xmlbase-pappacoda.netnewswire.atom")), null, url);
        var items = feed.entries().stream().map(e -> EntryNormalizer.normalize(e, "fed_x", url, null, SEEN)).toList();
        assertThat(items).allSatisfy(i -> assertThat(i.link()).startsWith("https://andrea.pappacoda.it/blog/"));
    }

    @Test
    void itemsWithoutGuidOrDateAreKeyedByLinkAndDatedWhenFirstSeen() {
        var feed = parser.parse(read(SAMPLES.resolve("rss20-no-guid-no-dates-opensearch.rome.xml")), null, "http://x/");
        var items = feed.entries().stream().map(e -> EntryNormalizer.normalize(e, "fed_x", "http://x/", null, SEEN)).toList();
        assertThat(items).allSatisfy(i -> {
            assertThat(i.dedupeKey()).startsWith("link:");
            assertThat(i.publishedEstimated()).isTrue();
            assertThat(i.publishedAt()).isEqualTo(SEEN);
        });
    }

    @Test
    void trackingParametersAreStrippedFromLinks() {
        var rss = """
                <rss version="2.0"><channel><title>t</title>
                <item><title>a</title><link>https://news.example.kr/a?id=7&amp;utm_source=rss&amp;fbclid=x</link></item>
                </channel></rss>""";
        var feed = parser.parse(rss.getBytes(StandardCharsets.UTF_8), null, "http://x/");
        var item = EntryNormalizer.normalize(feed.entries().get(0), "fed_x", "http://x/", null, SEEN);
        assertThat(item.link()).isEqualTo("https://news.example.kr/a?id=7");
    }

    @Test
    void hostileHtmlInSummariesIsSanitized() {
        var rss = """
                <rss version="2.0"><channel><title>t</title>
                <item><title>a</title><link>https://x.kr/a</link><description><![CDATA[<p onclick="steal()">hi <a href="javascript:alert(1)">x</a><script>alert(1)</script><img src="/i.png" onerror="x()"></p>]]></description></item>
                </channel></rss>""";
        var feed = parser.parse(rss.getBytes(StandardCharsets.UTF_8), null, "http://x/");
        var item = EntryNormalizer.normalize(feed.entries().get(0), "fed_x", "http://x/", null, SEEN);
        assertThat(item.summaryHtml()).doesNotContain("script", "onclick", "onerror", "javascript:").contains("hi");
        assertThat(item.summary()).isEqualTo("hi x");
    }

    @Test
    void jsonFeedIsRead() {
        var json = """
                {"version": "https://jsonfeed.org/version/1.1", "title": "논산 소식",
                 "items": [{"id": "1", "url": "https://x.kr/1", "title": "강경읍 젓갈축제 개막",
                            "content_text": "강경읍에서 젓갈축제가 열렸다.", "date_published": "2026-10-16T10:00:00+09:00"}]}""";
        var feed = parser.parse(json.getBytes(StandardCharsets.UTF_8), "application/feed+json", "http://x/");
        assertThat(feed.format()).isEqualTo("json_1.1");
        assertThat(feed.entries()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("강경읍 젓갈축제 개막");
            assertThat(e.published()).isEqualTo(OffsetDateTime.parse("2026-10-16T10:00:00+09:00"));
        });
    }

    @Test
    void formatsAreRecognized() {
        assertThat(List.of(
                format("rss092-oreilly-example.rss-parser.rss"),
                format("rss10-rdf-craigslist.rss-parser.rss"),
                format("rss20-dc-content-media-techcrunch.feedjira.xml"),
                format("atom03.rome.xml"),
                format("atom10-xhtml-xmlbase-pappacoda.netnewswire.atom")))
                .containsExactly("rss_0.92", "rss_1.0", "rss_2.0", "atom_0.3", "atom_1.0");
    }

    private String format(String sample) {
        return parser.parse(read(SAMPLES.resolve(sample)), null, "http://x/").format();
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
