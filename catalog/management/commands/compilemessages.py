"""Django's compilemessages, with French typography in the compiled French catalogue.

Translations are written with ordinary spaces; the narrow no-break spaces French typography
asks for are the job of one helper (catalog.present.typography), applied here once to every
French message instead of to every page at every request.
"""

import subprocess
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po
from django.core.management.commands import compilemessages

from catalog.present.typography import french_text


def typographed(po_path: Path, into: Path) -> Path:
    """A copy of a French .po file whose translations have French typography."""
    with po_path.open("rb") as po:
        catalog = read_po(po, abort_invalid=True)
    for message in catalog:
        if not message.id:  # the header
            continue
        if isinstance(message.string, tuple):
            message.string = tuple(french_text(form) for form in message.string)
        else:
            message.string = french_text(message.string)
    copy = into / po_path.name
    with copy.open("wb") as out:
        write_po(out, catalog, width=0, omit_header=False)
    return copy


class Command(compilemessages.Command):
    help = compilemessages.Command.help + " French messages get French typography."

    def compile_messages(self, locations: list[tuple[str, str]]) -> None:
        super().compile_messages(locations)
        for directory, name in locations:
            po_path = Path(directory) / name
            if "fr" not in po_path.parts:
                continue
            with tempfile.TemporaryDirectory() as temporary:
                source = typographed(po_path, Path(temporary))
                mo_path = str(po_path.with_suffix(".mo"))
                command = [self.program, *self.program_options, "-o", mo_path, str(source)]
                subprocess.run(command, check=True)
