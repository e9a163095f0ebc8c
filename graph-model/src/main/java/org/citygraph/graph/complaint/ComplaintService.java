package org.citygraph.graph.complaint;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.citygraph.graph.issue.IssueCategory;

/**
 * The kinds of complaint the hub takes: Open311's "services". Each has a stable code, names in
 * Korean and English, the issue category it counts under, and the agency that answers it unless
 * staff assign another. A fixed list in code, like the issue categories: it changes with a release,
 * and its codes appear in Open311 clients' configuration.
 */
public enum ComplaintService {
    ROAD_DAMAGE("도로 파손", "Damaged road or pothole", "도로·교통", List.of("도로", "포트홀", "파손", "pothole"),
            IssueCategory.TRAFFIC, "nonsan-traffic"),
    ILLEGAL_PARKING("불법 주정차", "Illegal parking", "도로·교통", List.of("주차", "주정차", "parking"),
            IssueCategory.TRAFFIC, "nonsan-traffic"),
    STREETLIGHT("가로등·보안등 고장", "Broken street light", "안전", List.of("가로등", "보안등", "streetlight"),
            IssueCategory.SAFETY, "nonsan-safety"),
    ILLEGAL_DUMPING("쓰레기 무단투기", "Illegal dumping", "환경", List.of("쓰레기", "투기", "dumping"),
            IssueCategory.ENVIRONMENT, "nonsan-environment"),
    NOISE_ODOR("소음·악취", "Noise or odour", "환경", List.of("소음", "악취", "noise", "odour"),
            IssueCategory.ENVIRONMENT, "nonsan-environment"),
    FLOODING("침수·배수 불량", "Flooding or blocked drain", "재난·안전", List.of("침수", "배수", "flood"),
            IssueCategory.DISASTER, "nonsan-safety"),
    WELFARE("복지 상담", "Welfare help", "복지", List.of("복지", "돌봄", "welfare"),
            IssueCategory.WELFARE, "nonsan-welfare"),
    OTHER("기타 민원", "Other", "기타", List.of("민원"),
            IssueCategory.CIVIL_COMPLAINT, "nonsan-civil");

    private final String nameKo;
    private final String nameEn;
    private final String group;
    private final List<String> keywords;
    private final IssueCategory category;
    private final String agencyKey;

    ComplaintService(String nameKo, String nameEn, String group, List<String> keywords, IssueCategory category, String agencyKey) {
        this.nameKo = nameKo;
        this.nameEn = nameEn;
        this.group = group;
        this.keywords = keywords;
        this.category = category;
        this.agencyKey = agencyKey;
    }

    /** The Open311 service code. */
    public String code() {
        return name();
    }

    public String nameKo() {
        return nameKo;
    }

    public String nameEn() {
        return nameEn;
    }

    public String group() {
        return group;
    }

    public List<String> keywords() {
        return keywords;
    }

    public IssueCategory category() {
        return category;
    }

    /** The public id of the agency that answers this kind of complaint by default. */
    public String defaultAgencyId() {
        return "agc_" + agencyKey;
    }

    public static Optional<ComplaintService> ofCode(String code) {
        return code == null ? Optional.empty()
                : Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(code.strip())).findFirst();
    }
}
