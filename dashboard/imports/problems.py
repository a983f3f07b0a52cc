"""Validation problems: what is wrong, where (file, sheet, row, column), how bad.

Errors refuse the whole file; warnings are kept in the import log and shown on the Data page.
Problems never carry a full NIK or No. KK: parsers put only masked or non-personal values in params.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dashboard.i18n import t

ERROR = "error"
WARNING = "warning"
MAX_LISTED = 200


_LONG_NUMBER = re.compile(r"(\d{6})\d{6,}(\d{4})")


def mask_long_numbers(value: object) -> object:
    """``3513011503800001`` -> ``351301******0001`` inside any text; other values unchanged."""
    return _LONG_NUMBER.sub(r"\1******\2", value) if isinstance(value, str) else value


@dataclass(frozen=True)
class Problem:
    """One finding about one place in a file."""

    level: str
    key: str
    row: int | None = None
    column: str | None = None
    sheet: str | None = None
    params: tuple[tuple[str, object], ...] = ()

    def render(self, file_name: str, lang: str = "id") -> str:
        """``file, lembar X, baris 12, kolom NIK: message`` in the chosen language."""
        where = [file_name]
        if self.sheet:
            where.append(f"{t('sheet', lang)} {self.sheet}")
        if self.row is not None:
            where.append(f"{t('row', lang)} {self.row}")
        if self.column:
            where.append(f"{t('column', lang)} {self.column}")
        label = t("error" if self.level == ERROR else "warning", lang)
        return f"{label}: {', '.join(where)}: {t(self.key, lang, **dict(self.params))}"


@dataclass
class Report:
    """Problems found in one file, in the order found.

    A file is validated in chunks, so a problem without a row (a missing column) is kept once however many chunks
    find it, and the per-column cap of listed cells counts over the whole file (``listable``, then ``close``).
    """

    problems: list[Problem] = field(default_factory=list)
    _whole_file: set[Problem] = field(default_factory=set, repr=False)
    _listed: dict[tuple, int] = field(default_factory=dict, repr=False)
    _unlisted: dict[tuple, int] = field(default_factory=dict, repr=False)

    def add(self, level: str, key: str, *, row: int | None = None, column: str | None = None,
            sheet: str | None = None, **params: object) -> None:
        """Record a problem; any 16-digit run in its values (a NIK in the wrong column) is masked first."""
        safe = tuple((name, mask_long_numbers(value)) for name, value in params.items())
        problem = Problem(level, key, row, column, sheet, safe)
        if row is None:
            if problem in self._whole_file:
                return
            self._whole_file.add(problem)
        self.problems.append(problem)

    def listable(self, level: str, key: str, column: str, sheet: str | None, found: int, cap: int) -> int:
        """How many of ``found`` more cells with this problem to list, at most ``cap`` per column in the file."""
        place = (level, key, column, sheet)
        room = max(cap - self._listed.get(place, 0), 0)
        taken = min(room, found)
        self._listed[place] = self._listed.get(place, 0) + taken
        if found > taken:
            self._unlisted[place] = self._unlisted.get(place, 0) + found - taken
        return taken

    def close(self) -> None:
        """One line per column for the cells not listed."""
        for (level, _key, column, sheet), n in self._unlisted.items():
            self.add(level, "more_problems", column=column, sheet=sheet, n=n)
        self._unlisted.clear()

    def error(self, key: str, **kwargs: object) -> None:
        self.add(ERROR, key, **kwargs)

    def warning(self, key: str, **kwargs: object) -> None:
        self.add(WARNING, key, **kwargs)

    def extend(self, other: Report) -> None:
        self.problems.extend(other.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self, file_name: str, lang: str = "id", limit: int = MAX_LISTED) -> list[str]:
        """Rendered problems, errors first, at most ``limit`` plus a count of the rest."""
        ordered = self.errors + self.warnings
        lines = [p.render(file_name, lang) for p in ordered[:limit]]
        if len(ordered) > limit:
            lines.append(t("more_problems", lang, n=len(ordered) - limit))
        return lines
