package org.citygraph.feeds.link;

import java.util.List;
import java.util.Objects;

/**
 * Tags a Korean news text with the city's districts, agencies and issues that it names. A closed
 * gazetteer, read with plain rules rather than open named-entity recognition: word boundaries and
 * particles (강경읍에서, 논산경찰서는), what a name runs into (강경농협 is a co-op, 성동구 is in Seoul),
 * the homographs of short district names (강경 대응, 부적절, 연산 속도), the city's context for short
 * forms (강경, 연무) and generic agency words (보건소, 시청), and, for the city's own name, whether the
 * place or the government is meant (논산시에서 … 발생 = the place; 논산시는 … 밝혔다 = the government).
 * The rules and the scores on the gold set are in {@code feeds/src/test/resources/linker/README.md}.
 *
 * <p>Thread-safe: the gazetteer is immutable and every call works on its own state.
 */
public final class Linker {

    private final Gazetteer gazetteer;

    public Linker(Gazetteer gazetteer) {
        this.gazetteer = Objects.requireNonNull(gazetteer, "gazetteer");
    }

    /** Everything the title and text name, each target once with its strongest evidence. */
    public List<Link> link(String title, String text) {
        var input = Input.of(title, text);
        if (input.isEmpty()) {
            return List.of();
        }
        return new Scan(gazetteer, input).run();
    }
}
