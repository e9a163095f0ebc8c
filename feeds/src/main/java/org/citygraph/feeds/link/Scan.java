package org.citygraph.feeds.link;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.citygraph.graph.NodeType;

/**
 * One text read against the gazetteer: every written form found in it is judged by the rules of its
 * kind (word boundaries, what follows it in the same word, the words around it), overlapping finds keep
 * the longest, and forms that need the city's context get it from the rest of the text. Not thread-safe;
 * one instance per call.
 */
final class Scan {

    private enum Verdict { ACCEPT, CONTEXT, REJECT }

    private static final class Candidate {
        final int start;
        final int end;
        final Name name;
        Verdict verdict = Verdict.REJECT;
        double confidence;
        boolean place;
        boolean agency;
        double agencyConfidence;
        /** Whether this occurrence places the text in the city, whatever the verdict. */
        boolean anchor;
        int textEnd;

        Candidate(int start, int end, Name name) {
            this.start = start;
            this.end = end;
            this.name = name;
            this.textEnd = end;
        }

        int length() {
            return end - start;
        }
    }

    /** How the city's or the province's name reads in each grammatical position when nothing else decides. */
    private record Defaults(boolean bare, boolean subject, boolean genitive, boolean coordinate, boolean object,
                            boolean comma, boolean list, boolean province) {
    }

    /** What a name of the city or the province means here: the place, the government, or neither. */
    private record Role(boolean place, boolean agency, double agencyConfidence) {
        static final Role NONE = new Role(false, false, 0);
        static final Role PLACE = new Role(true, false, 0);

        static Role agency(double confidence) {
            return new Role(false, true, confidence);
        }

        Role and(Role other) {
            return new Role(place || other.place, agency || other.agency,
                    Math.max(agencyConfidence, other.agencyConfidence));
        }
    }

    private static final Defaults CITY = new Defaults(true, false, true, true, true, false, false, false);
    private static final Defaults PROVINCE = new Defaults(false, false, true, false, false, false, false, true);
    private static final Defaults PROVINCE_SHORT = new Defaults(true, true, true, true, true, true, true, true);

    private static final List<String> TITLE_ENDINGS = List.of(
            "조례안", "조례", "규칙", "계획", "계획안", "의 건", "법률안", "개정안", "동의안", "예산안", "지침");

    private static final List<String> PLACE_TAILS = List.of(
            "일원", "일대", "관내", "전역", "지역", "내", "외", "민", "전체", "곳곳", "도심", "인근", "소재");

    private final Gazetteer gazetteer;
    private final Input in;
    private final char[] s;
    private final int n;
    private final List<Candidate> candidates = new ArrayList<>();
    private final List<int[]> titleSpans = new ArrayList<>();
    private final Set<String> competingGenerics = new HashSet<>();

    Scan(Gazetteer gazetteer, Input input) {
        this.gazetteer = gazetteer;
        this.in = input;
        this.s = input.chars;
        this.n = input.length;
    }

    List<Link> run() {
        gazetteer.trie.scan(s, n, (start, end, names) -> {
            for (var name : names) {
                candidates.add(new Candidate(start, end, name));
            }
        });
        if (candidates.isEmpty()) {
            return List.of();
        }
        findTitleSpans();
        findCompetingGenerics();
        for (var candidate : candidates) {
            judge(candidate);
        }
        var kept = keepLongest();
        resolveContext(kept);
        return links(kept);
    }

    // ---------------------------------------------------------------- judging one candidate

    private void judge(Candidate c) {
        switch (c.name.form()) {
            case CITY_NAME -> judgeCityName(c);
            case CITY_SHORT -> judgeCityShort(c);
            case CITY_ROMAN -> judgeCityRoman(c);
            case DISTRICT_NAME -> judgeDistrictName(c);
            case DISTRICT_SHORT -> judgeDistrictShort(c);
            case DISTRICT_ROMAN -> accept(c, latinBounded(c), c.name.confidence(), true);
            case DISTRICT_ROMAN_SHORT -> judgeRomanShort(c);
            case AGENCY_NAME, AGENCY_ALIAS, AGENCY_ROMAN -> judgeAgency(c);
            case AGENCY_GENERIC -> judgeGeneric(c);
            case AGENCY_CONTRACTED -> judgeContracted(c);
            case PROVINCE_NAME -> judgeProvince(c, PROVINCE);
            case PROVINCE_SHORT -> judgeProvince(c, PROVINCE_SHORT);
            case CARD_STEM -> accept(c, latinBounded(c) && in.near(c.start, c.end, "카드", 20), c.name.confidence(), false);
            case BRANCH_PREFIX -> judgeBranch(c);
        }
    }

