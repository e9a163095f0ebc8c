package org.citygraph.graph.complaint;

import static org.citygraph.graph.Values.string;

import org.neo4j.driver.Value;

/**
 * The complainant's contact details: personal data. Kept on a node of its own so that no read of
 * the complaint can carry it by accident; read only through {@link Complaints#contacts}, which applies
 * {@link org.citygraph.graph.ViewerRules#COMPLAINT_CONTACT}.
 */
public record ComplaintContact(String firstName, String lastName, String email, String phone, String deviceId,
                               String accountId) {

    public boolean isEmpty() {
        return firstName == null && lastName == null && email == null && phone == null && deviceId == null && accountId == null;
    }

    static ComplaintContact from(Value node) {
        return new ComplaintContact(string(node.get("firstName")), string(node.get("lastName")), string(node.get("email")),
                string(node.get("phone")), string(node.get("deviceId")), string(node.get("accountId")));
    }
}
