"""The MkDocs build's parts, one job to a module, that the `devex` plugin (`site_builder/mkdocs_plugin.py`)
composes: each hook there is a few lines calling these. They know MkDocs' types (files, pages, navigation)
but not the plugin, which nothing here imports; what the pages say is made below, in `render/` and `export/`.

- `config.py`: the plugin's options in mkdocs.yml.
- `build.py`: one build's state (`Build`), made from the marketplace and its clock, ended once.
- `generated.py`: the pages and files made in memory, added to MkDocs' files.
- `languages.py`: one navigation per language, and what each page shows of its own language.
- `theme.py`: the configuration a page of one language renders with (site name, Material's language).
- `search_indexing.py`: the search index written after each build, in the background under `devex serve`.
- `rebuilds.py`: when a `devex serve` rebuild that writes only the changed pages must write them all, or remove
  what was written for a page that is gone.
- `preview.py`: `devex serve` itself: MkDocs' live-reload server and builds, the address it really serves, a
  failed build's problems in place of every page, the opportunities set aside named on every page.
"""
