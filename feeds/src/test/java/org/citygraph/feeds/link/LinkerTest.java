package org.citygraph.feeds.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.citygraph.graph.NodeType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the linker does with particles, homographs, context, the city's two roles, romanized names and issues. */
class LinkerTest {

    private static final Linker LINKER = new Linker(DemoGazetteer.gazetteer());

    private static List<Link> link(String text) {
        return LINKER.link(null, text);
    }

    private static Set<String> districts(String text) {
        return keys(link(text), NodeType.DISTRICT);
    }

    private static Set<String> agencies(String text) {
        return keys(link(text), NodeType.AGENCY);
    }

    private static Set<String> issues(String text) {
        return keys(link(text), NodeType.ISSUE);
    }

    private static Set<String> keys(List<Link> links, NodeType type) {
        return links.stream().filter(l -> l.type() == type).map(l -> l.id().substring(l.id().indexOf('_') + 1))
                .collect(Collectors.toSet());
    }

    private static Link only(List<Link> links, String id) {
        var matching = links.stream().filter(l -> l.id().equals(id)).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    @Nested
    class Particles {

        @Test
        void readsNamesWithTheirParticles() {
            var links = link("강경읍에서 열린 회의에 논산경찰서는 육군훈련소와 함께 참석했다.");
            assertThat(only(links, "dst_ganggyeong").text()).isEqualTo("강경읍");
            assertThat(only(links, "agc_nonsan-police").text()).isEqualTo("논산경찰서");
            assertThat(only(links, "agc_army-training-center").text()).isEqualTo("육군훈련소");
            assertThat(links).allSatisfy(l -> assertThat(l.confidence()).isEqualTo(1.0));
        }

        @Test
        void readsTitlesOfHeadsAsTheirAgency() {
            assertThat(agencies("김익중 논산경찰서장은 이전 문제를 설명했다.")).containsExactly("nonsan-police");
            assertThat(agencies("안희정 충남도지사와 위승호 국방대총장이 참석했다.")).containsExactlyInAnyOrder("chungnam", "kndu");
            assertThat(agencies("조용훈 논산시의회 의장이 축사를 했다.")).containsExactly("nonsan-council");
        }

        @Test
        void takesAPlaceNamedAfterADistrictAsThatDistrict() {
            assertThat(districts("강경젓갈축제가 금강 둔치에서 열렸다.")).containsExactly("ganggyeong");
            assertThat(districts("상월명품고구마가 출하되기 시작했다.")).containsExactly("sangwol");
            assertThat(districts("노성산 자락에 자리한 고택이다.")).containsExactly("noseong");
        }
    }

    @Nested
    class Traps {

        @Test
        void hardLineIsNotGanggyeong() {
            assertThat(link("논산시는 불법 소각에 강경 대응하겠다고 밝혔다.")).extracting(Link::id)
                    .containsExactly("agc_nonsan-city");
            assertThat(districts("논산 시민들은 강경 대응을 요구했다.")).containsExactly("nonsan");
            assertThat(districts("논산 출신 의원은 한층 강경한 입장을 보였다.")).doesNotContain("ganggyeong");
            assertThat(districts("북한은 초강경 대응조치로 맞서겠다고 했다.")).isEmpty();
        }

        @Test
        void commonWordsThatContainAShortNameAreNotDistricts() {
            assertThat(districts("전남 지역 시의원들의 부적절한 언행이 도마에 올랐다.")).isEmpty();
            assertThat(districts("포스코는 철광석 가격이 올랐다고 설명했다.")).isEmpty();
            assertThat(districts("AI 반도체는 대규모 연산을 빠르게 처리한다. 연산 속도가 관건이다.")).isEmpty();
            assertThat(districts("물을 채운 뒤 뚜껑을 닫는다.")).isEmpty();
        }

        @Test
        void otherPlacesWithTheSameStemAreNotOurs() {
            assertThat(districts("서울 성동구는 제설대책에 돌입했다.")).isEmpty();
            assertThat(districts("김포시 양촌읍은 외국인 유입 인구가 많다.")).isEmpty();
            assertThat(districts("상월곡동은 법정동으로 월곡2동에 포함되어 있다.")).isEmpty();
            assertThat(districts("영광 백수읍 논산1리는 61가구에 141명이 산다.")).isEmpty();
        }

        @Test
        void namesAfterThePlaceThatAreNotThePlace() {
            assertThat(districts("은진송씨 일가가 세일사를 봉행했다.")).isEmpty();
            assertThat(districts("국보 석조미륵보살입상은 은진미륵으로 더 많이 알려져 있다.")).isEmpty();
            assertThat(districts("매년 12만여명이 연무문을 지나 입대한다.")).isEmpty();
            assertThat(districts("강경지역은 옥녀봉과 채운산이 마주한 젓갈의 도시다.")).containsExactly("ganggyeong");
            assertThat(districts("성과평가에서 양촌초와 광석중이 최우수 학교로 뽑혔다. 논산계룡교육지원청이 밝혔다.")).isEmpty();
            assertThat(districts("강경농협과 연무농협 등 10개 농협이 출자했다. 논산시 지역 내 농협이다.")).containsExactly("nonsan");
        }

        @Test
        void bodiesWhoseNamesStartWithTheProvinceAreNotTheProvince() {
            assertThat(agencies("충남소방본부에 따르면 재산피해가 발생했다.")).isEmpty();
            assertThat(agencies("22일 충남도 소방본부 등에 따르면 임야 3㏊가 탔다.")).isEmpty();
            assertThat(agencies("충남교육청은 성과평가 결과를 발표했다. 충남도의회 의장도 참석했다.")).isEmpty();
            assertThat(agencies("국민의힘 충남도당과 대전시당이 궐기대회를 연다.")).isEmpty();
            assertThat(agencies("충남 논산시 연무읍에 있다.")).isEmpty();
            assertThat(agencies("충남도는 13일 정책현안 조정회의를 열었다.")).containsExactly("chungnam");
        }

        @Test
        void nonsanSeoIsInNonsanUnlessThePoliceAreMeant() {
            assertThat(agencies("논산서 철거 중 계사에 화재…인명피해 없어")).isEmpty();
            assertThat(districts("논산서 철거 중 계사에 화재…인명피해 없어")).containsExactly("nonsan");
            assertThat(agencies("논산서 관계자는 신고가 접수됐다고 말했다.")).containsExactly("nonsan-police");
        }

        @Test
        void webAddressesAreNotPlaces() {
            assertThat(districts("자세한 사항은 누리집(www.nonsan.go.kr)에서 확인할 수 있다.")).isEmpty();
        }
    }

    @Nested
    class Context {

        @Test
        void shortFormsNeedTheCity() {
            assertThat(districts("강경은 오늘 조용했다.")).isEmpty();
            assertThat(districts("논산 강경은 오늘 조용했다.")).containsExactlyInAnyOrder("nonsan", "ganggyeong");
            assertThat(districts("강경읍과 성동, 벌곡, 부적 등 8개 읍면에서 대피했다."))
                    .containsExactlyInAnyOrder("ganggyeong", "seongdong", "beolgok", "bujeok");
        }

        @Test
        void severalShortFormsAreContextForEachOther() {
            var links = link("강경, 연무, 성동 등 여러 지역에서 폭우가 쏟아졌다.");
            assertThat(keys(links, NodeType.DISTRICT)).containsExactlyInAnyOrder("ganggyeong", "yeonmu", "seongdong");
            assertThat(links).allSatisfy(l -> assertThat(l.confidence()).isLessThan(0.9));
        }

        @Test
        void genericAgencyWordsNeedTheCity() {
            assertThat(agencies("시의회는 조례안 13건을 원안가결했다.")).isEmpty();
            assertThat(agencies("논산 시민들이 지켜보는 가운데 시의회는 조례안 13건을 원안가결했다."))
                    .containsExactly("nonsan-council");
            assertThat(agencies("의왕시의회에 따르면 시의원들은 시의회에서 기자회견을 열었다.")).isEmpty();
            assertThat(agencies("논산시 인구는 늘었지만 비어있는 구 보건소 건물은 방치됐다.")).isEmpty();
            assertThat(agencies("충남 406번은 금산보건소에서 검사를 받았다.")).isEmpty();
        }

        @Test
        void titlesOfOrdinancesAreNotMentions() {
            var links = link("시의회는 '논산시 은둔형 외톨이 지원에 관한 조례안'을 원안가결했다.");
            assertThat(keys(links, NodeType.DISTRICT)).isEmpty();
            assertThat(keys(links, NodeType.AGENCY)).containsExactly("nonsan-council");
        }
    }

    @Nested
    class CityAsPlaceOrGovernment {

        @Test
        void theCityActingIsTheAgency() {
            assertThat(link("논산시는 국방대 이전지를 최종 확정했다고 30일 밝혔다."))
                    .extracting(Link::id).containsExactlyInAnyOrder("agc_nonsan-city", "agc_kndu");
            assertThat(agencies("11일 논산시에 따르면 농경지 29.2ha가 침수됐다.")).containsExactly("nonsan-city");
            assertThat(agencies("▲ 강경읍 채산리 일부 주택이 침수되고 있다.ⓒ논산시")).containsExactly("nonsan-city");
            assertThat(agencies("논산시 방역당국은 입원 조치했다고 전했다.")).containsExactly("nonsan-city");
        }

        @Test
        void theCityAsAPlaceIsTheDistrict() {
            assertThat(link("논산시에서는 5명의 확진자가 발생했다.")).extracting(Link::id).containsExactly("dst_nonsan");
            assertThat(link("이로써 논산시의 누적 확진자는 499명으로 늘었다.")).extracting(Link::id)
                    .containsExactly("dst_nonsan");
            assertThat(link("논산시는 평균 217.5mm의 강수량을 기록했다.")).extracting(Link::id)
                    .containsExactly("dst_nonsan");
            assertThat(link("충남 논산시 연무읍에 있다.")).extracting(Link::id)
                    .containsExactlyInAnyOrder("dst_nonsan", "dst_yeonmu");
        }

        @Test
        void theMayorIsTheCityGovernmentNotThePlace() {
            assertThat(link("백성현 논산시장은 현장을 점검했다.")).extracting(Link::id).containsExactly("agc_nonsan-city");
            assertThat(link("논산시(시장 황명선)에서 확진자 19명이 발생했다.")).extracting(Link::id)
                    .containsExactlyInAnyOrder("dst_nonsan", "agc_nonsan-city");
        }

        @Test
        void nonsanInsideAnOrganisationNameIsNotThePlace() {
            assertThat(districts("1981년에 지어진 논산경찰서 청사는 낡았다.")).isEmpty();
            assertThat(districts("논산지원과 논산지청도 이전이 논의되고 있다.")).isEmpty();
            assertThat(districts("[논산]논산경찰서는 감사장을 수여했다.")).containsExactly("nonsan");
        }
    }

    @Nested
    class Romanized {

        @Test
        void readsRomanizedNames() {
            var links = link("Heavy rain flooded Ganggyeong-eup in Nonsan on Monday.");
            assertThat(only(links, "dst_ganggyeong").confidence()).isEqualTo(1.0);
            assertThat(keys(links, NodeType.DISTRICT)).containsExactlyInAnyOrder("ganggyeong", "nonsan");
            assertThat(agencies("Konyang University opened a campus.")).containsExactly("konyang-univ");
        }

        @Test
        void romanizedShortFormsNeedTheCityAndTheirOwnSuffix() {
            assertThat(districts("Ganggyeong was quiet.")).isEmpty();
            assertThat(districts("Ganggyeong in Nonsan was quiet.")).containsExactlyInAnyOrder("ganggyeong", "nonsan");
            assertThat(districts("Seongdong-gu in Seoul opened a library.")).isEmpty();
        }

        @Test
        void latinNamesNeedWordBoundaries() {
            assertThat(agencies("논산 KTX역사 건립이 탄력을 받는다.")).isEmpty();
            assertThat(agencies("KT 빅데이터 플랫폼과 카드데이터(KB국민, BC, 하나)를 분석했다."))
                    .containsExactlyInAnyOrder("kt", "bccard");
            assertThat(agencies("기원전 BC 300년의 유물이다.")).isEmpty();
        }
    }

    @Nested
    class EachTargetOnce {

        @Test
        void keepsTheStrongestEvidence() {
            var links = link("강경 주민들은 강경읍에서 열린 강경젓갈축제를 찾았다. 강경읍민들이 반겼다.");
            var ganggyeong = only(links, "dst_ganggyeong");
            assertThat(ganggyeong.text()).isEqualTo("강경읍");
            assertThat(ganggyeong.confidence()).isEqualTo(1.0);
            assertThat(links).extracting(Link::id).doesNotHaveDuplicates();
        }

        @Test
        void confidenceFallsWithTheEvidence() {
            assertThat(only(link("논산시 강경읍 일원"), "dst_ganggyeong").confidence()).isEqualTo(1.0);
            assertThat(only(link("논산 딸기와 연산 대추"), "dst_yeonsan").confidence()).isBetween(0.75, 0.9);
            assertThat(only(link("건양대는 학과를 신설했다."), "agc_konyang-univ").confidence()).isBetween(0.8, 0.95);
        }

        @Test
        void readsTheTitleToo() {
            assertThat(keys(LINKER.link("논산소방서, 산불 진화", "현장에서 진화가 이어졌다."), NodeType.AGENCY))
                    .containsExactly("nonsan-fire");
            assertThat(LINKER.link(null, null)).isEmpty();
            assertThat(LINKER.link("  ", "")).isEmpty();
        }

        @Test
        void worksWithAnEmptyGazetteerOrOneWithoutTheCity() {
            assertThat(new Linker(Gazetteer.of(List.of(), List.of(), List.of())).link("논산시", "강경읍에서")).isEmpty();
            var withoutCity = DemoGazetteer.districts().stream().filter(d -> !d.id().equals("dst_nonsan")).toList();
            var linker = new Linker(Gazetteer.of(withoutCity, DemoGazetteer.agencies(), DemoGazetteer.issues()));
            assertThat(keys(linker.link(null, "논산경찰서는 강경읍에서 순찰을 돌았다."), NodeType.DISTRICT))
                    .containsExactly("ganggyeong");
        }

        @Test
        void isSafeToShareBetweenThreads() {
            var text = "충남 논산시 강경읍 강경포구에서 논산시는 강경젓갈축제를 개최한다고 밝혔다.";
            var expected = link(text);
            var results = IntStream.range(0, 200).parallel().mapToObj(i -> link(text)).toList();
            assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(expected));
        }
    }