    private void accept(Candidate c, boolean accepted, double confidence, boolean anchor) {
        c.verdict = accepted ? Verdict.ACCEPT : Verdict.REJECT;
        c.confidence = confidence;
        c.anchor = accepted && anchor;
    }

    private void judgeCityName(Candidate c) {
        c.anchor = true;
        if (!in.atWordStart(c.start) || inTitle(c.start)) {
            return;
        }
        var role = role(c, CITY);
        if (role.place || role.agency) {
            c.verdict = Verdict.ACCEPT;
            c.place = role.place;
            c.agency = role.agency && gazetteer.cityAgencyId != null;
            c.confidence = c.name.confidence();
            c.agencyConfidence = role.agencyConfidence;
        }
    }

    private void judgeCityShort(Candidate c) {
        c.anchor = true;
        if (!in.atWordStart(c.start) || inTitle(c.start)) {
            return;
        }
        var tail = in.tail(c.end);
        if (tail.isEmpty() || Lexicon.isParticles(tail)) {
            accept(c, true, c.name.confidence(), true);
            return;
        }
        var stem = Lexicon.stemOf(tail);
        if (Texts.isDigit(stem.charAt(0))) {
            boolean village = Lexicon.isAdministrative(in.afterDigits(c.end));
            c.anchor = !village;
            accept(c, !village, c.name.confidence(), true);
            return;
        }
        if (stem.equals("군")) {
            accept(c, true, 0.8, true);
            return;
        }
        if (Lexicon.isAdministrative(stem)) {
            c.anchor = false;
            return;
        }
        if (Lexicon.isOrganisation(stem) || Lexicon.ADJECTIVE_SYLLABLES.contains(stem)) {
            return;
        }
        accept(c, true, 0.85, true);
    }

    private void judgeCityRoman(Candidate c) {
        boolean ok = latinBounded(c) && !(in.at(c.end) == '-' && Texts.isLatin(in.at(c.end + 1)));
        accept(c, ok, c.name.confidence(), true);
        c.place = ok;
    }

    private void judgeDistrictName(Candidate c) {
        if (!(in.atWordStart(c.start) || afterCity(c.start))) {
            return;
        }
        if (inTitle(c.start)) {
            c.anchor = true;
            return;
        }
        var stem = Lexicon.stemOf(in.tail(c.end));
        if (!stem.isEmpty() && !Lexicon.endsWithAny(stem, Lexicon.OWN_OFFICE_ENDINGS) && Lexicon.isOrganisation(stem)) {
            c.anchor = true;
            return;
        }
        accept(c, true, c.name.confidence(), true);
    }

    private void judgeDistrictShort(Candidate c) {
        if (!(in.atWordStart(c.start) || afterCity(c.start)) || inTitle(c.start)) {
            return;
        }
        var tail = in.tail(c.end);
        var next = tail.isEmpty() || Lexicon.isParticles(tail) ? in.nextWord(c.end + tail.length()) : "";
        var previous = in.previousWord(c.start);
        var homograph = Lexicon.HOMOGRAPHS.get(c.name.text());
        if (homograph != null) {
            if (Lexicon.startsWithAny(tail, homograph.tailStarts()) || Lexicon.startsWithAny(next, homograph.nextWordStarts())
                    || homograph.previousWords().contains(previous)) {
                return;
            }
            if (homograph.objectBefore() && (previous.endsWith("을") || previous.endsWith("를"))) {
                return;
            }
        }
        if (Lexicon.startsWithAny(tail, Lexicon.PREDICATE_STARTS) || Lexicon.isClan(tail) || Lexicon.isClan(Lexicon.stripParticles(next))) {
            return;
        }
        var stem = Lexicon.stemOf(tail);
        if (!stem.isEmpty() && Texts.isDigit(stem.charAt(0)) && Lexicon.isAdministrative(in.afterDigits(c.end))) {
            return;
        }
        if (!stem.isEmpty() && !Lexicon.endsWithAny(stem, Lexicon.OWN_OFFICE_ENDINGS)
                && (Lexicon.isOrganisation(stem) || Lexicon.isAdministrative(stem))) {
            return;
        }
        if (Lexicon.isPlaceCompound(stem)) {
            accept(c, true, 0.8, true);
            return;
        }
        var role = tail.isEmpty() ? null : Lexicon.role(tail);
        if ((tail.isEmpty() || role == Lexicon.Role.GENITIVE) && Lexicon.isPlaceNoun(next)) {
            accept(c, true, 0.8, true);
            return;
        }
        if (in.gaugeReadingAfter(c.end)) {
            accept(c, true, 0.7, true);
            return;
        }
        c.verdict = Verdict.CONTEXT;
        c.confidence = c.name.confidence();
    }

