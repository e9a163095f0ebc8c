package org.citygraph.graph.agency;

/** What kind of body an agency is; data providers (telecom operators, card companies) are agencies too. */
public enum AgencyKind {
    CITY_GOVERNMENT, CITY_DEPARTMENT, COUNCIL, PROVINCE, POLICE, FIRE, HEALTH, EDUCATION, MILITARY,
    UNIVERSITY, TELECOM_OPERATOR, CARD_COMPANY, OTHER
}
