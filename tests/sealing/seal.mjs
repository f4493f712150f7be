// Seal stdin to one round of a drand chain with drand's own tlock-js, offline, and print the armored text.
//   node seal.mjs ROUND CHAIN_HASH PUBLIC_KEY_HEX < plaintext > armored
// tlock-js asks its client only for the chain's info when it encrypts, so a client that answers with the
// facts given here needs no network: the tests seal to a stand-in chain (tests/selection/beacon_standin.py)
// or to quicknet's real key.
import tlock from "tlock-js";

const [round, chainHash, publicKey] = process.argv.slice(2);
if (!/^[0-9]+$/.test(round ?? "") || !/^[0-9a-f]{64}$/.test(chainHash ?? "") || !/^[0-9a-f]{192}$/.test(publicKey ?? "")) {
  console.error("usage: node seal.mjs ROUND CHAIN_HASH PUBLIC_KEY_HEX < plaintext");
  process.exit(2);
}

const info = {
  public_key: publicKey,
  period: 3,
  genesis_time: 1692803367,
  hash: chainHash,
  groupHash: "00".repeat(32),
  schemeID: "bls-unchained-g1-rfc9380",
  metadata: { beaconID: "sealing-tests" },
};
const offline = {
  options: { disableBeaconVerification: false, noCache: false },
  chain: () => ({ baseUrl: "offline", info: async () => info }),
  get: async () => { throw new Error("sealing needs no round"); },
  latest: async () => { throw new Error("sealing needs no round"); },
};

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
process.stdout.write(await tlock.timelockEncrypt(Number(round), Buffer.concat(chunks), offline));
