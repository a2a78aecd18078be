#!/usr/bin/env python3
"""Check the draft corpus: every gold.yaml against its article.md.

Usage: python3 tests/draft/check_gold.py [FOLDER...]   (default: every corpus folder)

Standard library only. It reads the restricted YAML that gold.yaml files are written
in (see README.md: top-level keys, lists of flat mappings, double-quoted strings with
JSON escapes or single-quoted strings, flow lists of double-quoted strings) and checks that:

- the article has a headline line without a final period and 100 to 800 words;
- a figure or status text that occurs more than once has an `at`: a longer text that
  holds it and occurs exactly once, saying which occurrence is meant;
- every `text` is an exact substring of the article, and every figure a relation names
  is a figure of the list, by its text or, where several share a text, by its `at`
  (a relation may also name "unknown", or "unknown: label" for an unknown it shares
  with another relation);
- each entry has the keys its section requires, and no others;
- `kind` and `meaning` use the vocabulary of the README;
- no figure is listed twice, and no figure text is also a not_figures text.

It prints one line per folder with the counts, and every problem; exit code 1 if any.
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

SECTIONS = ("figures", "statuses", "relations", "not_figures", "not_statuses", "inconsistencies")
KEYS = {
    "figures": ({"text", "unit", "measure"}, {"at", "as_of", "role", "note"}),
    "statuses": ({"text", "subject", "meaning"}, {"at", "as_of", "default", "note"}),
    "relations": ({"kind", "text", "figures", "says"}, {"note"}),
    "not_figures": ({"text", "why"}, set()),
    "not_statuses": ({"text", "why"}, set()),
}
KINDS = {"share", "growth", "decline", "change", "sum", "times", "ratio"}
MEANING = re.compile(r"^[a-z_]+\.[a-z_]+(/(negated|possible))?$")
_TIME = r"(\d{4}(-(H[12]|Q[1-4]|\d{2}(-\d{2})?))?|FY\d{4}(-\d{2})?)"
TIME = re.compile(rf"^{_TIME}(\.\.{_TIME})?$")


def scalar(raw, where, problems):
    raw = raw.strip()
    if raw.startswith('"'):
        try:
            return json.loads(raw)
        except ValueError:
            problems.append(f"{where}: bad double-quoted string {raw}")
            return raw
    if raw.startswith("'"):
        if len(raw) < 2 or not raw.endswith("'"):
            problems.append(f"{where}: bad single-quoted string {raw}")
            return raw
        return raw[1:-1].replace("''", "'")
    if raw.startswith("["):
        try:
            value = json.loads(raw)
        except ValueError:
            problems.append(f"{where}: bad flow list {raw}")
            return []
        return value
    return raw


def parse(text, problems):
    """The gold subset of YAML: {section: [ {key: value} ]} plus `inconsistencies`."""
    data = {}
    section = None
    entry = None
    for number, line in enumerate(text.splitlines(), 1):
        where = f"line {number}"
        stripped = line.split(" #", 1)[0].rstrip() if not line.lstrip().startswith('"') else line
        if not stripped.strip() or stripped.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            key, _, rest = stripped.partition(":")
            if key not in SECTIONS:
                problems.append(f"{where}: unknown section {key!r}")
            section = key
            entry = None
            rest = rest.strip()
            data[key] = scalar(rest, where, problems) if rest else []
            continue
        body = stripped.strip()
        if section is None:
            problems.append(f"{where}: indented line outside a section")
            continue
        if body.startswith("- "):
            body = body[2:]
            if section == "inconsistencies":
                data[section].append(scalar(body, where, problems))
                continue
            entry = {}
            data[section].append(entry)
        if entry is None:
            problems.append(f"{where}: key outside an entry")
            continue
        key, sep, rest = body.partition(":")
        if not sep:
            problems.append(f"{where}: expected `key: value`")
            continue
        if key in entry:
            problems.append(f"{where}: duplicate key {key!r}")
        entry[key] = scalar(rest, where, problems)
    return data


def check(folder):
    problems = []
    article_path = os.path.join(folder, "article.md")
    gold_path = os.path.join(folder, "gold.yaml")
    try:
        article = open(article_path, encoding="utf-8").read()
        gold = parse(open(gold_path, encoding="utf-8").read(), problems)
    except OSError as error:
        return [str(error)], None
    headline = article.split("\n", 1)[0]
    if not headline.strip() or headline.rstrip().endswith("."):
        problems.append("headline is empty or ends with a period")
    words = len(article.split())
    if not 100 <= words <= 800:
        problems.append(f"article has {words} words, not 100-800")
    for section in ("figures", "statuses", "relations", "not_figures", "inconsistencies"):
        if section not in gold:
            problems.append(f"missing section {section}")
    figure_texts = set()
    for section, (required, optional) in KEYS.items():
        for i, entry in enumerate(gold.get(section, [])):
            where = f"{section}[{i}]"
            missing = required - entry.keys()
            extra = entry.keys() - required - optional
            if missing:
                problems.append(f"{where}: missing {sorted(missing)}")
            if extra:
                problems.append(f"{where}: unknown keys {sorted(extra)}")
            text = entry.get("text", "")
            if not isinstance(text, str) or text not in article:
                problems.append(f"{where}: text not in article: {text!r}")
            if section in ("figures", "statuses"):
                at = entry.get("at")
                if at is not None:
                    if article.count(at) != 1 or text not in at:
                        problems.append(f"{where}: `at` must occur once in the article and hold the text: {at!r}")
                elif isinstance(text, str) and text and article.count(text) > 1:
                    problems.append(f"{where}: {text!r} occurs {article.count(text)} times: add `at`")
            if section == "figures" and entry.get("role", "relation") != "relation":
                problems.append(f"{where}: role is `relation` or absent")
            if "as_of" in entry and not TIME.match(str(entry["as_of"])):
                problems.append(f"{where}: as_of {entry['as_of']!r} is not a time of SPEC 2")
            if section == "figures":
                key = entry.get("at", text)
                if key in figure_texts:
                    problems.append(f"{where}: figure listed twice: {key!r}")
                figure_texts.add(key)
            if section == "statuses" and entry.get("default", "false") != "false":
                problems.append(f"{where}: default is `false` or absent")
            if section == "statuses" and not MEANING.match(str(entry.get("meaning", ""))):
                problems.append(f"{where}: meaning {entry.get('meaning')!r} is not lifecycle.state[/negated|/possible]")
            if section == "relations":
                if entry.get("kind") not in KINDS:
                    problems.append(f"{where}: kind {entry.get('kind')!r} unknown")
                for name in entry.get("figures", []):
                    if not is_unknown(name) and figure_named(gold, name) is None:
                        problems.append(f"{where}: figure {name!r} names no figure (or several: use its `at`)")
    texts = {entry.get("text") for entry in gold.get("figures", [])}
    for i, entry in enumerate(gold.get("not_figures", [])):
        if entry.get("text") in texts:
            problems.append(f"not_figures[{i}]: {entry.get('text')!r} is also a figure")
    counts = {s: len(gold.get(s, [])) for s in ("figures", "statuses", "relations")}
    counts["words"] = words
    counts["inconsistencies"] = len(gold.get("inconsistencies", []))
    return problems, counts


def is_unknown(name):
    """`unknown`, or `unknown: label` where two relations share one unknown value."""
    return name == "unknown" or (name.startswith("unknown: ") and len(name) > 9)


def figure_named(gold, name):
    """The figure a relation names: by its `at`, or by its text where that is unique."""
    by_at = [e for e in gold.get("figures", []) if e.get("at") == name]
    by_text = [e for e in gold.get("figures", []) if e.get("text") == name]
    if len(by_at) == 1:
        return by_at[0]
    if len(by_text) == 1:
        return by_text[0]
    return None


def main(argv):
    folders = argv or sorted(
        os.path.join(HERE, name)
        for name in os.listdir(HERE)
        if os.path.isfile(os.path.join(HERE, name, "article.md"))
    )
    failed = False
    totals = {"words": 0, "figures": 0, "statuses": 0, "relations": 0}
    for folder in folders:
        problems, counts = check(folder)
        name = os.path.basename(os.path.normpath(folder))
        if counts:
            print(
                f"{name}: {counts['words']} words, {counts['figures']} figures, "
                f"{counts['statuses']} statuses, {counts['relations']} relations, "
                f"{counts['inconsistencies']} inconsistencies"
            )
            for key in totals:
                totals[key] += counts[key]
        for problem in problems:
            print(f"  {name}: {problem}")
            failed = True
    print(
        f"total: {len(folders)} articles, {totals['words']} words, {totals['figures']} figures, "
        f"{totals['statuses']} statuses, {totals['relations']} relations"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
