package org.citygraph.feeds.link;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.citygraph.graph.NodeType;
import org.citygraph.graph.agency.Agency;
import org.citygraph.graph.agency.AgencyKind;
import org.citygraph.graph.district.District;
import org.citygraph.graph.district.DistrictLevel;

/**
 * Names of the city's districts, agencies and issues, with their short forms and aliases. Immutable,
 * thread-safe.
 *
 * <p>Built once from the graph's records; every written form (full names, short forms such as 강경 for
 * 강경읍, romanized names, aliases, and regular variants such as 논산보건소 for 논산시보건소 or
 * 논산교육지원청 for 논산계룡교육지원청) goes into one character trie, so that linking a text costs a
 * walk over the text, whatever the number of names.
 */
public final class Gazetteer {

    /** For issues: the id, its title, and the ids of its districts and owner agency (context for matching). */
    public record IssueTerms(String id, String title, List<String> districtIds, List<String> agencyIds) {

        public IssueTerms {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            districtIds = districtIds == null ? List.of() : List.copyOf(districtIds);
            agencyIds = agencyIds == null ? List.of() : List.copyOf(agencyIds);
        }
    }

    private static final List<String> INSTITUTION_ENDINGS = List.of(
            "교육지원청", "교육청", "경찰서", "소방서", "보건소", "세무서", "우체국");

    private static final List<String> BRANCH_ENDINGS = List.of("지사", "지점", "지부", "지청", "출장소", "사업소", "지소");

    /** Endings of words that name a kind of body rather than one body (보건소, 시의회, 시청, 환경과, 민원실). */
    private static final List<String> TYPE_ENDINGS = List.of("소", "회", "청", "과", "센터", "본부", "실", "원", "단", "팀");

    final NameTrie trie;
    /** The city as a district (dst_nonsan), or null when the districts hold no city. */
    final String cityDistrictId;
    /** The city government (agc_nonsan-city), or null. */
    final String cityAgencyId;
    /** The city's name without its suffix (논산), or null. */
    final String cityShort;
    /** The city's full name (논산시), or null. */
    final String cityName;
    /** Generic agency words (보건소, 시의회, 시청): another city's (의왕시의회) in the same text competes with ours. */
    final Set<String> genericWords;
    final IssueIndex issues;

    private Gazetteer(NameTrie trie, String cityDistrictId, String cityAgencyId, String cityShort, String cityName,
                      Set<String> genericWords, IssueIndex issues) {
        this.trie = trie;
        this.cityDistrictId = cityDistrictId;
        this.cityAgencyId = cityAgencyId;
        this.cityShort = cityShort;
        this.cityName = cityName;
        this.genericWords = genericWords;
        this.issues = issues;
    }

    public static Gazetteer of(List<District> districts, List<Agency> agencies, List<IssueTerms> issues) {
        return new Builder(districts == null ? List.of() : districts, agencies == null ? List.of() : agencies)
                .build(issues == null ? List.of() : issues);
    }

    private static final class Builder {
        private final List<District> districts;
        private final List<Agency> agencies;
        private final Map<String, Name> names = new LinkedHashMap<>();
        private final Set<String> generic = new LinkedHashSet<>();
        private final Set<String> agencyNames = new LinkedHashSet<>();
        private String cityDistrictId;
        private String cityAgencyId;
        private String cityShort;
        private String cityName;

        Builder(List<District> districts, List<Agency> agencies) {
            this.districts = districts;
            this.agencies = agencies;
        }

        Gazetteer build(List<IssueTerms> issues) {
            for (var district : districts) {
                if (district.level() == DistrictLevel.CITY && cityDistrictId == null && district.name() != null) {
                    cityDistrictId = district.id();
                    cityName = Texts.normalizeName(district.name());
                    cityShort = withoutSuffix(cityName, "시군");
                }
            }
            for (var agency : agencies) {
                for (var form : forms(agency)) {
                    agencyNames.add(Texts.normalizeName(form).replace(" ", ""));
                }
            }
            for (var district : districts) {
                addDistrict(district);
            }
            for (var agency : agencies) {
                addAgency(agency);
            }
            var trie = NameTrie.of(List.copyOf(names.values()));
            return new Gazetteer(trie, cityDistrictId, cityAgencyId, cityShort, cityName, Set.copyOf(generic),
                    IssueIndex.of(issues, word -> holdsName(trie, word)));
        }

