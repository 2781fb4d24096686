"""Turn the demo corpus (plain-text articles plus a manifest of dates and outlets) into JSON Lines.

Usage: python demo/build_corpus.py demo/corpus demo/corpus.json > corpus.jsonl

Each article's first line is its title and the body follows a line holding
only ``|``; ``published`` and ``source`` come from the manifest.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def build(folder: Path, manifest: Path) -> list[dict[str, str | None]]:
    meta: dict[str, dict[str, str]] = json.loads(manifest.read_text(encoding="utf-8"))
    rows: list[dict[str, str | None]] = []
    for path in sorted(folder.glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n|\n")
        info = meta.get(path.name, {})
        rows.append({
            "id": path.stem,
            "title": title.strip(),
            "text": body,
            "published": info.get("published"),
            "source": info.get("source"),
        })
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    for row in build(Path(argv[0]), Path(argv[1])):
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
