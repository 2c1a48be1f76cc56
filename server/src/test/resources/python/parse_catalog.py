"""Fetches every page of a DCAT catalog in every RDF format and parses it with rdflib, an RDF library
independent of the portal's. Prints one line per page and format, then `OK <pages> pages` or exits 1."""
import sys
import urllib.request

import rdflib

HYDRA = rdflib.Namespace("http://www.w3.org/ns/hydra/core#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
           "application/rdf+xml": "xml"}


def fetch(url, accept):
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept})) as r:
        return r.read()


def main(first, local_base, public_base):
    url, pages, datasets = first, 0, set()
    while url and pages < 1000:
        pages += 1
        counts = {}
        turtle = None
        for media, fmt in FORMATS.items():
            g = rdflib.Graph()
            g.parse(data=fetch(url, media), format=fmt, publicID=url)
            counts[fmt] = len(g)
            if fmt == "turtle":
                turtle = g
        if len(set(counts.values())) != 1:
            print("FAIL", url, "formats give different triple counts:", counts)
            return 1
        # a version of a dataset (dct:isVersionOf) is described with it, not listed as a dataset of its own
        datasets.update(d for d in turtle.subjects(rdflib.RDF.type, DCAT.Dataset)
                        if (d, rdflib.URIRef("http://purl.org/dc/terms/isVersionOf"), None) not in turtle)
        print(url, counts["turtle"], "triples in", ", ".join(FORMATS.values()))
        nxt = next((str(o) for v in turtle.objects(None, HYDRA.view) for o in turtle.objects(v, HYDRA.next)), None)
        url = nxt.replace(public_base, local_base, 1) if nxt else None
    print("OK", pages, "pages", len(datasets), "datasets")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