        /** Whether a word holds one of the city's distinctive names (not a short form or a generic word). */
        private static boolean holdsName(NameTrie trie, String word) {
            var chars = word.toCharArray();
            var found = new boolean[1];
            trie.scan(chars, chars.length, (start, end, names) -> {
                for (var name : names) {
                    switch (name.form()) {
                        case CITY_NAME, CITY_SHORT, DISTRICT_NAME, AGENCY_NAME, AGENCY_ALIAS -> found[0] |= start == 0;
                        default -> {
                        }
                    }
                }
            });
            return found[0];
        }

        private void addDistrict(District district) {
            if (district.name() == null || district.name().isBlank()) {
                return;
            }
            var name = Texts.normalizeName(district.name());
            boolean city = district.id().equals(cityDistrictId);
            if (city) {
                add(name, Name.Form.CITY_NAME, NodeType.DISTRICT, district.id(), 1.0, true, null);
                if (cityShort != null) {
                    add(cityShort, Name.Form.CITY_SHORT, NodeType.DISTRICT, district.id(), 0.9, true, null);
                }
            } else {
                add(name, Name.Form.DISTRICT_NAME, NodeType.DISTRICT, district.id(), 1.0, true, null);
                var shortName = withoutSuffix(name, "읍면동리가");
                if (shortName != null) {
                    add(shortName, Name.Form.DISTRICT_SHORT, NodeType.DISTRICT, district.id(), 0.85, true, null);
                }
            }
            if (district.nameEn() != null && !district.nameEn().isBlank()) {
                var roman = Texts.normalizeName(district.nameEn());
                add(roman, city ? Name.Form.CITY_ROMAN : Name.Form.DISTRICT_ROMAN, NodeType.DISTRICT, district.id(), 1.0,
                        true, null);
                var romanShort = romanWithoutSuffix(roman);
                if (romanShort != null) {
                    add(romanShort, city ? Name.Form.CITY_ROMAN : Name.Form.DISTRICT_ROMAN_SHORT, NodeType.DISTRICT,
                            district.id(), city ? 0.9 : 0.85, true, null);
                }
            }
        }

        private void addAgency(Agency agency) {
            var id = agency.id();
            boolean local = isLocal(agency);
            if (agency.kind() == AgencyKind.PROVINCE) {
                for (var form : forms(agency)) {
                    var text = Texts.normalizeName(form);
                    double confidence = form.equals(agency.name()) ? 1.0 : 0.9;
                    if (text.endsWith("도")) {
                        add(text, Name.Form.PROVINCE_NAME, NodeType.AGENCY, id, confidence, false, null);
                    } else if (text.endsWith("청")) {
                        add(text, Name.Form.AGENCY_ALIAS, NodeType.AGENCY, id, confidence, false, null);
                    } else {
                        add(text, Name.Form.PROVINCE_SHORT, NodeType.AGENCY, id, 0.8, false, null);
                    }
                }
                addRoman(agency, false);
                return;
            }
            boolean cityGovernment = cityName != null && agency.kind() == AgencyKind.CITY_GOVERNMENT
                    && (cityName.equals(Texts.normalizeName(agency.name()))
                        || cityName.equals(agency.shortName() == null ? null : Texts.normalizeName(agency.shortName())));
            if (cityGovernment && cityAgencyId == null) {
                cityAgencyId = id;
            }
            var forms = forms(agency);
            for (var form : forms) {
                var text = Texts.normalizeName(form);
                if (cityGovernment && text.equals(cityName)) {
                    continue;
                }
                boolean official = form.equals(agency.name());
                if (official) {
                    add(text, Name.Form.AGENCY_NAME, NodeType.AGENCY, id, 1.0, local, null);
                } else if (isContracted(text)) {
                    add(text, Name.Form.AGENCY_CONTRACTED, NodeType.AGENCY, id, 0.85, local, null);
                } else if (isGeneric(text, forms)) {
                    addGeneric(text, id);
                } else {
                    add(text, Name.Form.AGENCY_ALIAS, NodeType.AGENCY, id, 0.9, local, null);
                }
                addVariants(text, id, local, agency);
            }
            addRoman(agency, local);
        }