    @Nested
    class Issues {

        @Test
        void linksAnIssueWhoseTitleWordsAndPlaceAreNamed() {
            var links = link("논산시는 강경읍 저지대 배수펌프장 증설 사업비를 두고 충청남도와 협의를 이어가고 있다.");
            var issue = only(links, "iss_ganggyeong-drainage-budget");
            assertThat(issue.type()).isEqualTo(NodeType.ISSUE);
            assertThat(issue.text()).contains("배수펌프장", "증설", "사업비");
            assertThat(issue.confidence()).isBetween(0.5, 0.9);
        }

        @Test
        void needsOneOfTheIssuesDistrictsOrAgencies() {
            assertThat(issues("서울 성동구는 배수펌프장 증설 사업비를 두고 협의를 이어가고 있다.")).isEmpty();
        }

        @Test
        void needsTheDistinctiveWordsOfTheTitleNotJustThePlace() {
            assertThat(issues("강경읍에서 젓갈축제가 열렸다.")).isEmpty();
            assertThat(issues("상월면 주민들이 고구마를 수확했다.")).isEmpty();
        }

        @Test
        void readsTitleWordsThroughParticlesAndCompounds() {
            assertThat(issues("상월면과 노성면 돼지 축사 주변 마을에서 악취 민원이 다시 늘었다.")).containsExactly("livestock-odor");
        }

        @Test
        void aTitleWordThatNamesThePlaceMustBeThere() {
            assertThat(issues("논산경찰서는 임시주차장을 늘리고 교통 혼잡 구간을 운영한다.")).isEmpty();
            assertThat(issues("논산딸기축제 기간 교통 혼잡에 대비해 논산경찰서는 임시주차장을 운영한다."))
                    .containsExactly("strawberry-festival-traffic");
        }

        @Test
        void noIssuesWithoutIssueTerms() {
            var linker = new Linker(Gazetteer.of(DemoGazetteer.districts(), DemoGazetteer.agencies(), List.of()));
            assertThat(keys(linker.link(null, "논산시는 강경읍 배수펌프장 증설 사업비 협의를 시작했다."), NodeType.ISSUE)).isEmpty();
        }
    }
}
