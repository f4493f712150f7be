"""A small marketplace that shows every case the exports handle, written into a folder for the tests.

Every status; addenda; an open opportunity past its closing time; a random draw; a repeat winner; a
contract terminated for non-delivery after a cure notice, then the opportunity cancelled with its reason; a
decline and a termination before the next award; an unsuccessful call; a cancellation before closing, with its
reason; each of the last two posted again by a later opportunity (`replaces`); a supplier abroad.
Built with the project's own digest and draw functions, and checked by the real validator in the tests.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from site_builder import archive
from site_builder.dump import dump_yaml
from site_builder.selection.legacy import draw_order

REPO = Path(__file__).resolve().parents[2]


def _text(en: str, fr: str) -> dict[str, str]:
    return {"en": en, "fr": fr}


def _opportunity(ident: str, status: str, posted: str, closing: str, start: str, delivery: str, value: int, **extra):
    department = ident.split("-")[0]
    number = ident.rsplit("-", 1)[1]
    data: dict[str, Any] = {
        "id": ident,
        "status": status,
        "department": department,
        "title": _text(
            f"Fix issue {number} in the {department} toolkit", f"Corriger le problème {number} de la boîte à outils"
        ),
        "teaser": _text("A short fix with a test.", "Une courte correction avec un test."),
        "description": _text(
            "The toolkit fails on **empty input**. Fix it & add a test; see <https://example.org>.",
            "La boîte à outils échoue sur une **entrée vide**. Corrigez-la et ajoutez un test.",
        ),
        "skills": ["python", "testing"],
        "value": value,
        "repository": f"https://github.com/{department}/toolkit",
        "licence": "MIT",
        "remote": True,
        "classification": "unclassified",
        "posted": posted,
        "closing": closing,
        "start": start,
        "delivery": delivery,
        "acceptance_criteria": _text(
            ["Tests pass.", "No new security issue."], ["Les tests passent.", "Aucun problème."]
        ),
        "evaluation_criteria": _text(["Has a public GitHub account."], ["Possède un compte GitHub public."]),
        "contact": {"name": "Marie Tremblay", "email": "marie.tremblay@example.gc.ca"},
        "project": {"name": "Toolkit"},
    }
    data.update(extra)
    return data


def _bids(ident: str, closing: str, authors: list[tuple[str, bool]]) -> dict[str, Any]:
    bids = []
    for number, (author, late) in enumerate(authors, start=1):
        body = f"I can do this work. ({author})"
        stamp = closing.replace("T14:00:00", "T20:00:00") if late else closing.replace("T14:00:00", "T09:00:00")
        bids.append(
            {
                "author": author,
                "created": stamp,
                "updated": stamp,
                "url": f"https://github.com/gc-devex/marketplace/discussions/{number}#comment-{number}",
                "comment": f"DC_{number}",
                "reply_to": None,
                "body": body,
                "late": late,
                "edited_after_closing": False,
            }
        )
    snapshot = {
        "opportunity": ident,
        "discussion": "https://github.com/gc-devex/marketplace/discussions/1",
        "closing": closing,
        "taken": closing.replace("T14:00:00", "T14:15:00"),
        "bids": bids,
    }
    return {**snapshot, "digest": archive.split(snapshot)[0]["digest"]}


def _award(ident: str, bids: dict[str, Any], qualified: list[str], supplier: dict[str, Any], amount: int, **steps):
    if len(qualified) > 1:
        order = draw_order(bids["digest"], qualified)
        selection = {"method": "random-draw", "qualified": qualified, "seed": bids["digest"], "order": order}
        winner = order[0]
    else:
        selection = {"method": "sole-qualified", "qualified": qualified}
        winner = qualified[0]
    return {
        "opportunity": ident,
        "supplier": {"github": winner, **supplier},
        "amount": amount,
        "awarded": steps.pop("awarded"),
        "selection": selection,
        **steps,
    }


def folders() -> dict[str, dict[str, dict[str, Any]]]:
    """Each opportunity folder (`department/id`) with its files as data."""
    found: dict[str, dict[str, dict[str, Any]]] = {}

    def add(opp: dict[str, Any], bids: dict[str, Any] | None = None, award: dict[str, Any] | None = None) -> None:
        files = {"opportunity.yaml": opp}
        if bids:
            files["bids.yaml"] = bids
        if award:
            files["award.yaml"] = award
        found[f"{opp['department']}/{opp['id']}"] = files

    closing = "2027-03-01T14:00:00-05:00"
    addendum = {"date": "2027-02-10", "text": _text("The closing time moved by a week.", "La clôture est reportée.")}
    issue = "https://github.com/esdc/toolkit/issues/4"  # posted again: esdc-2026-004 was cancelled
    add(
        _opportunity(
            "esdc-2027-001",
            *("open", "2027-02-01", closing, "2027-03-05", "2027-03-20", 4500),
            addenda=[addendum],
            issue=issue,
            replaces="esdc-2026-004",
        )
    )
    add(
        _opportunity(
            "esdc-2026-005", "open", "2026-10-01", "2026-10-15T14:00:00-04:00", "2026-10-20", "2026-11-01", 900
        )
    )

    closing = "2026-09-10T14:00:00-04:00"
    bids = _bids("esdc-2026-002", closing, [("alice-dev", False), ("bob", False), ("carol", True)])
    again = {"issue": "https://github.com/esdc/toolkit/issues/3", "replaces": "esdc-2026-003"}  # was unsuccessful
    add(_opportunity("esdc-2026-002", "closed", "2026-09-01", closing, "2026-09-15", "2026-09-30", 3000, **again), bids)

    closing = "2026-01-20T14:00:00-05:00"
    bids = _bids("tbs-2026-001", closing, [("alice-dev", False), ("dmitri", False), ("github-actions[bot]", False)])
    supplier = {"name": "Alice Martin Consulting", "postal_code": "K1A", "country": "CA"}
    award = _award("tbs-2026-001", bids, ["alice-dev", "dmitri"], supplier, 7500, awarded="2026-01-23")
    award["supplier"]["github"] = award["selection"]["order"][0]
    award.update(work="https://github.com/tbs/toolkit/pull/7", delivered="2026-02-02", accepted="2026-02-04")
    award.update(paid="2026-03-20")
    add(_opportunity("tbs-2026-001", "completed", "2026-01-05", closing, "2026-01-26", "2026-02-06", 8000), bids, award)

    closing = "2026-04-14T14:00:00-04:00"
    bids = _bids("tbs-2026-002", closing, [("alice-dev", False)])
    award = _award("tbs-2026-002", bids, ["alice-dev"], {"name": "Alice Martin Consulting"}, 2500, awarded="2026-04-16")
    award.update(work="https://github.com/tbs/toolkit/pull/9", delivered="2026-04-24", accepted="2026-04-27")
    award.update(paid="2026-05-12")
    add(_opportunity("tbs-2026-002", "completed", "2026-04-01", closing, "2026-04-17", "2026-04-30", 2500), bids, award)

    closing = "2026-07-07T14:00:00-04:00"
    bids = _bids("ssc-2026-001", closing, [("erin-codes", False), ("frank", False)])
    supplier = {"name": "Érin Dupuis", "postal_code": "H2X", "former_public_servant": True}
    award = _award("ssc-2026-001", bids, ["erin-codes"], supplier, 9800, awarded="2026-07-09")
    award.update(work="https://github.com/ssc/toolkit/pull/3", delivered="2026-07-20")
    add(_opportunity("ssc-2026-001", "awarded", "2026-06-20", closing, "2026-07-10", "2026-07-24", 9800), bids, award)

    closing = "2026-05-05T14:00:00-04:00"
    bids = _bids("ssc-2026-002", closing, [("gustav", False)])
    supplier = {"name": "Gustav Holm ApS", "country": "DK"}
    award = _award("ssc-2026-002", bids, ["gustav"], supplier, 5000, awarded="2026-05-07")
    reason = _text("No work was delivered by the delivery date.", "Aucun travail n'a été livré à la date prévue.")
    notice = _text("Deliver the pull request by June 26.", "Livrez la demande de tirage d'ici le 26 juin.")
    award["cure_notice"] = {"date": "2026-06-12", "deadline": "2026-06-26", "text": notice}
    award["terminated"] = {"date": "2026-06-30", "reason": reason}
    cancellation = {
        "date": "2026-06-30",
        "reason": _text("The contract was terminated; the work will be posted again.", "Le contrat a été résilié."),
    }
    opp = _opportunity("ssc-2026-002", "cancelled", "2026-04-20", closing, "2026-05-08", "2026-05-29", 5000)
    add({**opp, "cancellation": cancellation}, bids, award)

    closing = "2026-06-02T14:00:00-04:00"
    bids = _bids("tbs-2026-003", closing, [("hana", False), ("ivan", False), ("jules", False)])
    award = _award("tbs-2026-003", bids, ["hana", "ivan", "jules"], {"name": "Next In Order Inc."}, 4000, awarded="")
    first, second, third = award["selection"]["order"]
    award["supplier"]["github"] = third
    award["awarded"] = "2026-06-29"
    declined = {"github": first, "name": f"{first.title()} Studio"}
    link = "https://github.com/gc-devex/marketplace/discussions/1#comment-90"
    notice = _text("Deliver by June 24 or the contract ends.", "Livrez d'ici le 24 juin, sinon le contrat prend fin.")
    award["previous"] = [
        {"supplier": declined, "outcome": "declined", "offered": "2026-06-03", "declined": "2026-06-04", "link": link},
        {
            "supplier": {"github": second, "name": f"{second.title()} Consulting", "postal_code": "K2P"},
            "outcome": "terminated",
            "offered": "2026-06-05",
            "amount": 4000,
            "cure_notice": {"date": "2026-06-17", "deadline": "2026-06-24", "text": notice},
            "terminated": {"date": "2026-06-26", "reason": _text("Nothing delivered.", "Rien n'a été livré.")},
        },
    ]
    add(_opportunity("tbs-2026-003", "awarded", "2026-05-20", closing, "2026-06-05", "2026-07-10", 4000), bids, award)

    closing = "2026-08-04T14:00:00-04:00"
    bids = _bids("esdc-2026-003", closing, [("henri", False), ("ivy", True)])
    opp = _opportunity("esdc-2026-003", "unsuccessful", "2026-07-20", closing, "2026-08-10", "2026-08-28", 6000)
    add({**opp, "issue": "https://github.com/esdc/toolkit/issues/3"}, bids)

    addendum = {"date": "2026-08-25", "text": _text("Cancelled: the team fixed it.", "Annulée : l'équipe l'a corrigé.")}
    opp = _opportunity(
        "esdc-2026-004", "cancelled", "2026-08-20", "2026-09-03T14:00:00-04:00", "2026-09-08", "2026-09-20", 1200
    )
    reason = _text(
        "The team fixed it while upgrading the toolkit.", "L'équipe l'a corrigé en mettant à niveau l'outil."
    )
    cancellation = {"date": "2026-08-25", "reason": reason}
    add(
        {
            **opp,
            "addenda": [addendum],
            "cancellation": cancellation,
            "issue": "https://github.com/esdc/toolkit/issues/4",
        }
    )
    return found


def write(root: Path) -> Path:
    """A complete marketplace repository at `root` (settings copied from the sample), returned for chaining."""
    data_dir = root / "opportunities"
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "opportunities" / "marketplace.yaml", data_dir / "marketplace.yaml")
    for folder, files in folders().items():
        for name, content in files.items():
            path = data_dir / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if name == archive.INDEX:
                archive.write(path.parent, *archive.split(content))
            else:
                path.write_text(dump_yaml(content), encoding="utf-8")
    return root
