package org.citygraph.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Just enough Korean for search and linking: splitting words and taking the particle (조사) off the
 * end of a word, so that 강경읍에서 reads as 강경읍 and 논산경찰서는 as 논산경찰서.
 */
public final class KoreanText {

    /** Particles and common endings, longest first so that 에서는 is taken before 는. */
    private static final List<String> PARTICLES = List.of(
            "에서부터", "으로부터", "에서는", "에서도", "에게서", "으로는", "으로도", "까지는", "부터는", "이라는", "이라고",
            "에서", "에게", "으로", "까지", "부터", "처럼", "보다", "마다", "하고", "이나", "에는", "에도", "와의", "과의",
            "에의", "로는", "로도", "이며", "이고", "라는", "라고", "이다", "측은", "측이",
            "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "만", "나", "랑");

    private static final Pattern WORD_SPLIT = Pattern.compile("[\\s\\p{Punct}·「」『』“”‘’〈〉《》…]+");

    private static final Pattern LUCENE_SPECIAL = Pattern.compile("[+\\-&|!(){}\\[\\]^\"~*?:\\\\/]");

    private KoreanText() {
    }

    public static List<String> words(String text) {
        var words = new ArrayList<String>();
        if (text == null) {
            return words;
        }
        for (var word : WORD_SPLIT.split(text)) {
            if (!word.isBlank()) {
                words.add(word);
            }
        }
        return words;
    }

    /** The word without a trailing particle, when what remains is at least two syllables long. */
    public static String stem(String word) {
        for (var particle : PARTICLES) {
            if (word.endsWith(particle) && word.length() - particle.length() >= 2 && isHangul(word.charAt(word.length() - 1))) {
                return word.substring(0, word.length() - particle.length());
            }
        }
        return word;
    }

    public static boolean isHangul(char c) {
        return c >= '\uAC00' && c <= '\uD7A3';
    }

    /**
     * A Lucene query for the full-text index from user text: special characters escaped, particles
     * taken off, boolean keywords neutralized. With {@code requireEach}, every word must match.
     * Returns {@code null} when nothing searchable is left.
     */
    public static String luceneQuery(String text, boolean requireEach) {
        return luceneQuery(text, requireEach, false);
    }

    /**
     * As {@link #luceneQuery(String, boolean)}; with {@code boostNames}, a word that matches a name
     * (of a district or an agency, or an alias) counts more than one in a title, and a title more
     * than running text, so that searching a place finds the place first.
     */
    public static String luceneQuery(String text, boolean requireEach, boolean boostNames) {
        var terms = new ArrayList<String>();
        for (var word : words(text)) {
            var term = LUCENE_SPECIAL.matcher(stem(word)).replaceAll(" ").trim();
            if (term.isEmpty() || term.equals("AND") || term.equals("OR") || term.equals("NOT")) {
                term = term.toLowerCase();
            }
            if (!term.isBlank()) {
                var clause = boostNames
                        ? "name:(" + term + ")^4 shortName:(" + term + ")^3 aliasText:(" + term + ")^3 nameEn:(" + term
                                + ")^3 title:(" + term + ")^2 (" + term + ")"
                        : term;
                terms.add(requireEach ? "+(" + clause + ")" : "(" + clause + ")");
            }
            if (terms.size() == 16) {
                break;
            }
        }
        return terms.isEmpty() ? null : String.join(" ", terms);
    }
}