    private void judgeRomanShort(Candidate c) {
        if (!latinBounded(c) || in.at(c.end) == '-' && Texts.isLatin(in.at(c.end + 1))) {
            return;
        }
        c.verdict = Verdict.CONTEXT;
        c.confidence = c.name.confidence();
    }

    private void judgeAgency(Candidate c) {
        if (c.name.isLatin()) {
            accept(c, latinBounded(c), c.name.confidence(), c.name.local());
            return;
        }
        if (!in.atWordStart(c.start)) {
            return;
        }
        var tail = in.tail(c.end);
        if (!tail.isEmpty() && Lexicon.role(tail) == null && !Lexicon.startsWithAny(tail, Lexicon.HEAD_TITLES)
                && !Lexicon.startsWithParticle(tail) && Lexicon.isOrganisation(Lexicon.stripParticles(tail))) {
            return;
        }
        accept(c, true, c.name.confidence(), c.name.local());
    }

    private void judgeGeneric(Candidate c) {
        if (!in.atWordStart(c.start) || competingGenerics.contains(c.name.text())) {
            return;
        }
        var previous = in.previousWord(c.start);
        if (Lexicon.FORMER_WORDS.contains(previous) || isForeignMunicipality(Lexicon.stripParticles(previous))) {
            return;
        }
        var tail = in.tail(c.end);
        if (!tail.isEmpty() && !Lexicon.isParticles(tail) && !Lexicon.startsWithAny(tail, Lexicon.HEAD_TITLES)) {
            return;
        }
        if (c.name.text().endsWith("과") && tail.isEmpty()
                && !Lexicon.startsWithAny(in.nextWord(c.end), Lexicon.STAFF_WORDS)) {
            return;
        }
        c.verdict = Verdict.CONTEXT;
        c.confidence = c.name.confidence();
    }

    private void judgeContracted(Candidate c) {
        if (!in.atWordStart(c.start)) {
            return;
        }
        var tail = in.tail(c.end);
        var next = in.nextWord(c.end + tail.length());
        boolean police = Lexicon.startsWithAny(tail, Lexicon.HEAD_TITLES)
                || (tail.isEmpty() || Lexicon.isParticles(tail)) && Lexicon.startsWithAny(next, Lexicon.STAFF_WORDS)
                || tail.equals("에") && next.equals("따르면");
        accept(c, police, c.name.confidence(), c.name.local());
    }

    private void judgeProvince(Candidate c, Defaults defaults) {
        if (!in.atWordStart(c.start)) {
            return;
        }
        var tail = in.tail(c.end);
        if (c.name.form() == Name.Form.PROVINCE_NAME && (tail.startsWith("지사") || tail.startsWith("도지사"))) {
            accept(c, true, 0.85, false);
            return;
        }
        if (!tail.isEmpty() && Lexicon.role(tail) == null) {
            return;
        }
        var role = role(c, defaults);
        boolean government = c.name.form() == Name.Form.PROVINCE_NAME ? role.agency : role.agencyConfidence >= 1.0;
        if (government) {
            accept(c, true, Math.min(c.name.confidence(), role.agencyConfidence), false);
        }
    }

