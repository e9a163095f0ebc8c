package org.citygraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KoreanTextTest {

    @Test
    void takesParticlesOffPlaceAndAgencyNames() {
        assertThat(KoreanText.stem("강경읍에서")).isEqualTo("강경읍");
        assertThat(KoreanText.stem("논산경찰서는")).isEqualTo("논산경찰서");
        assertThat(KoreanText.stem("육군훈련소와")).isEqualTo("육군훈련소");
        assertThat(KoreanText.stem("연무읍으로")).isEqualTo("연무읍");
    }

    @Test
    void leavesShortWordsAndLatinAlone() {
        assertThat(KoreanText.stem("시가")).isEqualTo("시가");
        assertThat(KoreanText.stem("Nonsan")).isEqualTo("Nonsan");
    }

    @Test
    void escapesLuceneSyntaxSoHostileTextIsPlainWords() {
        assertThat(KoreanText.luceneQuery("a:b OR (c) \"d\" *", false)).isEqualTo("(a) (b) (or) (c) (d)");
        assertThat(KoreanText.luceneQuery("강경읍에서 침수", true)).isEqualTo("+(강경읍) +(침수)");
        assertThat(KoreanText.luceneQuery("  ::: ", false)).isNull();
    }
}
