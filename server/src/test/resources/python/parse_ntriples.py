"""Fetches an N-Triples download and parses it with rdflib, an RDF library independent of the portal's (it refuses
relative IRIs, as N-Triples requires). Prints `OK <n> triples`, or the parser's complaint and exits 1."""
import sys
import urllib.request

import rdflib


def main(url):
    with urllib.request.urlopen(url) as r:
        text = r.read().decode("utf-8")
    g = rdflib.Graph()
    try:
        g.parse(data=text, format="nt")
    except Exception as e:  # rdflib's parse errors have no common base class
        print("FAIL", type(e).__name__, e)
        return 1
    print("OK", len(g), "triples")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
