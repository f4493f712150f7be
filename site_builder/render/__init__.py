"""The public site as pure page models: the loaded marketplace and a BuildContext in, Markdown pages and
plain files out. Nothing here imports MkDocs; `site_builder.mkdocs_plugin` only adds what `site` returns."""

from site_builder.render.site import about_pages, site

__all__ = ["about_pages", "site"]
