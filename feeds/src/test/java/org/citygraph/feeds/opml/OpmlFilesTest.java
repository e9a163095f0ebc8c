package org.citygraph.feeds.opml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.citygraph.graph.feed.Feed;
import org.junit.jupiter.api.Test;

class OpmlFilesTest {

    @Test
    void readsFeedsFromNestedFoldersAndSkipsOutlinesWithoutAUrl() {
        var opml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <opml version="2.0"><head><title>Subscriptions</title></head><body>
                  <outline text="Local">
                    <outline type="rss" text="논산시 보도자료" xmlUrl="https://www.nonsan.go.kr/rss/press.xml" language="ko"/>
                    <outline text="just a folder"/>
                  </outline>
                  <outline type="rss" title="Chungnam" text="cn" xmlUrl=" https://news.example.kr/cn.xml "/>
                </body></opml>""";
        var entries = OpmlFiles.read(opml.getBytes(StandardCharsets.UTF_8));
        assertThat(entries).containsExactly(
                new OpmlFiles.Entry("https://www.nonsan.go.kr/rss/press.xml", "논산시 보도자료", "ko"),
                new OpmlFiles.Entry("https://news.example.kr/cn.xml", "Chungnam", null));
    }

    @Test
    void whatIsWrittenReadsBack() {
        var feed = new Feed("fed_1", "https://www.nonsan.go.kr/rss/press.xml", "논산시 보도자료", "ko", Duration.ofMinutes(15),
                true, null, null, null, null, 0, null, null, null, null, 0);
        var written = OpmlFiles.write(List.of(feed), "CityGraph feeds");
        assertThat(written).contains("opml", "xmlUrl=\"https://www.nonsan.go.kr/rss/press.xml\"");
        assertThat(OpmlFiles.read(written.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new OpmlFiles.Entry("https://www.nonsan.go.kr/rss/press.xml", "논산시 보도자료", "ko"));
    }

    @Test
    void aDoctypeOrAFeedIsRefused() {
        var doctype = "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><opml version=\"2.0\"><head><title>&x;</title></head><body/></opml>";
        assertThatThrownBy(() -> OpmlFiles.read(doctype.getBytes(StandardCharsets.UTF_8))).isInstanceOf(OpmlFiles.OpmlFailure.class);
        var rss = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";
        assertThatThrownBy(() -> OpmlFiles.read(rss.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(OpmlFiles.OpmlFailure.class).hasMessageContaining("not an OPML");
        assertThatThrownBy(() -> OpmlFiles.read("not xml".getBytes(StandardCharsets.UTF_8))).isInstanceOf(OpmlFiles.OpmlFailure.class);
    }
}
