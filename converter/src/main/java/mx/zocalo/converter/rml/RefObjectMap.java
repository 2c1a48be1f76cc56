package mx.zocalo.converter.rml;

import java.util.List;
import org.apache.jena.graph.Node;

/** A referencing object map: the objects are the subjects of {@code parent}, joined on the conditions. */
record RefObjectMap(String rule, Node parent, List<JoinCondition> joinConditions) {}
