"""The HTTP client for a beacon's relays: `GET {url}/{chain_hash}/info` and `/{chain_hash}/public/{round}`.

Relays are conveniences, not authorities: every answer is checked against the marketplace's own settings (the
chain's facts, the round asked for) and every signature is verified before its randomness is used. Outcomes
are three named errors, so automation can tell what to do next:
  RoundNotYet        the round does not exist yet (425, or 404 for a round still in the future): try later
  BeaconUnavailable  no relay answered usefully (5xx, timeouts, slow or unreadable answers): try later
  BadBeacon          a relay answered with something that does not verify: an alarm, never retried away
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from site_builder.errors import BadBeacon, BeaconUnavailable, DevexError, RoundNotYet
from site_builder.selection.beacon import BeaconSettings, round_time, verify

USER_AGENT = "gc-devex-selection (+https://github.com/gc-devex/marketplace)"
# Relays and clocks disagree by a little: a 404 this close to a round's time still means "not yet".
CLOCK_SLACK = timedelta(seconds=30)
# A round's answer is a few hundred bytes; anything much larger is not a beacon talking.
MAX_ANSWER_BYTES = 64 * 1024


@dataclass(frozen=True)
class VerifiedRound:
    """A round whose signature verified against the configured public key."""

    round: int
    signature: str
    randomness: bytes
    url: str


class BeaconClient:
    """Fetches and verifies rounds of one chain, trying each relay with bounded retries."""

    def __init__(
        self,
        beacon: BeaconSettings,
        *,
        session: requests.Session | None = None,
        timeout: float = 10.0,
        attempts: int = 3,
        backoff: float = 2.0,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.beacon = beacon
        self.session = session or requests.Session()
        self.session.headers.setdefault("User-Agent", USER_AGENT)
        self.timeout, self.attempts, self.backoff = timeout, attempts, backoff
        self.sleep, self.now = sleep, now

    def fetch_round(self, round_number: int) -> VerifiedRound:
        """The verified round from the first relay that has it; a named error when none does."""
        outcomes: list[DevexError] = []
        for url in self.beacon.urls:
            try:
                return self._from_relay(url, round_number)
            except (RoundNotYet, BeaconUnavailable, BadBeacon) as outcome:
                outcomes.append(outcome)
        raise _worst(outcomes, round_number)

    def check_info(self, url: str) -> dict[str, Any]:
        """A relay's `/info`, refused unless it describes exactly the configured chain."""
        info = self._get_json(url, f"{self.beacon.chain_hash}/info", "info")
        expected = {
            "hash": self.beacon.chain_hash,
            "public_key": self.beacon.public_key,
            "period": self.beacon.period,
            "genesis_time": self.beacon.genesis,
            "schemeID": self.beacon.scheme,
        }
        for field, wanted in expected.items():
            if info.get(field) != wanted:
                raise BadBeacon(f"{url} describes another chain: its {field} is {info.get(field)!r}, not {wanted!r}")
        return info

    def _from_relay(self, url: str, round_number: int) -> VerifiedRound:
        path = f"{self.beacon.chain_hash}/public/{round_number}"
        answer = self._get_json(url, path, f"round {round_number}", round_number)
        if answer.get("round") != round_number:
            raise BadBeacon(f"{url} answered round {answer.get('round')!r} when asked for round {round_number}")
        signature = answer.get("signature")
        if not isinstance(signature, str):
            raise BadBeacon(f"{url} answered round {round_number} without a signature")
        signature = signature.lower()
        try:
            found = verify(round_number, signature, self.beacon.public_key)
        except BadBeacon as error:
            raise BadBeacon(f"{url}: {error}") from None
        claimed = answer.get("randomness")
        if claimed is not None and claimed != found.hex():
            raise BadBeacon(f"{url} gave round {round_number} a randomness that is not sha256 of its signature")
        return VerifiedRound(round_number, signature, found, url)

    def _get_json(self, url: str, path: str, what: str, round_number: int | None = None) -> dict[str, Any]:
        """One relay's JSON answer, retried a bounded number of times on transient failures. A 404 for a round
        still due (`round_number`, by our clock give or take the slack) means "not yet"; for anything else it
        means this relay lacks it."""
        address = f"{url}/{path}"
        last = ""
        for attempt in range(self.attempts):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                with self.session.get(address, timeout=self.timeout, stream=True) as response:
                    body = response.raw.read(MAX_ANSWER_BYTES + 1, decode_content=True)
            except (requests.RequestException, OSError) as error:
                last = f"{address}: {type(error).__name__}"
                continue
            if response.status_code == 425 or (response.status_code == 404 and self._is_future(round_number)):
                raise RoundNotYet(f"{what} is not produced yet ({address} answered {response.status_code})")
            if response.status_code >= 500 or response.status_code in (404, 408, 429):
                last = f"{address} answered {response.status_code}"
                continue
            if response.status_code != 200:
                raise BeaconUnavailable(f"{address} answered {response.status_code}")
            if len(body) > MAX_ANSWER_BYTES:
                last = f"{address} answered more than {MAX_ANSWER_BYTES // 1024} KiB"
                continue
            try:
                answer = json.loads(body)
            except ValueError:
                last = f"{address} answered something that is not JSON"
                continue
            if not isinstance(answer, dict):
                raise BadBeacon(f"{address} answered {type(answer).__name__}, not a JSON object")
            return answer
        raise BeaconUnavailable(f"{what}: no usable answer after {self.attempts} tries ({last})")

    def _is_future(self, round_number: int | None) -> bool:
        return round_number is not None and round_time(round_number, self.beacon) > self.now() - CLOCK_SLACK


def _worst(outcomes: list[DevexError], round_number: int) -> DevexError:
    """What to report when no relay gave the round: a bad answer first (an alarm), then "not yet", then
    unavailable; each relay's reason joined so the log says who said what."""
    if not outcomes:
        return BeaconUnavailable("no beacon relay is configured")
    for kind in (BadBeacon, RoundNotYet, BeaconUnavailable):
        found = [outcome for outcome in outcomes if isinstance(outcome, kind)]
        if found:
            return kind("; ".join(str(outcome) for outcome in found))
    return BeaconUnavailable(f"round {round_number}: no answer")
