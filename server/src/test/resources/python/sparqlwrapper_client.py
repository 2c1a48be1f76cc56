#!/usr/bin/python3
"""Queries a Zócalo SPARQL endpoint with SPARQLWrapper, as a Python client would; prints what it gets.

Usage: sparqlwrapper_client.py ENDPOINT BASE
Prints one line per finding (SELECT rows, ASK answers, CONSTRUCT triples) and exits non-zero on any error.
"""
import sys

from SPARQLWrapper import JSON, XML, CSV, TURTLE, RDFXML, N3, GET, POST, SPARQLWrapper

endpoint, base = sys.argv[1], sys.argv[2]
prefixes = "PREFIX zocalo: <%sdef/zocalo#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" % base
select = prefixes + "SELECT ?pago ?label WHERE { ?pago a zocalo:Pago ; rdfs:label ?label } ORDER BY ?pago"
ask = prefixes + 'ASK { ?p a zocalo:Pago ; rdfs:label "Papel para oficina"@es }'
construct = prefixes + "CONSTRUCT { ?pago rdfs:label ?label } WHERE { ?pago a zocalo:Pago ; rdfs:label ?label }"


def client(query, fmt, method):
    s = SPARQLWrapper(endpoint)
    s.setQuery(query)
    s.setReturnFormat(fmt)
    s.setMethod(method)
    return s.query()


for method in (GET, POST):
    rows = client(select, JSON, method).convert()["results"]["bindings"]
    for row in rows:
        print("SELECT %s %s %s" % (method, row["label"]["value"], row["pago"]["value"]))
    xml = client(select, XML, method).convert()
    print("SELECT-XML %s %d" % (method, len(xml.getElementsByTagName("result"))))
    csv = client(select, CSV, method).convert().decode("utf-8").splitlines()
    print("SELECT-CSV %s %d" % (method, len(csv) - 1))
    print("ASK %s %s" % (method, client(ask, JSON, method).convert()["boolean"]))
    print("ASK-XML %s %s" % (method, client(ask, XML, method).convert().getElementsByTagName("boolean")[0].firstChild.data))

# (JSON-LD is left out: SPARQLWrapper 1.8 refuses it unless the old rdflib-jsonld package is installed)
for fmt, method in ((TURTLE, GET), (RDFXML, GET), (N3, POST), (XML, POST)):
    result = client(construct, fmt, method)
    converted = result.convert()
    # RDF/XML comes back as an rdflib Graph; Turtle and N3 as bytes to parse
    if hasattr(converted, "triples"):
        graph = converted
    else:
        import rdflib
        graph = rdflib.Graph()
        graph.parse(data=converted, format="turtle")
    for s, p, o in sorted(graph):
        print("CONSTRUCT %s %s %s %s" % (fmt, method, s, o))

print("DONE")
