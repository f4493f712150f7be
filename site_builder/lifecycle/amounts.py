"""Amounts are dollars and cents: the opportunity's value, a contract's amount, an earlier contract's."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from site_builder.model import Document, Problem, format_path


def cents_problems(doc: Document, paths: list[tuple]) -> list[Problem]:
    """Amounts in dollars and cents: at most two decimals (9999.999 would show as $10,000.00 on the page)."""
    problems = []
    for path in paths:
        node = doc.data
        for part in path:
            node = node[part]
        amount = Decimal(str(node))
        if amount.as_tuple().exponent < -2:  # type: ignore[operator]
            cents = amount.quantize(Decimal("0.01"), rounding=ROUND_DOWN)
            message = (
                f"`{format_path(path)}` {node} has more than two decimals: write dollars and cents, such as {cents}"
            )
            problems.append(doc.problem(path, message))
    return problems