    private void judgeBranch(Candidate c) {
        var stem = Lexicon.stripParticles(in.tail(c.end));
        boolean branch = in.atWordStart(c.start) && !stem.isEmpty() && stem.endsWith(c.name.extra());
        accept(c, branch, c.name.confidence(), c.name.local());
        c.textEnd = in.wordEnd(c.end);
    }

    // ---------------------------------------------------------------- the city's and the province's role

    /**
     * Whether the city's (or the province's) name means the place or the government here, from what
     * follows it: a head title (논산시장), a parenthesis with one (논산시(시장 …)), a credit (ⓒ논산시,
     * 논산시 제공), its particle (논산시에서 = place, 논산시는 … = the government unless the sentence
     * describes the place, 논산시에 따르면 = source), or the next words (논산시 관내 = place, 논산시
     * 방역당국 = government, 충청남도 논산시 = address).
     */
    private Role role(Candidate c, Defaults d) {
        if (isCreditBefore(c.start)) {
            return Role.agency(1.0);
        }
        int e = c.end;
        var result = Role.NONE;
        if (in.at(e) == '(') {
            int close = in.indexOf(')', e, 40);
            if (close > 0) {
                if (Lexicon.startsWithAny(in.slice(e + 1, close).strip(), Lexicon.PARENTHESIS_HEADS)) {
                    result = Role.agency(1.0);
                }
                e = close + 1;
            }
        }
        var tail = in.tail(e);
        if (!tail.isEmpty()) {
            return result.and(roleFromTail(c, e, tail, d));
        }
        if (result.agency) {
            return result;
        }
        return roleFromNextWords(c, e, d);
    }

    private Role roleFromTail(Candidate c, int e, String tail, Defaults d) {
        if (!d.province && Lexicon.startsWithAny(tail, Lexicon.HEAD_TITLES)) {
            return Role.agency(0.85);
        }
        var role = Lexicon.role(tail);
        if (role == null) {
            if (Lexicon.startsWithAny(tail, PLACE_TAILS)) {
                return Role.PLACE;
            }
            if (Lexicon.isOrganisation(Lexicon.stripParticles(tail))) {
                return Role.NONE;
            }
            return reportsAsSubject(c) ? Role.agency(0.7) : choose(d.bare);
        }
        int after = e + tail.length();
        return switch (role) {
            case LOCATIVE -> Lexicon.startsWithAny(in.nextWord(after), Lexicon.ACTOR_AFTER_LOCATIVE) ? Role.agency(1.0) : Role.PLACE;
            case SUBJECT -> d.subject || describesPlace(after) ? Role.PLACE : Role.agency(0.9);
            case GENITIVE -> institutionalAhead(after, 3) ? Role.agency(0.9) : choose(d.genitive);
            case COORDINATE -> coordinated(after, d);
            case OBJECT -> choose(d.object);
            case OTHER -> choose(d.bare);
        };
    }

    private Role roleFromNextWords(Candidate c, int e, Defaults d) {
        int j = in.skipSpaces(e);
        char next = in.at(j);
        if (next == ',' || Texts.isMiddleDot(next)) {
            int head = listHead(j);
            if (head >= 0) {
                if (institutionalAhead(head, 2)) {
                    return Role.agency(0.9);
                }
                if (Lexicon.isPlaceNoun(in.word(head)) || Lexicon.startsWithAny(in.word(head), Lexicon.PLACE_NEXT_WORDS)) {
                    return Role.PLACE;
                }
            }
            return choose(next == ',' ? d.comma : d.list);
        }
        int wordStart = in.nextWordStart(e);
        if (wordStart < 0) {
            return choose(d.bare);
        }
        var word = in.word(wordStart);
        var stem = Lexicon.stripParticles(word);
        if (stem.equals("제공")) {
            return Role.agency(1.0);
        }
        if (startsPlace(wordStart, stem)) {
            return d.province ? Role.NONE : Role.PLACE;
        }
        if (startsAgency(wordStart)) {
            return d.province ? Role.NONE : choose(d.bare);
        }
        if (d.province && Lexicon.startsWithAny(word, Lexicon.PROVINCE_BODY_WORDS)) {
            return Role.NONE;
        }
        if (stem.equals("한") || Lexicon.startsWithAny(word, Lexicon.PLACE_NEXT_WORDS)) {
            return Role.PLACE;
        }
        if (word.equals("등")) {
            int subjectEnd = subjectWithin(in.wordEnd(wordStart), 3);
            if (subjectEnd >= 0 && !d.subject) {
                return describesPlace(subjectEnd) ? Role.PLACE : Role.agency(0.85);
            }
        }
        if (institutionalAhead(e, 3)) {
            return Role.agency(0.9);
        }
        if (reportsAsSubject(c)) {
            return Role.agency(0.7);
        }
        return choose(d.bare);
    }