        /** Regular variants of a name: other spacing, the city's short name, the city's own units, branches. */
        private void addVariants(String text, String id, boolean local, Agency agency) {
            if (text.contains(" ")) {
                add(text.replace(" ", ""), Name.Form.AGENCY_ALIAS, NodeType.AGENCY, id, 0.9, local, null);
            }
            if (cityName != null && text.startsWith(cityName) && text.length() > cityName.length()) {
                boolean spaced = text.charAt(cityName.length()) == ' ';
                var rest = text.substring(cityName.length()).strip();
                if (rest.length() >= 2) {
                    add(spaced ? cityName + rest : cityName + " " + rest, Name.Form.AGENCY_ALIAS, NodeType.AGENCY, id,
                            0.9, local, null);
                    if (cityShort != null) {
                        add(cityShort + rest, Name.Form.AGENCY_ALIAS, NodeType.AGENCY, id, 0.85, local, null);
                    }
                }
                if (!spaced) {
                    addGeneric("시" + rest, id);
                }
                if (rest.length() >= 3 && !rest.contains(" ")) {
                    addGeneric(rest, id);
                }
            }
            if (cityShort != null && text.startsWith(cityShort) && (cityName == null || !text.startsWith(cityName))) {
                for (var ending : INSTITUTION_ENDINGS) {
                    int middle = text.length() - cityShort.length() - ending.length();
                    if (text.endsWith(ending) && middle >= 2 && middle <= 4) {
                        var shorter = cityShort + ending;
                        if (!agencyNames.contains(shorter)) {
                            add(shorter, Name.Form.AGENCY_ALIAS, NodeType.AGENCY, id, 0.85, local, null);
                        }
                    }
                }
            }
            int space = text.lastIndexOf(' ');
            if (cityShort != null && space > 0) {
                var organisation = text.substring(0, space);
                var unit = text.substring(space + 1);
                for (var ending : BRANCH_ENDINGS) {
                    if (unit.startsWith(cityShort) && unit.endsWith(ending)) {
                        add(organisation + " " + cityShort, Name.Form.BRANCH_PREFIX, NodeType.AGENCY, id, 0.9, local,
                                ending);
                        add(cityShort + " " + organisation, Name.Form.AGENCY_ALIAS, NodeType.AGENCY, id, 0.85, local, null);
                        if (organisation.startsWith("한국") && organisation.length() > 4) {
                            add(cityShort + " " + organisation.substring(2), Name.Form.AGENCY_ALIAS, NodeType.AGENCY, id,
                                    0.85, local, null);
                        }
                    }
                }
            }
            if (agency.kind() == AgencyKind.CARD_COMPANY && text.endsWith("카드") && text.length() > 2) {
                var brand = text.substring(0, text.length() - 2).strip();
                if (!brand.isEmpty() && brand.chars().allMatch(c -> Texts.isLatin((char) c))) {
                    add(brand, Name.Form.CARD_STEM, NodeType.AGENCY, id, 0.7, false, null);
                }
            }
        }

        private void addRoman(Agency agency, boolean local) {
            if (agency.nameEn() != null && !agency.nameEn().isBlank()) {
                var roman = Texts.normalizeName(agency.nameEn());
                if (!roman.equals(agency.name())) {
                    add(roman, Name.Form.AGENCY_ROMAN, NodeType.AGENCY, agency.id(), 0.9, local, null);
                }
            }
        }

