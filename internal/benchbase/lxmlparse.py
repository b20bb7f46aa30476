"""A process that only fetches a page or schedule and parses it with libxml2
(through lxml): the baseline of BENCHMARKS.md "Against libxml2 and Python".

    /usr/bin/python3 internal/benchbase/lxmlparse.py html|xml URL

Needs python3-lxml (Debian package name).
"""
import sys
import urllib.request

import lxml.etree
import lxml.html

body = urllib.request.urlopen(sys.argv[2]).read()
if sys.argv[1] == "html":
    lxml.html.document_fromstring(body)
else:
    lxml.etree.fromstring(body, lxml.etree.XMLParser(huge_tree=True))
