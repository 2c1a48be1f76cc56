package mx.zocalo.server.table;

/** The value of a link column: the linked resource's IRI and its label ({@code null} when it has none). */
public record Link(String iri, String label) {}
