package mx.zocalo.converter.rml;

/** A join condition of a referencing object map: child column value equals parent column value. */
record JoinCondition(String child, String parent) {}