    /**
     * "X와 Y가 … 지시했다": a name coordinated with a subject is a subject too; "X와 … 협약을 맺었다":
     * a party to an agreement is the government.
     */
    private Role coordinated(int after, Defaults d) {
        int subjectEnd = subjectWithin(after, 3);
        if (subjectEnd >= 0) {
            return d.subject || describesPlace(subjectEnd) ? Role.PLACE : Role.agency(0.85);
        }
        var clause = in.slice(after, in.sentenceEnd(after));
        for (var word : Lexicon.AGREEMENT_WORDS) {
            if (clause.contains(word)) {
                return Role.agency(0.85);
            }
        }
        return choose(d.coordinate);
    }

    /**
     * The end of the first word within the next {@code words} that carries a particle, when that particle
     * marks a subject (논산시와 한국농어촌공사 논산지사는 …); -1 otherwise or at punctuation.
     */
    private int subjectWithin(int from, int words) {
        int at = from;
        for (int k = 0; k < words; k++) {
            int start = in.nextWordStart(at);
            if (start < 0) {
                return -1;
            }
            int end = in.wordEnd(start);
            var word = in.slice(start, end);
            var particles = word.substring(Lexicon.stripParticles(word).length());
            if (!particles.isEmpty() && !particles.equals("들")) {
                var role = Lexicon.role(particles.startsWith("들") ? particles.substring(1) : particles);
                return role == Lexicon.Role.SUBJECT ? end : -1;
            }
            at = end;
        }
        return -1;
    }

    private static Role choose(boolean place) {
        return place ? Role.PLACE : Role.agency(0.9);
    }

    /** The sentence describes the place (rainfall, population, designation) rather than an act of its government. */
    private boolean describesPlace(int from) {
        int to = Math.min(in.sentenceEnd(from), from + 30);
        var window = in.slice(from, Math.max(from, to));
        for (var cue : Lexicon.PLACE_PREDICATE_CUES) {
            if (window.contains(cue)) {
                return true;
            }
        }
        return false;
    }

    /** The name opens a sentence that ends by reporting what was said or done (… 시행한다고 14일 밝혔다). */
    private boolean reportsAsSubject(Candidate c) {
        int start = in.sentenceStart(c.start);
        if (c.start - start > 12) {
            return false;
        }
        int end = in.sentenceEnd(c.start);
        var sentence = in.slice(start, end).strip();
        for (var verb : Lexicon.REPORTING_VERBS) {
            if (sentence.endsWith(verb)) {
                return true;
            }
        }
        return false;
    }

    private boolean institutionalAhead(int from, int words) {
        int at = from;
        for (int k = 0; k < words; k++) {
            int start = in.nextWordStart(at);
            if (start < 0) {
                return false;
            }
            var stem = Lexicon.stripParticles(in.word(start));
            for (var w : Lexicon.INSTITUTIONAL_WORDS) {
                if (stem.endsWith(w)) {
                    return true;
                }
            }
            at = in.wordEnd(start);
        }
        return false;
    }

    private boolean isCreditBefore(int i) {
        char p = in.at(i - 1);
        if (p == 'ⓒ' || p == '©') {
            return true;
        }
        if (p == '/' && !Texts.isWordChar(in.at(i - 2))) {
            return true;
        }
        if (p == '=') {
            var before = in.slice(in.wordStart(i - 1), i - 1);
            return Lexicon.CREDIT_WORDS.contains(before);
        }
        return false;
    }

