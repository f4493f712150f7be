"""A stand-in drand relay on 127.0.0.1: drand's URL shapes, rounds signed with a key made in the test.

`GET /{chain_hash}/info` and `GET /{chain_hash}/public/{round}` answer as a drand relay does, signing with the
unchained G1 scheme (signature = sk * H(sha256(round)), public key = sk * G2 generator). A controllable clock
decides which rounds exist; `behaviour` makes the relay misbehave: a status code for every answer, slow
answers, another chain, a tampered signature, another round than the one asked for.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pyblst import BlstP1Element, BlstP2Element

from site_builder.bls import DST, G2_GENERATOR
from site_builder.selection.beacon import SCHEME, BeaconSettings, round_message, round_time

GENESIS = 1_700_000_000
PERIOD = 3


def public_key_of(secret: int) -> str:
    return BlstP2Element.uncompress(G2_GENERATOR).scalar_mul(secret).compress().hex()


def sign(secret: int, round_number: int) -> str:
    return BlstP1Element.hash_to_group(round_message(round_number), DST).scalar_mul(secret).compress().hex()


class BeaconStandin:
    """Start with `with BeaconStandin(secret) as relay:`; `relay.url` is its base address."""

    def __init__(self, secret: int = 0x5EC12E7, now: datetime | None = None) -> None:
        self.secret = secret
        self.public_key = public_key_of(secret)
        self.chain_hash = hashlib.sha256(bytes.fromhex(self.public_key)).hexdigest()
        self.now = now or datetime.fromtimestamp(GENESIS + 1000 * PERIOD, UTC)
        self.behaviour = "normal"  # normal | status | slow | wrong-chain | tamper | wrong-round | not-json | huge
        self.status = 500
        self.future_status = 425
        self.slow_seconds = 2.0
        self.requests: list[str] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def settings(self, lead_seconds: int = 900, urls: tuple[str, ...] | None = None) -> BeaconSettings:
        """The marketplace's view of this chain."""
        return BeaconSettings(
            urls or (self.url,), self.chain_hash, self.public_key, PERIOD, GENESIS, SCHEME, lead_seconds
        )

    def settings_data(self) -> dict[str, Any]:
        """The `beacon` mapping of marketplace.yaml that names this chain (the inverse of BeaconSettings.from_data)."""
        b = self.settings()
        return {
            "urls": list(b.urls),
            "chain_hash": b.chain_hash,
            "public_key": b.public_key,
            "period": b.period,
            "genesis": b.genesis,
            "scheme": b.scheme,
            "lead_seconds": b.lead_seconds,
        }

    def info(self) -> dict[str, Any]:
        return {
            "public_key": self.public_key,
            "period": PERIOD,
            "genesis_time": GENESIS,
            "hash": self.chain_hash,
            "groupHash": "00" * 32,
            "schemeID": SCHEME,
            "metadata": {"beaconID": "standin"},
        }

    def __enter__(self) -> BeaconStandin:
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def answer(self, path: str) -> tuple[int, Any]:
        """Status and JSON body for one GET, before misbehaviour."""
        parts = path.strip("/").split("/")
        if len(parts) < 2 or parts[0] != self.chain_hash:
            return 404, {"error": "unknown chain"}
        if parts[1:] == ["info"]:
            return 200, self.info()
        if len(parts) == 3 and parts[1] == "public" and parts[2].isdigit():
            number = int(parts[2])
            settings = self.settings()
            if number < 1 or round_time(number, settings) > self.now:
                return self.future_status, {"error": "round not yet produced"}
            signature = sign(self.secret, number)
            randomness = hashlib.sha256(bytes.fromhex(signature)).hexdigest()
            return 200, {"round": number, "randomness": randomness, "signature": signature}
        return 404, {"error": "not found"}

    def _misbehave(self, status: int, body: Any) -> tuple[int, Any]:
        if self.behaviour == "status":
            return self.status, {"error": "made to fail"}
        if status != 200 or "round" not in body:
            if self.behaviour == "wrong-chain" and status == 200:
                return status, {**body, "hash": "ab" * 32, "public_key": public_key_of(self.secret + 1)}
            return status, body
        if self.behaviour == "wrong-chain":
            signature = sign(self.secret + 1, body["round"])
            return status, {**body, "signature": signature, "randomness": _sha(signature)}
        if self.behaviour == "tamper":
            flipped = sign(self.secret, body["round"] + 1)  # a valid point, signing another round
            return status, {**body, "signature": flipped, "randomness": _sha(flipped)}
        if self.behaviour == "wrong-round":
            return status, {**body, "round": body["round"] - 1}
        return status, body

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        relay = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                relay.requests.append(self.path)
                if relay.behaviour == "slow":
                    time.sleep(relay.slow_seconds)
                status, body = relay._misbehave(*relay.answer(self.path))
                raw = b"<html>oops</html>" if relay.behaviour == "not-json" else json.dumps(body).encode()
                if relay.behaviour == "huge":
                    raw = json.dumps({**body, "padding": "x" * 100_000}).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(raw)))
                    self.end_headers()
                    self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (slow answers)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


def _sha(signature: str) -> str:
    return hashlib.sha256(bytes.fromhex(signature)).hexdigest()
