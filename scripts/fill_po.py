"""Fill empty French translations in locale/fr/LC_MESSAGES/django.po from a JSON object on stdin.

    make messages   # collect new strings first (no wrapping, so each msgid is one line)
    echo '{"Check my data": "Vérifier mes données"}' | python scripts/fill_po.py

Only empty msgstr entries are filled; existing translations are left alone. Prints what is still
untranslated.
"""

import json
import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "locale/fr/LC_MESSAGES/django.po"


def quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def main() -> None:
    pairs: dict[str, str] = json.load(sys.stdin)
    po = PO.read_text(encoding="utf-8")
    for english, french in pairs.items():
        po = po.replace(
            f'msgid {quote(english)}\nmsgstr ""\n',
            f"msgid {quote(english)}\nmsgstr {quote(french)}\n",
        )
    PO.write_text(po, encoding="utf-8")
    missing = re.findall(r'^msgid (".+")\nmsgstr ""$', po, flags=re.M)
    for msgid in missing:
        print("untranslated:", msgid)


if __name__ == "__main__":
    main()
