"""Selection nobody can steer: a public evaluation, a commitment to it, a future round of a public beacon, and a
ranked order anyone can recompute offline (docs/dev/selection.md).

One job per module:
  applications  who applied: the one rule telling an application from a question (kind, recorded and re-derived)
  method      which awards answer to the public method, which are legacy digest draws (public_draw_since)
  beacon      the chain's facts from the marketplace settings, round <-> time, BLS signature check
  fetch       the HTTP client for a beacon's relays: never trusts them, always verifies
  commitment  canonical JSON, the evaluation and commitment digests, the round to name
  order       the seed and the ranked order of the qualified applicants
  evaluation  who qualified (derived), and whether an evaluation covers exactly who it must
  records     where evaluation.yaml and selection.yaml live, loaded with positions
  drawing     the steps automation takes (commit, then record the round), refused when too early
  verify      the whole chain re-checked offline, first broken link reported with file:line
"""
