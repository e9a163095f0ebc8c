package org.citygraph.feeds.link;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Korean the linker needs, as word lists: particles, the words that turn a name into the name of
 * something else (an organisation, another place), the words that make a short name a place (지역,
 * 주민, 축제, 곶감 ...), and the homographs of short district names (강경 대응 = hard-line response,
 * 부적절 = inappropriate, 연산 = computation, 철광석 = iron ore, 은진송씨 = a clan). Plain data, no
 * regular expressions: the linker reads words with these lists.
 */
final class Lexicon {

    private Lexicon() {
    }

    enum Role { LOCATIVE, SUBJECT, GENITIVE, COORDINATE, OBJECT, OTHER }

    /** Particles (조사) and the few endings that follow a name, longest first. */
    static final List<String> PARTICLES = List.of(
            "에서부터", "으로부터",
            "에서는", "에서도", "에서의", "에게서", "으로는", "으로도", "으로의", "까지는", "까지의", "까지도", "부터는",
            "이라는", "이라고", "이지만", "에서만",
            "에서", "에게", "으로", "까지", "부터", "처럼", "보다", "마다", "하고", "이나", "에는", "에도", "에선", "와의",
            "과의", "에의", "로는", "로도", "로의", "이며", "이고", "라는", "라고", "이다", "이자", "만의", "만은", "께서",
            "이랑", "에만", "조차",
            "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "만", "나", "랑", "엔", "서", "께");

    private static final Map<String, Role> ROLES = Map.ofEntries(
            Map.entry("에서부터", Role.LOCATIVE), Map.entry("으로부터", Role.LOCATIVE), Map.entry("에서는", Role.LOCATIVE),
            Map.entry("에서도", Role.LOCATIVE), Map.entry("에서의", Role.LOCATIVE), Map.entry("으로는", Role.LOCATIVE),
            Map.entry("으로도", Role.LOCATIVE), Map.entry("으로의", Role.LOCATIVE), Map.entry("까지는", Role.LOCATIVE),
            Map.entry("까지의", Role.LOCATIVE), Map.entry("까지도", Role.LOCATIVE), Map.entry("부터는", Role.LOCATIVE),
            Map.entry("에서만", Role.LOCATIVE), Map.entry("에서", Role.LOCATIVE), Map.entry("으로", Role.LOCATIVE),
            Map.entry("까지", Role.LOCATIVE), Map.entry("부터", Role.LOCATIVE), Map.entry("에는", Role.LOCATIVE),
            Map.entry("에도", Role.LOCATIVE), Map.entry("에선", Role.LOCATIVE), Map.entry("에의", Role.LOCATIVE),
            Map.entry("로는", Role.LOCATIVE), Map.entry("로도", Role.LOCATIVE), Map.entry("로의", Role.LOCATIVE),
            Map.entry("에만", Role.LOCATIVE), Map.entry("에", Role.LOCATIVE), Map.entry("로", Role.LOCATIVE),
            Map.entry("엔", Role.LOCATIVE), Map.entry("서", Role.LOCATIVE),
            Map.entry("은", Role.SUBJECT), Map.entry("는", Role.SUBJECT), Map.entry("이", Role.SUBJECT),
            Map.entry("가", Role.SUBJECT), Map.entry("도", Role.SUBJECT), Map.entry("께서", Role.SUBJECT),
            Map.entry("만", Role.SUBJECT), Map.entry("만은", Role.SUBJECT), Map.entry("이지만", Role.SUBJECT),
            Map.entry("조차", Role.SUBJECT),
            Map.entry("의", Role.GENITIVE), Map.entry("와의", Role.GENITIVE), Map.entry("과의", Role.GENITIVE),
            Map.entry("만의", Role.GENITIVE),
            Map.entry("와", Role.COORDINATE), Map.entry("과", Role.COORDINATE), Map.entry("하고", Role.COORDINATE),
            Map.entry("이나", Role.COORDINATE), Map.entry("나", Role.COORDINATE), Map.entry("랑", Role.COORDINATE),
            Map.entry("이랑", Role.COORDINATE),
            Map.entry("을", Role.OBJECT), Map.entry("를", Role.OBJECT));

    /** Whether the whole of {@code tail} is one particle or two (만의, 에서의 ...). */
    static boolean isParticles(String tail) {
        if (tail.isEmpty()) {
            return false;
        }
        for (var p : PARTICLES) {
            if (tail.equals(p)) {
                return true;
            }
            if (tail.startsWith(p) && PARTICLES.contains(tail.substring(p.length()))) {
                return true;
            }
        }
        return false;
    }

    /** The grammatical role of a particle tail (its first particle decides), or {@code null} if it is none. */
    static Role role(String tail) {
        for (var p : PARTICLES) {
            if (tail.equals(p)) {
                return ROLES.getOrDefault(p, Role.OTHER);
            }
        }
        for (var p : PARTICLES) {
            if (tail.startsWith(p) && PARTICLES.contains(tail.substring(p.length()))) {
                return ROLES.getOrDefault(p, Role.OTHER);
            }
        }
        return null;
    }

    /** The word without the particles at its end (two at most) and a plural 들; the word itself when nothing is left. */
    static String stripParticles(String word) {
        var stem = word;
        for (int round = 0; round < 2; round++) {
            String shorter = null;
            for (var p : PARTICLES) {
                if (stem.length() > p.length() && stem.endsWith(p)) {
                    shorter = stem.substring(0, stem.length() - p.length());
                    break;
                }
            }
            if (shorter == null) {
                break;
            }
            stem = shorter;
        }
        if (stem.length() > 2 && stem.endsWith("들")) {
            stem = stem.substring(0, stem.length() - 1);
        }
        return stem;
    }

    /** Words that end the name of an organisation: a place name before them is part of its name (강경농협). */
    static final List<String> ORGANISATION_ENDINGS = List.of(
            "농협", "축협", "신협", "수협", "조합", "법인", "위원회", "재단", "협회", "연합회", "협의회", "학교", "초교", "고교",
            "여고", "여중", "대학", "대학교", "대학원", "병원", "의원", "교회", "성당", "지원", "지청", "경찰청", "경찰서",
            "소방서", "본부", "교육청", "교육감", "의회", "일보", "신문", "방송", "뉴스", "공사", "공단", "은행", "우체국",
            "기술원", "연구원", "연구소", "진흥원", "센터", "군청", "시청", "구청", "도청", "도당", "시당", "해설사회", "봉사회", "상회",
            "기업", "건설", "회사", "청년회", "부녀회", "노인회", "향우회", "동창회", "체육회", "클럽", "지구대", "파출소",
            "지소", "분소");

    /** One-syllable organisation endings, counted only when they are the whole rest of the word (양촌초, 충남대). */
    static final Set<String> ORGANISATION_SYLLABLES = Set.of("초", "중", "고", "대", "청", "당", "회", "원");

    /** A district's own office is the district, not another organisation (강경읍사무소, 취암동 행정복지센터). */
    static final List<String> OWN_OFFICE_ENDINGS = List.of("사무소", "행정복지센터", "주민센터", "복지센터");

    /** Administrative suffixes: a short name followed by one that is not its own is another place (성동구, 양촌읍). */
    static final Set<String> ADMINISTRATIVE_SYLLABLES = Set.of("구", "군", "시", "읍", "면", "동", "리", "현");

    /** Suffixes that make an adjective of a place name (논산형 = Nonsan-style). */
    static final Set<String> ADJECTIVE_SYLLABLES = Set.of("형", "식", "풍");

    /** Beginnings of a word that make a 하다-predicate of what precedes it (강경한, 강경히, 부적합한). */
    static final List<String> PREDICATE_STARTS = List.of("하", "한", "히", "해", "했", "함", "할", "된", "되", "적");

    /** Nouns that make a short name a place: areas, residents, directions, landmarks, products and events named after it. */
    static final List<String> PLACE_NOUNS = List.of(
            "지역", "주민", "읍민", "면민", "동민", "방면", "지점", "일원", "일대", "포구", "도심", "시내", "읍내", "권역",
            "젓갈", "축제", "곶감", "고구마", "딸기", "대추", "순대", "명품", "특산", "농산물", "시장", "장터", "지하차도",
            "나들목", "농공단지", "산업단지", "둔치", "들녘", "들판", "마을", "거리", "저수지", "캠퍼스", "터미널", "제방",
            "하천", "관내", "근대", "한옥", "농가", "체험", "들녂");

    /** One-syllable place endings, counted only as the whole rest of the word (노성산, 논산천, 벌곡행). */
    static final Set<String> PLACE_SYLLABLES = Set.of("산", "천", "교", "역", "발", "행", "호");

    /** Units that make "short name + number" a gauge reading (연무가 196mm, 강경은 4.79m). */
    static final List<String> GAUGE_UNITS = List.of("mm", "㎜", "cm", "㎝", "m");

    /** Words after the city's name that make it the place (논산시 관내, 논산시 한 찜질방, 논산시 인구). */
    static final List<String> PLACE_NEXT_WORDS = List.of(
            "관내", "지역", "일원", "일대", "전역", "전체", "도심", "소재", "인근", "인구", "곳곳", "남부", "북부", "동부",
            "서부", "중심", "최대", "외곽", "시내", "읍내", "일부", "출신", "거주");

    /** Words after the city's (or province's) name that make it the government (논산시 방역당국, 논산시 인사). */
    static final List<String> INSTITUTIONAL_WORDS = List.of(
            "당국", "공무원", "직원", "관계자", "인사", "부시장", "시장", "진화대", "청사", "본청", "역점", "사업", "정책",
            "행정", "예산", "플랫폼", "시스템", "입장", "방침", "대응", "노력", "열정", "지원", "계획", "기관", "담당자",
            "책임자", "공식", "발표", "결정", "조치", "공직자", "조직", "홈페이지", "누리집", "시정", "부서", "간부",
            "주무관", "시책", "공모", "협약", "도지사", "부지사", "지사", "도정", "센터", "시군");

    /** Words after a subject that describe the place rather than an act of its government (강수량을 기록). */
    static final List<String> PLACE_PREDICATE_CUES = List.of(
            "강수량", "강우량", "mm", "㎜", "기온", "인구", "주산단지", "주산지", "지정됨", "지정돼", "지정되어", "위치한",
            "위치해", "소재한", "면적");

    /** Words in the rest of a clause that make "X와 …" a party to an agreement (논산시와 … 협약을 맺었다). */
    static final List<String> AGREEMENT_WORDS = List.of("협약", "업무협약", "MOU", "합의", "협정", "맞손", "손잡");

    /** Words after 에/에서 that make the city or province the actor (논산시에 따르면, 충청남도에서 주관한). */
    static final List<String> ACTOR_AFTER_LOCATIVE = List.of("따르면", "주관", "주최", "요청", "건의", "제출", "협조", "의뢰");

    /** Titles of heads that make "name + title" mean the agency (논산시장, 충남도지사, 육군훈련소장). */
    static final List<String> HEAD_TITLES = List.of(
            "장", "부시장", "부지사", "의장", "부의장", "총장", "교육장", "소장", "서장", "청장", "원장", "장실");

    /** Titles in a parenthesis after a name that make it the agency (논산시(시장 황명선)). */
    static final List<String> PARENTHESIS_HEADS = List.of(
            "시장", "부시장", "군수", "구청장", "도지사", "지사", "총장", "청장", "서장", "교육장", "소장", "의장", "원장",
            "사장", "지사장", "대표");

    /** Words before '=' that make the next name a credit (사진=논산시). */
    static final List<String> CREDIT_WORDS = List.of("사진", "자료", "출처", "제공", "그래픽", "영상");

    /** Verbs that end a sentence reporting what its subject said or did. */
    static final List<String> REPORTING_VERBS = List.of(
            "밝혔다", "전했다", "말했다", "설명했다", "덧붙였다", "강조했다", "발표했다", "예고했다", "알렸다");

    /** Bodies whose names follow the province's (충남도 소방본부): the province's name is then part of theirs. */
    static final List<String> PROVINCE_BODY_WORDS = List.of(
            "소방본부", "경찰청", "교육청", "교육감", "의회", "도의회", "의원", "도의원", "도당", "농업기술원", "연구원",
            "보건환경연구원", "체육회", "개발공사", "신용보증재단");

    /** Words before a generic agency word that make it the former one (구 보건소 = the former health centre). */
    static final Set<String> FORMER_WORDS = Set.of("구", "옛", "舊", "전");

    /** Words after a division's bare short name that make it the division and not "… and" (환경과 관계자). */
    static final List<String> STAFF_WORDS = List.of("관계자", "직원", "공무원", "팀장", "주무관", "담당자", "측");

    /** Common surnames, for clan names written after a place (은진송씨, 파평 윤씨). */
    static final String SURNAMES = "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부";

    /**
     * Homographs of short district names: what may follow (in the same word or as the next word) or
     * precede a short name when it is not the place. Keyed by the short name as written.
     */
    record Homograph(List<String> tailStarts, List<String> nextWordStarts, List<String> previousWords,
                     boolean objectBefore) {
    }

    static final Map<String, Homograph> HOMOGRAPHS = Map.ofEntries(
            // 강경 = hard-line (강경한 입장, 초강경 대응, 강경 발언)
            Map.entry("강경", new Homograph(
                    List.of("책", "파", "론", "노선", "대응", "기조", "입장", "발언", "진압", "일변도", "투쟁", "조치", "성향",
                            "세력", "보수", "방침", "태도", "대처"),
                    List.of("대응", "대처", "입장", "발언", "조치", "방침", "기조", "노선", "태도", "투쟁", "진압", "일변도",
                            "자세", "목소리", "비판", "반발", "반대", "성향", "세력", "보수", "대북", "여론", "규탄", "항의",
                            "드라이브", "처벌", "대책", "제재", "메시지", "단속", "모드", "방침", "발걸음", "행보", "노조"),
                    List.of(), false)),
            // 부적 = amulet; 부적절/부적합/부적격/부적응 = in-, un-
            Map.entry("부적", new Homograph(List.of("절", "합", "격", "응", "당", "법", "정", "임"),
                    List.of("절", "합", "격"), List.of(), false)),
            // 연산 = computation; 연산군 = the king
            Map.entry("연산", new Homograph(List.of("자", "량", "능력", "속도", "장치", "처리", "기", "식", "력", "군"),
                    List.of("기능", "처리", "속도", "능력", "장치", "실행", "코어", "결과", "과정", "성능", "자원", "효율",
                            "방식", "회로", "작업", "모델", "비용", "량", "능", "단위", "가속"),
                    List.of("대규모", "병렬", "고속", "행렬", "논리", "산술", "수치", "AI", "텐서"), false)),
            // 광석 = ore (철광석 is caught by the word boundary)
            Map.entry("광석", new Homograph(List.of("물", "류"),
                    List.of("가격", "광산", "채굴", "수입", "수출", "운반", "자원", "매장량", "제련"), List.of(), false)),
            // 연무 = haze; 연무문 = the training camp's gate
            Map.entry("연무", new Homograph(List.of("문", "현상"),
                    List.of("현상", "낀", "끼어", "끼고", "끼었", "자욱", "가득"), List.of("짙은", "옅은", "엷은"), false)),
            // 은진미륵 = the statue (named after the old county), 은진송씨 = a clan
            Map.entry("은진", new Homograph(List.of("미륵", "송"), List.of("미륵", "송씨"), List.of(), false)),
            // 채운산 = a hill in 강경읍; 채운 = "filled" (물을 채운 뒤)
            Map.entry("채운", new Homograph(List.of("산"),
                    List.of("뒤", "후", "다음", "채", "것", "상태", "만큼", "데", "뒤에", "사람"), List.of(), true)),
            // 노성 = an angry voice (노성을 지르다)
            Map.entry("노성", new Homograph(List.of(), List.of("지르", "질렀", "오가", "섞인"), List.of(), false)),
            // 상월곡동 = a dong in Seoul (caught as another place as well)
            Map.entry("상월", new Homograph(List.of("곡"), List.of(), List.of(), false)));

    /** The rest of a word without its particles; empty when the rest is only particles. */
    static String stemOf(String tail) {
        return tail.isEmpty() || isParticles(tail) ? "" : stripParticles(tail);
    }

    /** The rest of a word that makes it an organisation's name (강경농협 → 농협, 양촌초 → 초). */
    static boolean isOrganisation(String stem) {
        if (stem.isEmpty()) {
            return false;
        }
        if (ORGANISATION_SYLLABLES.contains(stem)) {
            return true;
        }
        return endsWithAny(stem, ORGANISATION_ENDINGS);
    }

    /** Another administrative unit: 구, 군, 읍 … alone, or one syllable before 동/리 (상월곡동). */
    static boolean isAdministrative(String stem) {
        if (stem.length() == 1) {
            return ADMINISTRATIVE_SYLLABLES.contains(stem);
        }
        return stem.length() == 2 && (stem.endsWith("동") || stem.endsWith("리")) && Texts.isSyllable(stem.charAt(0));
    }

    /** The rest of a word that makes a short name a place named after it (강경포구, 노성산, 상월지역). */
    static boolean isPlaceCompound(String stem) {
        if (stem.isEmpty()) {
            return false;
        }
        if (PLACE_SYLLABLES.contains(stem)) {
            return true;
        }
        for (var noun : PLACE_NOUNS) {
            if (stem.contains(noun)) {
                return true;
            }
        }
        return false;
    }

    /** A next word that makes a short name before it a place (강경 주민, 가야곡 지하차도, 상월 고구마). */
    static boolean isPlaceNoun(String word) {
        if (word.isEmpty()) {
            return false;
        }
        var stem = stripParticles(word);
        for (var noun : PLACE_NOUNS) {
            if (word.startsWith(noun) || stem.endsWith(noun)) {
                return true;
            }
        }
        return false;
    }

    /** A clan name after a place of origin (송씨 in 은진송씨): a surname and 씨. */
    static boolean isClan(String word) {
        return word.length() == 2 && word.charAt(1) == '씨' && SURNAMES.indexOf(word.charAt(0)) >= 0;
    }

    /** A word that looks like the name of a municipality (금산군, 계룡시, 성동구). */
    static boolean isMunicipalityLike(String stem) {
        return stem.length() >= 3 && (stem.endsWith("시") || stem.endsWith("군") || stem.endsWith("구"));
    }

    /** A rest of a word that starts with a one-syllable particle, as in run-in typos (보건소에거). */
    static boolean startsWithParticle(String tail) {
        for (var p : PARTICLES) {
            if (p.length() == 1 && tail.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    static boolean startsWithAny(String text, List<String> prefixes) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (var p : prefixes) {
            if (text.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    static boolean endsWithAny(String text, List<String> suffixes) {
        for (var p : suffixes) {
            if (text.endsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
