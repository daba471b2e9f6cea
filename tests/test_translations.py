import re
import subprocess
from pathlib import Path

import pytest

PO = Path(__file__).resolve().parent.parent / "locale/fr/LC_MESSAGES/django.po"


def test_every_interface_string_has_a_french_translation():
    po = PO.read_text(encoding="utf-8")
    assert "#, fuzzy" not in po
    entries = re.findall(r'^msgid (".*")\n(?:msgid_plural .*\n)?((?:msgstr.*\n?)+)', po, flags=re.M)
    untranslated = [
        msgid for msgid, msgstrs in entries[1:] if re.search(r'msgstr(\[\d\])? ""$', msgstrs, re.M)
    ]
    assert untranslated == []


@pytest.mark.skipif(
    not Path("/usr/bin/msgfmt").exists(), reason="gettext's msgfmt is not installed"
)
def test_the_french_catalog_compiles_cleanly():
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(PO)], check=True)
