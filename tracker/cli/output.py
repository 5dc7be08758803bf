"""Plain-text rendering of cases for the command line."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from tracker.cli.terminal import say, say_json, say_json_part
from tracker.clock import Local
from tracker.display import cell_width, fit, literal, one_line
from tracker.domain.flags import Flag, FlagFacts, case_flags, flags_for
from tracker.domain.model import Case, CheckState, Status
from tracker.domain.playbooks import Playbook
from tracker.domain.summary import CaseSummary
from tracker.i18n import _, ngettext, pgettext
from tracker.records import record
from tracker.ui.layout import Column, Want
from tracker.ui.layout import column_widths as layout_widths
from tracker.wording import terms
from tracker.wording.entries import details_text, entry_details, entry_when
from tracker.wording.formats import country_name, describe_due, listed
from tracker.wording.timeline import describe

if TYPE_CHECKING:
    from tracker.core import Tracker
    from tracker.domain.caserules import CaseRules


def print_json(data: Any) -> None:
    import json

    say_json(json.dumps(data, ensure_ascii=False, indent=2))


def print_json_array(items: Iterable[Any]) -> None:
    """Print a JSON array an item at a time, the same bytes as :func:`print_json` of the
    list: a command streams 100,000 cases without holding them or their text."""
    import json

    first = True
    for item in items:
        # The item's own lines one level in: the newlines of the layout are the only
        # ones in the text (json.dumps escapes those inside strings).
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        say_json_part(("[\n  " if first else ",\n  ") + text)
        first = False
    say_json("[]" if first else "\n]")


@record(frozen=True)
class TableColumn:
    """A column of the command line's case table: its title, its width, how it gives way."""

    title: str
    # Free text's width on a terminal, however wide (an ellipsis ends a longer text), so
    # the rows after the sample fit as well; in a pipe or a file, its least width (the
    # column is as wide as its widest sampled text, and none is cut). 0: as wide as the
    # sampled contents.
    fixed: int
    # How it gives way on a narrow terminal: the TUI's steps (tracker.ui.layout).
    give: Column


def _columns() -> list[TableColumn]:
    """The table's columns. On a narrow terminal, as in the TUI's list: provider and
    service shrink first (to 8 cells), then the request date goes, the flags take their
    short forms, the checks go, the ticket shrinks then goes, then the status, then the
    service; the id, the flags, the provider and the next follow-up stay (at 40 cells)."""
    return [
        TableColumn(pgettext("table column", "ID"), 0, Column("id", min=1)),
        TableColumn(pgettext("table column", "FLAGS"), 0, Column("flags", min=1, shrink=3)),
        TableColumn(pgettext("table column", "PROVIDER"), 18, Column("provider", min=8, grow=2, shrink=1)),
        TableColumn(
            pgettext("table column", "SERVICE"), 24, Column("service", min=8, grow=3, shrink=1, drop=7)
        ),
        TableColumn(pgettext("table column", "STATUS"), 0, Column("status", min=1, drop=6)),
        TableColumn(pgettext("table column", "REQUESTED"), 10, Column("requested", min=1, drop=2)),
        TableColumn(pgettext("table column", "TICKET"), 14, Column("ticket", min=8, shrink=4, drop=5)),
        TableColumn(pgettext("table column", "NEXT"), 12, Column("next", min=1)),
        TableColumn(pgettext("table column", "CHECKS"), 6, Column("checks", min=1, drop=3)),
    ]


# A cell: its text, or its text and a shorter form (the flags) for a narrow terminal.
TableCell = str | tuple[str, str]

# Rows a table is sized from: its first ones, so that printing 100,000 cases holds this
# many, not all. In a pipe or a file (no width to fit) no cell is cut: a later cell wider
# than its column pushes the rest of its row to the right. Fitted to a terminal, only the
# id pushes, and the line is cut at the terminal's edge.
SAMPLE_ROWS = 200


