package mx.zocalo.converter.rml;

import org.apache.jena.graph.Node;

/**
 * Reads one term map (or a constant shortcut) and checks it against where it is used: subjects are IRIs
 * or blank nodes, predicates IRIs, graphs IRIs or blank nodes, datatypes IRIs, languages literals;
 * datatype and language only on literals, never both; language tags well-formed; templates well-formed.
 */
final class TermMapReader {
    private final MappingGraph mapping;

    TermMapReader(MappingGraph mapping) {
        this.mapping = mapping;
    }

    /** Where a term map is used. */
    enum Position { SUBJECT, PREDICATE, OBJECT, GRAPH, DATATYPE, LANGUAGE }

    /** A term map given by a shortcut ({@code rml:subject}, {@code rml:predicate}, ...): a constant. */
    TermMap constant(Node value, Position position, String rule) {
        TermType type = value.isLiteral() ? TermType.LITERAL : value.isBlank() ? TermType.BLANK_NODE : TermType.IRI;
        if (value.isBlank()) {
            throw new MappingException(rule + ": a constant must be an IRI or a literal, not a blank node");
        }
        checkTermType(type, position, rule);
        return new TermMap(rule, value, null, null, type, null, null, null, null);
    }

    TermMap termMap(Node node, Position position, String rule) {
        if (node.isLiteral()) {
            throw new MappingException(rule + ": expected a term map (a resource), found the literal " + node);
        }
        Node constant = single(node, Rml.constant, "rml:constant of the " + rule, false);
        Node reference = single(node, Rml.reference, "rml:reference of the " + rule, false);
        Node template = single(node, Rml.template, "rml:template of the " + rule, false);
        Node termTypeNode = single(node, Rml.termType, "rml:termType of the " + rule, false);
        Node datatype = single(node, Rml.datatype, "rml:datatype of the " + rule, false);
        Node language = single(node, Rml.language, "rml:language of the " + rule, false);
        Node datatypeMapNode = single(node, Rml.datatypeMap, "rml:datatypeMap of the " + rule, false);
        Node languageMapNode = single(node, Rml.languageMap, "rml:languageMap of the " + rule, false);

        int kinds = (constant != null ? 1 : 0) + (reference != null ? 1 : 0) + (template != null ? 1 : 0);
        if (kinds > 1) {
            throw new MappingException(rule + ": use only one of rml:constant, rml:reference, rml:template");
        }
        if (reference != null && !reference.isLiteral() || template != null && !template.isLiteral()) {
            throw new MappingException(rule + ": rml:reference and rml:template take a string");
        }
        boolean literalHints = datatype != null || language != null || datatypeMapNode != null || languageMapNode != null;
        TermType termType;
        if (termTypeNode != null) {
            termType = termType(termTypeNode, rule);
        } else if (constant != null) {
            termType = constant.isLiteral() ? TermType.LITERAL : TermType.IRI;
        } else if (position == Position.OBJECT && (reference != null || literalHints) || position == Position.LANGUAGE) {
            termType = TermType.LITERAL;
        } else {
            termType = TermType.IRI;
        }
        if (kinds == 0 && termType != TermType.BLANK_NODE) {
            throw new MappingException(rule + ": needs rml:constant, rml:reference or rml:template");
        }
        if (constant != null) {
            if (constant.isBlank()) {
                throw new MappingException(rule + ": rml:constant must be an IRI or a literal, not a blank node");
            }
            TermType actual = constant.isLiteral() ? TermType.LITERAL : TermType.IRI;
            if (termTypeNode != null && actual != termType && !(actual == TermType.IRI && (termType == TermType.UNSAFE_IRI || termType == TermType.URI))) {
                throw new MappingException(rule + ": rml:termType does not match the constant " + constant);
            }
        }
        checkTermType(termType, position, rule);
        if (literalHints && termType != TermType.LITERAL) {
            throw new MappingException(rule + ": rml:datatype and rml:language only apply to literals");
        }
        if ((datatype != null || datatypeMapNode != null) && (language != null || languageMapNode != null)) {
            throw new MappingException(rule + ": a literal cannot have both a datatype and a language");
        }
        if (datatype != null && datatypeMapNode != null || language != null && languageMapNode != null) {
            throw new MappingException(rule + ": give either a constant datatype/language or a map, not both");
        }
        if (datatype != null && !datatype.isURI()) {
            throw new MappingException(rule + ": rml:datatype must be an IRI, not " + datatype);
        }
        String lang = null;
        if (language != null) {
            if (!language.isLiteral() || !LanguageTag.isWellFormed(language.getLiteralLexicalForm())) {
                throw new MappingException(rule + ": rml:language " + language + " is not a valid BCP 47 language tag");
            }
            lang = language.getLiteralLexicalForm();
        }
        Template parsed = null;
        if (template != null) {
            try {
                parsed = Template.parse(template.getLiteralLexicalForm());
            } catch (MappingException e) {
                throw new MappingException(rule + ": " + e.getMessage());
            }
        }
        if (constant != null && constant.isLiteral() && (datatype != null || language != null)) {
            throw new MappingException(rule + ": a constant literal carries its own datatype and language");
        }
        TermMap datatypeMap = datatypeMapNode == null ? null
                : termMap(datatypeMapNode, Position.DATATYPE, "datatype map of the " + rule);
        TermMap languageMap = languageMapNode == null ? null
                : termMap(languageMapNode, Position.LANGUAGE, "language map of the " + rule);
        return new TermMap(rule, constant, reference == null ? null : reference.getLiteralLexicalForm(), parsed,
                termType, datatype, lang, datatypeMap, languageMap);
    }

    private TermType termType(Node node, String rule) {
        if (node.equals(Rml.IRI)) {
            return TermType.IRI;
        }
        if (node.equals(Rml.URI)) {
            return TermType.URI;
        }
        if (node.equals(Rml.UnsafeIRI)) {
            return TermType.UNSAFE_IRI;
        }
        if (node.equals(Rml.BlankNode)) {
            return TermType.BLANK_NODE;
        }
        if (node.equals(Rml.Literal)) {
            return TermType.LITERAL;
        }
        throw new MappingException(rule + ": unknown rml:termType " + node);
    }

    private static void checkTermType(TermType type, Position position, String rule) {
        boolean iri = type == TermType.IRI || type == TermType.URI || type == TermType.UNSAFE_IRI;
        boolean ok = switch (position) {
            case SUBJECT, GRAPH -> iri || type == TermType.BLANK_NODE;
            case PREDICATE, DATATYPE -> iri;
            case OBJECT -> true;
            case LANGUAGE -> type == TermType.LITERAL;
        };
        if (!ok) {
            throw new MappingException(rule + ": cannot generate " + words(type) + "s here");
        }
    }

    static String words(TermType type) {
        return switch (type) {
            case IRI, URI, UNSAFE_IRI -> "IRI";
            case BLANK_NODE -> "blank node";
            case LITERAL -> "literal";
        };
    }

    private Node single(Node s, Node p, String what, boolean required) {
        return mapping.single(s, p, what, required);
    }
}
