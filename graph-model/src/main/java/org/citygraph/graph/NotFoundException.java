package org.citygraph.graph;

/** The node does not exist, or the viewer may not see it: the two read the same. */
public class NotFoundException extends InvalidInputException {

    public NotFoundException(String field, String id) {
        super(field, "NOT_FOUND", "No node with id '" + id + "' exists or it is not visible to you.");
    }
}