    /**
     * The word that decides what a list after the name is about, given the separator at {@code separator}:
     * the word after the last item of a list of places (논산시·금산군·계룡시 산불진화대 → 산불진화대), or
     * the word after a comma when it is no place or ends the phrase with a particle (논산시, 논산시의회와).
     */
    private int listHead(int separator) {
        int at = separator;
        for (int items = 0; items < 8; items++) {
            int start = in.nextWordStart(at + 1);
            if (start < 0) {
                return -1;
            }
            int end = in.wordEnd(start);
            if (in.at(end) == ',' || Texts.isMiddleDot(in.at(end))) {
                at = end;
                continue;
            }
            var word = in.word(start);
            boolean endsPhrase = !Lexicon.stripParticles(word).equals(word);
            boolean anotherPlace = Texts.isMiddleDot(s[separator]) || Lexicon.isMunicipalityLike(word);
            return endsPhrase || !anotherPlace ? start : in.nextWordStart(end);
        }
        return -1;
    }

    // ---------------------------------------------------------------- overlap and context

    private List<Candidate> keepLongest() {
        var viable = new ArrayList<Candidate>();
        for (var c : candidates) {
            if (c.verdict != Verdict.REJECT) {
                viable.add(c);
            }
        }
        viable.sort(Comparator.comparingInt(Candidate::length).reversed().thenComparingInt(c -> c.start));
        var taken = new boolean[n];
        var kept = new ArrayList<Candidate>();
        for (var c : viable) {
            boolean free = true;
            for (int i = c.start; i < c.end && free; i++) {
                free = !taken[i];
            }
            if (free) {
                for (int i = c.start; i < c.end; i++) {
                    taken[i] = true;
                }
                kept.add(c);
            }
        }
        kept.sort(Comparator.comparingInt(c -> c.start));
        return kept;
    }

    /**
     * Short district forms and generic agency words stand only in the city's context: the text names the
     * city, a full district name, or one of the city's own agencies; or (for short forms) it names at
     * least two different districts by their short forms (강경, 연무, 성동 등).
     */
    private void resolveContext(List<Candidate> kept) {
        boolean anchored = false;
        for (var c : candidates) {
            if (c.anchor && (c.verdict != Verdict.CONTEXT)) {
                anchored = true;
                break;
            }
        }
        var shortDistricts = new HashSet<String>();
        for (var c : kept) {
            if (c.verdict == Verdict.CONTEXT && c.name.type() == NodeType.DISTRICT) {
                shortDistricts.add(c.name.id());
            }
        }
        for (var c : kept) {
            if (c.verdict != Verdict.CONTEXT) {
                continue;
            }
            if (c.name.type() == NodeType.DISTRICT) {
                if (anchored) {
                    c.verdict = Verdict.ACCEPT;
                } else if (shortDistricts.size() >= 2) {
                    c.verdict = Verdict.ACCEPT;
                    c.confidence = 0.75;
                } else {
                    c.verdict = Verdict.REJECT;
                }
            } else {
                c.verdict = anchored ? Verdict.ACCEPT : Verdict.REJECT;
            }
        }
    }

    private List<Link> links(List<Candidate> kept) {
        var best = new LinkedHashMap<String, Link>();
        for (var c : kept) {
            if (c.verdict != Verdict.ACCEPT) {
                continue;
            }
            var text = in.originalText(c.start, c.textEnd);
            if (c.name.form() == Name.Form.CITY_NAME) {
                if (c.place) {
                    offer(best, new Link(NodeType.DISTRICT, gazetteer.cityDistrictId, text, c.confidence));
                }
                if (c.agency) {
                    offer(best, new Link(NodeType.AGENCY, gazetteer.cityAgencyId, text, c.agencyConfidence));
                }
            } else {
                offer(best, new Link(c.name.type(), c.name.id(), text, c.confidence));
            }
        }
        var links = new ArrayList<>(best.values());
        if (!best.isEmpty()) {
            links.addAll(gazetteer.issues.match(in, best.keySet()));
        }
        return List.copyOf(links);
    }

    /** Each target once, with its strongest evidence; the first mention keeps its place in the order. */
    private static void offer(Map<String, Link> best, Link link) {
        var existing = best.get(link.id());
        if (existing == null || existing.confidence() < link.confidence()) {
            best.put(link.id(), link);
        }
    }