        private void addGeneric(String text, String id) {
            if (text.length() < 2 || agencyNames.contains(text) && !isOwnForm(text, id)) {
                return;
            }
            generic.add(text);
            add(text, Name.Form.AGENCY_GENERIC, NodeType.AGENCY, id, 0.8, false, null);
        }

        private boolean isOwnForm(String text, String id) {
            for (var agency : agencies) {
                if (agency.id().equals(id)) {
                    for (var form : forms(agency)) {
                        if (Texts.normalizeName(form).replace(" ", "").equals(text)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /**
         * A short name that is the end of the agency's longer name, holds no place name and names a kind of
         * body (보건소 of 논산시보건소, 훈련소 of 육군훈련소; not 케이티 of 주식회사 케이티).
         */
        private boolean isGeneric(String text, List<String> forms) {
            if (cityShort != null && text.contains(cityShort) || TYPE_ENDINGS.stream().noneMatch(text::endsWith)) {
                return false;
            }
            var compact = text.replace(" ", "");
            for (var other : forms) {
                var otherCompact = Texts.normalizeName(other).replace(" ", "");
                if (otherCompact.length() > compact.length() && otherCompact.endsWith(compact)) {
                    return true;
                }
            }
            return false;
        }

        /** The city's short name and a one-syllable particle (논산서): also reads as "in Nonsan". */
        private boolean isContracted(String text) {
            return cityShort != null && text.length() == cityShort.length() + 1 && text.startsWith(cityShort)
                    && Lexicon.role(text.substring(cityShort.length())) == Lexicon.Role.LOCATIVE;
        }

        /** Whether naming the agency places a text in the city (a province, a telecom or a card company does not). */
        private boolean isLocal(Agency agency) {
            if (cityShort != null) {
                for (var form : forms(agency)) {
                    if (form.contains(cityShort)) {
                        return true;
                    }
                }
            }
            return agency.kind() != null && switch (agency.kind()) {
                case PROVINCE, TELECOM_OPERATOR, CARD_COMPANY, OTHER -> false;
                default -> true;
            };
        }

        private void add(String text, Name.Form form, NodeType type, String id, double confidence, boolean local,
                         String extra) {
            if (text == null || text.isBlank()) {
                return;
            }
            var key = text + '\u0000' + form + '\u0000' + id;
            var existing = names.get(key);
            if (existing == null || existing.confidence() < confidence) {
                names.put(key, new Name(text, form, type, id, confidence, local, extra));
            }
        }

        private static List<String> forms(Agency agency) {
            var forms = new ArrayList<String>();
            if (agency.name() != null && !agency.name().isBlank()) {
                forms.add(agency.name());
            }
            if (agency.shortName() != null && !agency.shortName().isBlank() && !forms.contains(agency.shortName())) {
                forms.add(agency.shortName());
            }
            if (agency.aliases() != null) {
                for (var alias : agency.aliases()) {
                    if (alias != null && !alias.isBlank() && !forms.contains(alias)) {
                        forms.add(alias);
                    }
                }
            }
            return forms;
        }

        private static String withoutSuffix(String name, String suffixes) {
            if (name.length() >= 3 && suffixes.indexOf(name.charAt(name.length() - 1)) >= 0) {
                var stem = name.substring(0, name.length() - 1);
                return stem.chars().allMatch(c -> Texts.isSyllable((char) c)) ? stem : null;
            }
            return null;
        }

        private static String romanWithoutSuffix(String roman) {
            for (var suffix : List.of("-eup", "-myeon", "-dong", "-ri", "-si", "-gun", "-gu")) {
                if (roman.endsWith(suffix) && roman.length() > suffix.length() + 2) {
                    return roman.substring(0, roman.length() - suffix.length());
                }
            }
            return null;
        }
    }
}
