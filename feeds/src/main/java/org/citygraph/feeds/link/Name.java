package org.citygraph.feeds.link;

import org.citygraph.graph.NodeType;

/**
 * One written form of a gazetteer entry, with what kind of form it is: the linker reads each kind with
 * its own rules (a full name needs no context, a short form does, a generic agency word needs the city
 * around it, the city's own name may mean the place or the government).
 *
 * @param text       the form as it is matched (spaces normalized)
 * @param form       what kind of form this is
 * @param type       what it names
 * @param id         the public id it names
 * @param confidence the confidence when the form is read as a mention
 * @param local      whether a mention of it places the text in the city (context for short forms)
 * @param extra      form-specific data: for {@link Form#BRANCH_PREFIX} the branch suffix that must end the word
 */
record Name(String text, Form form, NodeType type, String id, double confidence, boolean local, String extra) {

    enum Form {
        /** The city's own name (논산시): the place, or the city government acting. */
        CITY_NAME,
        /** The city's name without its suffix (논산): the place. */
        CITY_SHORT,
        /** The city's romanized name (Nonsan-si, Nonsan). */
        CITY_ROMAN,
        /** A district's full name (강경읍). */
        DISTRICT_NAME,
        /** A district's name without its suffix (강경): needs the city's context, knows its homographs. */
        DISTRICT_SHORT,
        /** A district's romanized name (Ganggyeong-eup). */
        DISTRICT_ROMAN,
        /** A district's romanized name without its suffix (Ganggyeong): needs the city's context. */
        DISTRICT_ROMAN_SHORT,
        /** An agency's full name (논산경찰서). */
        AGENCY_NAME,
        /** A distinctive short name or alias (건양대, 육훈소, 논산시청) or a regular variant of a name. */
        AGENCY_ALIAS,
        /** A generic word that means the agency only in the city's context (보건소, 시의회, 시청). */
        AGENCY_GENERIC,
        /** An alias that is also the city's short name with a contracted particle (논산서 = 논산에서). */
        AGENCY_CONTRACTED,
        /** A romanized agency name (Nonsan Police Station). */
        AGENCY_ROMAN,
        /** The province's government name (충청남도, 충남도): the government unless it is an address. */
        PROVINCE_NAME,
        /** The province's short name (충남): a location unless a source frame says otherwise. */
        PROVINCE_SHORT,
        /** A card company's brand without 카드 (BC), read only next to the word 카드. */
        CARD_STEM,
        /** An organisation and the city's short name (한국농어촌공사 논산): a branch when the word ends in its suffix. */
        BRANCH_PREFIX
    }

    boolean isLatin() {
        return !text.isEmpty() && Texts.isLatin(text.charAt(0));
    }
}
