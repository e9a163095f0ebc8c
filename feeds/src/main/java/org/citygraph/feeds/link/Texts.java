package org.citygraph.feeds.link;

/** Character classes and normalization shared by the gazetteer (for names) and the linker (for text). */
final class Texts {

    private Texts() {
    }

    static boolean isSyllable(char c) {
        return c >= '\uAC00' && c <= '\uD7A3';
    }

    static boolean isLatin(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A character that continues a word: a Hangul syllable, a Latin letter or a digit. */
    static boolean isWordChar(char c) {
        return isSyllable(c) || isLatin(c) || isDigit(c);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\u00A0' || c == '\u3000' || c == '\u2002' || c == '\u2003'
                || c == '\u2009' || c == '\u202F';
    }

    static boolean isZeroWidth(char c) {
        return c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF' || c == '\u00AD';
    }

    /** Middle dots of every kind written between list items (ㆍ is a Hangul letter often used for it). */
    static boolean isMiddleDot(char c) {
        return c == '·' || c == 'ㆍ' || c == '‧' || c == '・' || c == '･' || c == '•';
    }

    static boolean isOpeningQuote(char c) {
        return c == '\'' || c == '"' || c == '‘' || c == '“' || c == '「' || c == '『' || c == '《' || c == '〈' || c == '<';
    }

    /** A name as the trie stores it: spaces collapsed and trimmed, dots unified, as the text is normalized. */
    static String normalizeName(String name) {
        var out = new StringBuilder(name.length());
        boolean space = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (isSpace(c) || c == '\n') {
                space = out.length() > 0;
                continue;
            }
            if (isZeroWidth(c)) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(isMiddleDot(c) ? '·' : c);
        }
        return out.toString();
    }
}
