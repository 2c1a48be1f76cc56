"""Dereferences resource URIs of a running portal in every RDF format, by Accept header and by extension, and
checks with rdflib (an RDF library independent of the portal's) that every representation is the same graph.
Usage: dereference.py PORTAL_URL PATH...   Prints one line per resource, then `OK <n> resources` or exits 1."""
import sys
import urllib.request

import rdflib
from rdflib.compare import isomorphic

FORMATS = {"text/turtle": ("turtle", "ttl"), "application/n-triples": ("nt", "nt"),
           "application/ld+json": ("json-ld", "jsonld"), "application/rdf+xml": ("xml", "rdf")}


def fetch(url, accept=None):
    headers = {"Accept": accept} if accept else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as r:
        return r.headers.get("Content-Type", ""), r.read()


def main(portal, paths):
    portal = portal.rstrip("/")
    for path in paths:
        url = portal + path
        graphs = {}
        for media, (fmt, ext) in FORMATS.items():
            for how, target, accept in (("accept", url, media), ("ext", url.split("?")[0] + "." + ext, None)):
                ctype, body = fetch(target, accept)
                if not ctype.startswith(media):
                    print("FAIL", target, how, "gave", ctype, "not", media)
                    return 1
                g = rdflib.Graph()
                g.parse(data=body, format=fmt, publicID=url)
                graphs[f"{ext}/{how}"] = g
        first_name, first = next(iter(graphs.items()))
        if len(first) == 0:
            print("FAIL", path, "is empty")
            return 1
        for name, g in graphs.items():
            if not isomorphic(first, g):
                print("FAIL", path, name, len(g), "triples differ from", first_name, len(first))
                return 1
        print(path, len(first), "triples, the same graph in", len(graphs), "representations")
    print("OK", len(paths), "resources")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
