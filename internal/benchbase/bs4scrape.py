"""The scraper a user would write with Python and BeautifulSoup (lxml): the
comparison of BENCHMARKS.md "Against libxml2 and Python". It fetches a USENIX
technical-sessions page and writes its days, slots, sessions, rooms and papers
(title, link, authors, abstract as text) as YAML.

    /usr/bin/python3 internal/benchbase/bs4scrape.py URL OUT.yaml

Needs python3-bs4, python3-lxml and python3-yaml (Debian package names).
"""
import sys
import urllib.parse
import urllib.request

import yaml
from bs4 import BeautifulSoup


def has(tag, name, cls):
    return tag.name == name and cls in (tag.get("class") or [])


def main(url, out):
    body = urllib.request.urlopen(url).read()
    soup = BeautifulSoup(body, "lxml")
    days, day, time, session, room = [], None, "", "", ""
    for tag in soup.find_all(True):
        if has(tag, "h2", "field-name-field-date-text"):
            day = {"date": tag.get_text(" ", strip=True), "talks": []}
            days.append(day)
        elif has(tag, "h3", "field-name-field-time-text"):
            time = tag.get_text(" ", strip=True)
        elif has(tag, "article", "node-session"):
            h2 = tag.find("h2")
            session = h2.get_text(" ", strip=True) if h2 else ""
            r = tag.select_one(".field-name-field-room")
            room = r.get_text(" ", strip=True) if r else ""
        elif has(tag, "article", "node-paper") and day is not None:
            a = tag.select_one("h2 a")
            people = tag.select_one(".field-name-field-paper-people-text")
            abstract = tag.select_one(".field-name-field-paper-description-long")
            day["talks"].append({
                "title": a.get_text(" ", strip=True) if a else "",
                "url": urllib.parse.urljoin(url, a["href"]) if a else "",
                "time": time, "session": session, "room": room,
                "speakers": people.get_text(" ", strip=True) if people else "",
                "abstract": "\n\n".join(p.get_text(" ", strip=True) for p in abstract.find_all("p")) if abstract else "",
            })
    with open(out, "w") as f:
        yaml.safe_dump({"url": url, "days": days}, f, allow_unicode=True, sort_keys=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