def case_table(
    cases: Iterable[Case | CaseSummary], today: date, width: int | None = None, *, flagged: bool = True
) -> str:
    """A fixed-width table of cases (whole cases or summary rows), fitted to ``width``
    terminal cells when given (see :func:`column_widths`); a Chinese word takes two a
    character. Cases in the trash are not ``flagged``: nothing is owed on them."""
    return "\n".join(case_table_lines(cases, today, width, flagged=flagged))


def case_table_lines(
    cases: Iterable[Case | CaseSummary], today: date, width: int | None = None, *, flagged: bool = True
) -> Iterator[str]:
    """:func:`case_table` a line at a time, the heading first: holds at most
    :data:`SAMPLE_ROWS` rows, however many cases stream through."""
    labels: dict[tuple[Flag, ...], tuple[str, str]] = {}
    statuses: dict[Status, str] = {}

    def cells(case: Case | CaseSummary) -> tuple[TableCell, ...]:
        facts = case.facts if isinstance(case, CaseSummary) else FlagFacts.of(case)
        flags = tuple(flags_for(facts, today)) if flagged else ()
        if flags not in labels:
            labels[flags] = (terms.flag_labels(flags), terms.flag_labels(flags, short=True))
        if case.status not in statuses:
            statuses[case.status] = terms.status_label(case.status)
        return (
            str(case.id),
            labels[flags],
            one_line(case.provider),
            one_line(case.service),
            statuses[case.status],
            case.requested_on.isoformat(),
            one_line(case.ticket) or "-",
            describe_due(case.next_follow_up, today) or "-",
            case.progress,
        )

    rows = map(cells, cases)
    sample = list(itertools.islice(rows, SAMPLE_ROWS))
    columns = _columns()
    layout = column_widths(columns, sample, width)
    shown = [(index, size) for index, size in enumerate(layout.widths) if size > 0]
    # On a terminal every cell but the id is cut to its column; in a pipe or a file none is.
    cut = [index > 0 and width is not None for index in range(len(columns))]

    def line(texts: Sequence[TableCell], titles: bool = False) -> str:
        parts = []
        for index, size in shown:
            text = texts[index]
            if not isinstance(text, str):
                text = text[1] if layout.short[index] else text[0]
            parts.append(_padded(text, size, cut[index] or titles))
        joined = " ".join(parts).rstrip()
        if width is not None and cell_width(joined) > width:  # an id wider than the sample's
            joined = fit(joined, width).rstrip()
        return joined

    yield line([column.title for column in columns], titles=True)
    for row in itertools.chain(sample, rows):
        yield line(row)


def _padded(text: str, width: int, cut: bool) -> str:
    """``text`` padded to ``width`` cells; cut to them (ending in an ellipsis) if ``cut``."""
    if text.isascii() and len(text) <= width:  # the common case, at C speed
        return text.ljust(width)
    used = cell_width(text)
    if used <= width:
        return text + " " * (width - used)
    return fit(text, width) if cut else text


# The narrowest the flags are cut to on a very narrow terminal: a flag or two, in cells.
SHORTEST_FLAGS = 10


def _overflows(columns: Sequence[Column], widths: Sequence[int], width: int) -> bool:
    """Whether the widths pass ``width`` or left a growing column under its least width."""
    shown = [size for size in widths if size > 0]
    cramped = any(0 < size < column.min for column, size in zip(columns, widths, strict=True) if column.grow)
    return cramped or sum(shown) + len(shown) - 1 > width


@record(frozen=True)
class TableLayout:
    """Each column's width in cells (0: not shown) and whether it shows its short forms."""

    widths: list[int]
    short: list[bool]


