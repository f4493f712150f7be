"""GitHub behind one door: the only package that imports PyGithub.

`sync` computes a plan (a pure diff of the repository against GitHub) and then applies it;
`applicants` and `intake` serve the buyer (the draft award of a draw needs no GitHub: `site_builder.award_draft`).
Every call to GitHub goes through
`client.Client`, which turns off PyGithub's own retries and throttling and retries on its own terms,
so that a mutation is never sent twice without first looking for the marker it leaves.
"""
