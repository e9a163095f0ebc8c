package org.citygraph.feeds.ingest;

import java.util.List;

import org.citygraph.graph.news.NewsItemDraft.MentionDraft;

/** Finds what a news item names: the linker, behind a seam so that the pipeline can be tested without it. */
@FunctionalInterface
public interface Mentions {

    List<MentionDraft> find(String title, String text);

    Mentions NONE = (title, text) -> List.of();
}