def column_widths(
    columns: Sequence[TableColumn], sample: Sequence[Sequence[TableCell]], width: int | None = None
) -> TableLayout:
    """The one place the command line's table columns are sized, in terminal cells, from
    ``sample`` (a bounded number of rows, never the whole table).

    Each column is what it asks for: its fixed width, or its widest sampled cell (and at
    least its title). With ``width`` (a terminal's) and a table wider than it, the
    columns give way as the TUI's list does (:func:`tracker.ui.layout.column_widths`):
    free text shrinks, flags take their short forms, the least needed columns go.
    """
    wants = []
    for index, column in enumerate(columns):
        full = short = 0
        for row in sample:
            cell = row[index]
            if isinstance(cell, str):
                full = max(full, cell_width(cell))
            else:
                full = max(full, cell_width(cell[0]))
                short = max(short, cell_width(cell[1]))
        title = cell_width(column.title)
        full = max(title, column.fixed if width is not None and column.fixed else full, column.fixed)
        wants.append(Want(full, max(short, min(title, full)) if short else 0))
    natural = sum(want.full for want in wants) + len(wants) - 1
    gives = [column.give for column in columns]
    fitted = layout_widths(gives, wants, min(natural, width or natural))
    if width is not None and _overflows(gives, fitted, width):
        # Even the short flags leave no room for the provider: they are cut too (an
        # ellipsis ends them), rather than the provider to a letter or the line.
        wants = [
            Want(w.full, min(w.short, max(SHORTEST_FLAGS, w.short // 2))) if w.short else w for w in wants
        ]
        fitted = layout_widths(gives, wants, width)
    return TableLayout(
        fitted, [bool(want.short) and 0 < size < want.full for size, want in zip(fitted, wants, strict=True)]
    )


def _checklist(case: Case) -> list[str]:
    marks = {
        CheckState.PENDING: "[ ]",
        CheckState.PASSED: "[x]",
        CheckState.FAILED: "[!]",
        CheckState.NOT_APPLICABLE: "[-]",
    }
    lines = []
    for check in case.checks:
        name = one_line(terms.check_label(check.name))
        if check.required:
            name = _("{check} (required)").format(check=name)
        line = _("{check}: {state}").format(check=name, state=terms.check_state_label(check.state))
        if check.note:
            line += f" - {one_line(check.note)}"
        lines.append(f"  {marks[check.state]} {line}")
    return lines


def case_detail(
    case: Case, today: date, local: Local, rules: CaseRules | None = None, playbook: Playbook | None = None
) -> str:
    """Every field, the checklist, the playbook's steps while the case is open, the path past
    the provider's deadline (with the case's ``rules``), the timeline."""
    none = _("none")
    flags = terms.flag_labels(case_flags(case, today)) or none
    fee = f"{case.fee_amount} {literal(case.fee_currency)}".strip() if case.fee_amount is not None else none
    due = case.next_follow_up.isoformat() if case.next_follow_up else none
    if case.next_follow_up:
        due = _("{date} ({when})").format(date=due, when=describe_due(case.next_follow_up, today))
    rows = [
        (_("Case"), f"{case.id}  {case.uuid}"),
        (_("Provider"), one_line(case.provider)),
        (_("Service"), one_line(case.service)),
        (_("Action"), terms.action_label(case.action)),
        (_("Status"), terms.status_label(case.status)),
        (_("Flags"), flags),
        (_("Playbook"), one_line(case.playbook)),
        (_("Channel"), terms.channel_label(case.channel)),
        (_("Requested"), case.requested_on.isoformat()),
        (_("Ticket"), one_line(case.ticket) or _("none (ask for one)")),
        (_("Promised by"), case.promised_by.isoformat()),
        *([(_("Chosen date"), case.effective_on.isoformat())] if case.effective_on else []),
        *([(_("Comes back on"), case.ends_on.isoformat())] if case.ends_on else []),
        (_("Next follow-up"), due),
        (_("Cancellation fee"), fee),
    ]
    width = max(cell_width(label) for label, _value in rows) + 2
    lines = [fit(_("{label}:").format(label=label), width) + value for label, value in rows]
    if case.notes:
        lines.append(_("Notes:"))
        lines.extend("  " + line for line in literal(case.notes, multiline=True).splitlines())
    lines.append(_("Checks ({progress} passed):").format(progress=case.progress))
    lines += _checklist(case)
    if playbook is not None and case.is_open and playbook.steps:
        lines.append(_("Steps ({playbook} playbook):").format(playbook=literal(playbook.name)))
        lines.extend(_numbered(terms.playbook_steps(playbook)))
    if rules is not None:
        from tracker.wording import escalation as words  # the Peruvian path's words, only when needed

        lines += words.path_lines(case, today, rules)
    lines.append(_("Timeline (newest first):"))
    kinds = {kind: terms.entry_kind_label(kind) for kind in {entry.kind for entry in case.timeline}}
    kind_width = max([8, *(cell_width(label) for label in kinds.values())])
    for entry in reversed(case.timeline):
        when = entry_when(entry, case.requested_on, local)
        extra = entry_details(entry)
        suffix = f" [{details_text(extra)}]" if extra else ""
        lines.append(f"  {when}  {fit(kinds[entry.kind], kind_width)} {one_line(describe(entry))}{suffix}")
    return "\n".join(lines)


def _numbered(steps: Sequence[str]) -> list[str]:
    return [f"  {number}. {literal(step)}" for number, step in enumerate(steps, start=1)]


def playbook_days(playbook: Playbook) -> str:
    """ "5 business days (PE holidays skipped), follow up every 2" and the like."""
    if playbook.business_days:
        days = ngettext("{count} business day", "{count} business days", playbook.provider_days)
    else:
        days = ngettext("{count} calendar day", "{count} calendar days", playbook.provider_days)
    text = days.format(count=playbook.provider_days)
    if playbook.business_days and playbook.country:
        country = country_name(playbook.country)
        text = _("{days} ({country} holidays skipped)").format(days=text, country=country)
    every = ngettext("follow up every {count} day", "follow up every {count} days", playbook.follow_up_every)
    return _("{days}, {every}").format(days=text, every=every.format(count=playbook.follow_up_every))


def playbook_detail(playbook: Playbook) -> str:
    """One playbook in full: title, days, checks, steps (``tracker playbooks NAME``)."""
    lines = [f"{playbook.name}: {literal(terms.playbook_title(playbook))}"]
    lines.append(_("  Provider has: {days}").format(days=playbook_days(playbook)))
    if playbook.recheck_after:
        recheck = ngettext(
            "  Recheck: {count} day after verifying (after the next bill)",
            "  Recheck: {count} days after verifying (after the next bill)",
            playbook.recheck_after,
        ).format(count=playbook.recheck_after)
        lines.append(recheck)
    if playbook.currency:
        lines.append(_("  Cancellation fees in: {currency}").format(currency=playbook.currency))
    lines.append(_("  Defined in: {source}").format(source=literal(terms.playbook_source(playbook))))
    lines.append(_("Checks:"))
    for check in playbook.checks:
        marks = []
        if check.required:
            marks.append(_("required"))
        if check.recheck:
            marks.append(_("checked again at the recheck"))
        name = literal(terms.check_label(check.name))
        if marks:
            name = _("{check} ({marks})").format(check=name, marks=listed(marks))
        lines.append(f"  - {name}")
    if not playbook.checks:
        lines.append("  " + _("none"))
    lines.append(_("Steps:"))
    lines.extend(_numbered(terms.playbook_steps(playbook)))
    if not playbook.steps:
        lines.append("  " + _("none"))
    return "\n".join(lines)


def case_json(case: Case, today: date, **options: Any) -> dict[str, Any]:
    """A case as the JSON output gives it (the exchange format loads only for ``--json``)."""
    from tracker.exchange.serialize import case_to_dict

    return case_to_dict(case, today, **options)


def print_case(tracker: Tracker, case: Case, as_json: bool, message: str) -> None:
    """What a command that changed a case reports: ``message``, or with --json the case in full."""
    if as_json:
        print_json(case_json(case, tracker.today(), timeline=True, rules=tracker.rules_for(case)))
    else:
        say(message)
