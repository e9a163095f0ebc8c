package org.citygraph.feeds.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.citygraph.graph.KoreanText;
import org.citygraph.graph.NodeType;

/**
 * Issue titles as weighted words, each word as syllable bigrams, precomputed. A text mentions an issue
 * when it shares enough of the title's distinctive words (a word counts when most of its bigrams occur
 * in the text, so particles and compounds do not hide it; words common to many titles, like 대응, weigh
 * little) and names one of the issue's districts or agencies. A title word that holds a name of the
 * city (논산역, 논산딸기축제, 육군훈련소) must itself be in the text: it says where or whose the issue is.
 */
final class IssueIndex {

    static final double MIN_OVERLAP = 0.5;
    static final int MIN_WORDS = 2;
    private static final double WORD_PRESENT = 0.6;

    /** Title words that say nothing about which issue it is. */
    private static final Set<String> STOP_WORDS = Set.of("및", "등", "위한", "따른", "관련", "대한", "통한", "의한", "시");

    /** A title word; {@code required} when it holds a name of the city (논산역, 논산딸기축제): it must be in the text. */
    private record Word(String text, int[] bigrams, double weight, boolean required) {
    }

    private record Entry(String id, List<Word> words, double total, Set<String> contextIds) {
    }

    private final List<Entry> entries;

    private IssueIndex(List<Entry> entries) {
        this.entries = entries;
    }

    static IssueIndex of(List<Gazetteer.IssueTerms> issues, Predicate<String> holdsName) {
        var titles = new ArrayList<List<String>>();
        var frequency = new HashMap<String, Integer>();
        for (var issue : issues) {
            var words = titleWords(issue.title());
            titles.add(words);
            for (var word : new LinkedHashSet<>(words)) {
                frequency.merge(word, 1, Integer::sum);
            }
        }
        var entries = new ArrayList<Entry>();
        int n = Math.max(1, issues.size());
        for (int i = 0; i < issues.size(); i++) {
            var issue = issues.get(i);
            var words = new ArrayList<Word>();
            double total = 0;
            for (var text : new LinkedHashSet<>(titles.get(i))) {
                double weight = Math.log(1.0 + (double) n / frequency.get(text));
                words.add(new Word(text, bigrams(text), weight, holdsName.test(text)));
                total += weight;
            }
            var context = new LinkedHashSet<String>();
            context.addAll(issue.districtIds());
            context.addAll(issue.agencyIds());
            if (!words.isEmpty() && !context.isEmpty()) {
                entries.add(new Entry(issue.id(), List.copyOf(words), total, Set.copyOf(context)));
            }
        }
        return new IssueIndex(List.copyOf(entries));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The issues the text mentions, given the ids of the districts and agencies already linked in it. */
    List<Link> match(Input input, Set<String> linkedIds) {
        if (entries.isEmpty() || linkedIds.isEmpty()) {
            return List.of();
        }
        int[] textBigrams = null;
        var links = new ArrayList<Link>();
        for (var entry : entries) {
            if (entry.contextIds().stream().noneMatch(linkedIds::contains)) {
                continue;
            }
            if (textBigrams == null) {
                textBigrams = textBigrams(input);
            }
            double present = 0;
            boolean missingName = false;
            var found = new ArrayList<String>();
            for (var word : entry.words()) {
                int hits = 0;
                for (int bigram : word.bigrams()) {
                    if (Arrays.binarySearch(textBigrams, bigram) >= 0) {
                        hits++;
                    }
                }
                if (hits >= Math.ceil(word.bigrams().length * WORD_PRESENT)) {
                    present += word.weight();
                    found.add(word.text());
                } else if (word.required()) {
                    missingName = true;
                }
            }
            if (missingName) {
                continue;
            }
            double overlap = present / entry.total();
            if (found.size() >= Math.min(MIN_WORDS, entry.words().size()) && overlap >= MIN_OVERLAP) {
                double confidence = Math.min(0.9, Math.round((0.4 + 0.5 * overlap) * 100) / 100.0);
                links.add(new Link(NodeType.ISSUE, entry.id(), String.join(" ", found), confidence));
            }
        }
        return links;
    }

    private static List<String> titleWords(String title) {
        var words = new ArrayList<String>();
        for (var word : KoreanText.words(title)) {
            var stem = Lexicon.stripParticles(KoreanText.stem(word));
            if (stem.length() >= 2 && !STOP_WORDS.contains(stem) && !Texts.isDigit(stem.charAt(0))) {
                words.add(stem);
            }
        }
        return words;
    }

    private static int[] bigrams(String word) {
        if (word.length() < 2) {
            return new int[0];
        }
        var result = new int[word.length() - 1];
        for (int i = 0; i + 1 < word.length(); i++) {
            result[i] = word.charAt(i) << 16 | word.charAt(i + 1);
        }
        return result;
    }

    private static int[] textBigrams(Input input) {
        var chars = input.chars;
        var result = new int[Math.max(0, input.length)];
        int k = 0;
        for (int i = 0; i + 1 < input.length; i++) {
            if (Texts.isWordChar(chars[i]) && Texts.isWordChar(chars[i + 1])) {
                result[k++] = chars[i] << 16 | chars[i + 1];
            }
        }
        var bigrams = Arrays.copyOf(result, k);
        Arrays.sort(bigrams);
        return bigrams;
    }
}