    // ---------------------------------------------------------------- words around a position

    /** A district name run into the city's name (논산양촌곶감축제). */
    private boolean afterCity(int i) {
        int start = in.wordStart(i);
        if (start == i) {
            return false;
        }
        var prefix = in.slice(start, i);
        return prefix.equals(gazetteer.cityShort) || prefix.equals(gazetteer.cityName);
    }

    private boolean latinBounded(Candidate c) {
        char before = in.at(c.start - 1);
        char after = in.at(c.end);
        return !(Texts.isLatin(before) || Texts.isDigit(before)) && !(Texts.isLatin(after) || Texts.isDigit(after));
    }

    /** Whether a district or the city starts at {@code start}, or the word there is a place (화지동, 거사리). */
    private boolean startsPlace(int start, String stem) {
        for (var c : candidates) {
            if (c.start == start && c.name.type() == NodeType.DISTRICT && c.name.form() != Name.Form.DISTRICT_SHORT) {
                return true;
            }
        }
        return stem.length() >= 3 && Texts.isSyllable(stem.charAt(0))
                && Lexicon.ADMINISTRATIVE_SYLLABLES.contains(stem.substring(stem.length() - 1))
                && !stem.endsWith("시");
    }

    private boolean startsAgency(int start) {
        for (var c : candidates) {
            if (c.start == start && c.name.type() == NodeType.AGENCY && c.name.form() != Name.Form.AGENCY_GENERIC) {
                return true;
            }
        }
        return false;
    }

    private boolean inTitle(int i) {
        for (var span : titleSpans) {
            if (i > span[0] && i < span[1]) {
                return true;
            }
        }
        return false;
    }

    /** Quoted titles of ordinances and plans ('논산시 … 조례안'): the names in them are not mentions. */
    private void findTitleSpans() {
        int asciiSingle = -1;
        int asciiDouble = -1;
        for (int i = 0; i < n; i++) {
            char c = s[i];
            int open = -1;
            if (c == '\'') {
                if (asciiSingle < 0) {
                    asciiSingle = i;
                } else {
                    open = asciiSingle;
                    asciiSingle = -1;
                }
            } else if (c == '"') {
                if (asciiDouble < 0) {
                    asciiDouble = i;
                } else {
                    open = asciiDouble;
                    asciiDouble = -1;
                }
            } else if (c == '’' || c == '”' || c == '」' || c == '』' || c == '》' || c == '〉') {
                char opening = switch (c) {
                    case '’' -> '‘';
                    case '”' -> '“';
                    case '」' -> '「';
                    case '』' -> '『';
                    case '》' -> '《';
                    default -> '〈';
                };
                for (int j = i - 1; j >= 0 && i - j < 200; j--) {
                    if (s[j] == opening) {
                        open = j;
                        break;
                    }
                }
            } else if (c == '\n') {
                asciiSingle = -1;
                asciiDouble = -1;
            }
            if (open >= 0 && Lexicon.endsWithAny(in.slice(open + 1, i).strip(), TITLE_ENDINGS)) {
                titleSpans.add(new int[] {open, i});
            }
        }
    }

    /** Generic agency words run into another body's name (의왕시의회, 금산보건소): a bare one then means that body. */
    private void findCompetingGenerics() {
        for (var c : candidates) {
            if (c.name.form() == Name.Form.AGENCY_GENERIC && !in.atWordStart(c.start)) {
                var prefix = in.slice(in.wordStart(c.start), c.start);
                boolean ours = gazetteer.cityShort != null && prefix.startsWith(gazetteer.cityShort);
                if (!ours && prefix.length() >= 2) {
                    competingGenerics.add(c.name.text());
                }
            }
        }
    }

    // ---------------------------------------------------------------- word classes

    /** A word that names another municipality (성동구, 공주시, 예산군): two syllables or more before 시/군/구. */
    private boolean isForeignMunicipality(String stem) {
        if (stem.length() < 3 || !(stem.endsWith("시") || stem.endsWith("군") || stem.endsWith("구"))) {
            return false;
        }
        return gazetteer.cityShort == null || !stem.startsWith(gazetteer.cityShort);
    }
}
