// Seal texts to rounds of drand chains with drand's own tlock-js, offline, as many as asked in one run:
//   node seal.mjs < requests.json > armored.json
// requests.json: [{"round": 1000, "chain_hash": "<64 hex>", "public_key": "<192 hex>", "plaintext": "<base64>"}, ...]
// armored.json:  ["-----BEGIN AGE ENCRYPTED FILE-----\n...", ...], in the same order.
// tlock-js asks its client only for the chain's info when it encrypts, so a client that answers with the
// facts given needs no network: the tests seal to a stand-in chain (tests/selection/beacon_standin.py) or to
// quicknet's real key.
import tlock from "tlock-js";

function offlineClient(chainHash, publicKey) {
  const info = {
    public_key: publicKey,
    period: 3,
    genesis_time: 1692803367,
    hash: chainHash,
    groupHash: "00".repeat(32),
    schemeID: "bls-unchained-g1-rfc9380",
    metadata: { beaconID: "sealing-tests" },
  };
  const noRound = async () => { throw new Error("sealing needs no round"); };
  return {
    options: { disableBeaconVerification: false, noCache: false },
    chain: () => ({ baseUrl: "offline", info: async () => info }),
    get: noRound,
    latest: noRound,
  };
}

function checked(request) {
  const { round, chain_hash: chainHash, public_key: publicKey, plaintext } = request;
  if (!Number.isSafeInteger(round) || round < 1 || !/^[0-9a-f]{64}$/.test(chainHash) ||
      !/^[0-9a-f]{192}$/.test(publicKey) || typeof plaintext !== "string") {
    throw new Error(`not a sealing request: ${JSON.stringify(request).slice(0, 200)}`);
  }
  return { round, chainHash, publicKey, plaintext: Buffer.from(plaintext, "base64") };
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const armored = [];
for (const request of JSON.parse(Buffer.concat(chunks).toString("utf8")).map(checked)) {
  const client = offlineClient(request.chainHash, request.publicKey);
  armored.push(await tlock.timelockEncrypt(request.round, request.plaintext, client));
}
process.stdout.write(JSON.stringify(armored));
