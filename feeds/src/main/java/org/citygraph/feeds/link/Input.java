package org.citygraph.feeds.link;

/**
 * A title and a text as one normalized character array, with the offset of every character in the
 * original, so that links quote the words as written. Normalizing: runs of spaces become one space,
 * line breaks stay (they end sentences), middle dots become '·', zero-width characters go, full-width
 * ASCII becomes ASCII, web addresses and e-mail addresses are blanked (nonsan.go.kr is not a place), and
 * the headline abbreviation 公 after a word is read as 공사 (농어촌公 = 농어촌공사).
 */
final class Input {

    final String original;
    final char[] chars;
    final int length;
    private final int[] origin;

    private Input(String original, char[] chars, int length, int[] origin) {
        this.original = original;
        this.chars = chars;
        this.length = length;
        this.origin = origin;
    }

    static Input of(String title, String text) {
        var original = (title == null || title.isBlank() ? "" : title.strip() + "\n") + (text == null ? "" : text);
        int n = original.length();
        var chars = new char[n * 2 + 1];
        var origin = new int[n * 2 + 2];
        int k = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < n; i++) {
            char c = original.charAt(i);
            if (Texts.isZeroWidth(c)) {
                continue;
            }
            if (Texts.isSpace(c)) {
                pendingSpace = k > 0;
                continue;
            }
            if (pendingSpace && c != '\n' && (k == 0 || chars[k - 1] != '\n')) {
                chars[k] = ' ';
                origin[k++] = i - 1;
            }
            pendingSpace = false;
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            } else if (Texts.isMiddleDot(c)) {
                c = '·';
            }
            if (c == '公' && k > 0 && Texts.isSyllable(chars[k - 1])) {
                chars[k] = '공';
                origin[k++] = i;
                chars[k] = '사';
                origin[k++] = i;
                continue;
            }
            chars[k] = c;
            origin[k++] = i;
        }
        origin[k] = n;
        var input = new Input(original, chars, k, origin);
        input.blankAddresses();
        return input;
    }

    boolean isEmpty() {
        return length == 0;
    }

    /** The original text of the normalized range [start, end). */
    String originalText(int start, int end) {
        int from = origin[start];
        int to = end >= length ? original.length() : origin[end - 1] + 1;
        return original.substring(from, Math.max(from, to));
    }

    char at(int i) {
        return i >= 0 && i < length ? chars[i] : '\0';
    }

    boolean startsWith(int at, String word) {
        if (at < 0 || at + word.length() > length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (chars[at + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    String slice(int start, int end) {
        return new String(chars, start, end - start);
    }

    /** The end of the word that continues at {@code from} (Hangul syllables, Latin letters, digits). */
    int wordEnd(int from) {
        int j = from;
        while (j < length && Texts.isWordChar(chars[j])) {
            j++;
        }
        return j;
    }

    /** The start of the word that ends just before {@code end}. */
    int wordStart(int end) {
        int j = end;
        while (j > 0 && Texts.isWordChar(chars[j - 1])) {
            j--;
        }
        return j;
    }

    /** Whether a sentence ends at position {@code i} (a line break, or . ? ! that is not a decimal point). */
    boolean endsSentence(int i) {
        char c = chars[i];
        if (c == '\n' || c == '?' || c == '!') {
            return true;
        }
        if (c != '.' && c != '。') {
            return false;
        }
        char next = at(i + 1);
        char prev = at(i - 1);
        return !(Texts.isDigit(next) && Texts.isDigit(prev)) || prev == '다';
    }

    int sentenceStart(int i) {
        int j = Math.min(i, length) - 1;
        while (j >= 0 && !endsSentence(j)) {
            j--;
        }
        return j + 1;
    }

    int sentenceEnd(int i) {
        int j = i;
        while (j < length && !endsSentence(j)) {
            j++;
        }
        return j;
    }

    /** The rest of the word after a name (particles, compounds: 에서, 읍민들이, 젓갈축제가). */
    String tail(int end) {
        return slice(end, wordEnd(end));
    }

    /** Whether a Korean or Latin word starts at {@code i} (not inside one: 굿모닝논산, 철광석). */
    boolean atWordStart(int i) {
        char p = at(i - 1);
        return i == 0 || !(Texts.isSyllable(p) || Texts.isLatin(p));
    }

    int skipSpaces(int from) {
        int j = from;
        while (j < length && chars[j] == ' ') {
            j++;
        }
        return j;
    }

    /** The start of the next word, across spaces and opening quotes but not across other punctuation; -1 if none. */
    int nextWordStart(int from) {
        int j = from;
        while (j < length && (chars[j] == ' ' || Texts.isOpeningQuote(chars[j]) || chars[j] == '‘' || chars[j] == '“')) {
            j++;
        }
        return j < length && Texts.isWordChar(chars[j]) ? j : -1;
    }

    String nextWord(int from) {
        int start = nextWordStart(from);
        return start < 0 ? "" : word(start);
    }

    /** The word that starts at {@code start}. */
    String word(int start) {
        return slice(start, wordEnd(start));
    }

    /** The word before position {@code i}, across spaces and one parenthesis (성동구(구청장 정원오) 보건소). */
    String previousWord(int i) {
        int j = i - 1;
        while (j >= 0 && chars[j] == ' ') {
            j--;
        }
        if (j >= 0 && chars[j] == ')') {
            int open = j;
            while (open >= 0 && chars[open] != '(' && j - open < 40) {
                open--;
            }
            if (open >= 0 && chars[open] == '(') {
                j = open - 1;
            }
            while (j >= 0 && chars[j] == ' ') {
                j--;
            }
        }
        if (j < 0 || !Texts.isWordChar(chars[j])) {
            return "";
        }
        return slice(wordStart(j + 1), j + 1);
    }

    /** The position of {@code c} within {@code limit} characters on the same line, or -1. */
    int indexOf(char c, int from, int limit) {
        for (int j = from; j < length && j < from + limit; j++) {
            if (chars[j] == c) {
                return j;
            }
            if (chars[j] == '\n') {
                return -1;
            }
        }
        return -1;
    }

    /** Whether {@code word} occurs within {@code distance} characters of [start, end), outside it. */
    boolean near(int start, int end, String word, int distance) {
        int from = Math.max(0, start - distance);
        int to = Math.min(length, end + distance);
        for (int j = from; j + word.length() <= to; j++) {
            if ((j + word.length() <= start || j >= end) && startsWith(j, word)) {
                return true;
            }
        }
        return false;
    }

    /** The characters after a run of digits and separators (채운1·2리 → 리). */
    String afterDigits(int from) {
        int j = from;
        while (j < length && (Texts.isDigit(chars[j]) || chars[j] == '·' || chars[j] == ',' || chars[j] == '-' || chars[j] == '~'
                || chars[j] == '.')) {
            j++;
        }
        return Lexicon.stripParticles(slice(j, wordEnd(j)));
    }

    /** A number with a gauge unit shortly after {@code from}, in the same sentence (연무가 196mm, 강경은 4.79m). */
    boolean gaugeReadingAfter(int from) {
        int to = Math.min(sentenceEnd(from), from + 16);
        for (int j = from; j < to; j++) {
            if (Texts.isDigit(chars[j])) {
                int k = j;
                while (k < length && (Texts.isDigit(chars[k]) || chars[k] == '.')) {
                    k++;
                }
                for (var unit : Lexicon.GAUGE_UNITS) {
                    if (startsWith(k, unit) && !Texts.isLatin(at(k + unit.length()))) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }

    private void blankAddresses() {
        for (int i = 0; i < length; i++) {
            if (startsWith(i, "http://") || startsWith(i, "https://") || startsWith(i, "www.")) {
                int j = i;
                while (j < length && !Texts.isSpace(chars[j]) && chars[j] != '\n' && chars[j] != ')' && chars[j] != ']'
                        && chars[j] != '>' && !Texts.isSyllable(chars[j])) {
                    chars[j++] = ' ';
                }
                i = j;
            } else if (chars[i] == '@') {
                int from = i;
                while (from > 0 && isAddressChar(chars[from - 1])) {
                    from--;
                }
                int to = i + 1;
                while (to < length && isAddressChar(chars[to])) {
                    to++;
                }
                for (int j = from; j < to; j++) {
                    chars[j] = ' ';
                }
                i = to;
            }
        }
    }

    private static boolean isAddressChar(char c) {
        return Texts.isLatin(c) || Texts.isDigit(c) || c == '.' || c == '_' || c == '-' || c == '+';
    }
}
