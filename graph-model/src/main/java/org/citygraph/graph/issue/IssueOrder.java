package org.citygraph.graph.issue;

/** How a list of issues is sorted; the id breaks ties so that pages never overlap. */
public record IssueOrder(Field field, boolean descending) {

    public static final IssueOrder NEWEST_FIRST = new IssueOrder(Field.CREATED_AT, true);

    /** Sortable fields and the property that holds each. */
    public enum Field {
        CREATED_AT("createdAt"), UPDATED_AT("updatedAt"), SEVERITY("severityRank"), TITLE("title");

        private final String property;

        Field(String property) {
            this.property = property;
        }

        public String property() {
            return property;
        }
    }
}
