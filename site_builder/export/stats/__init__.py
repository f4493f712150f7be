"""The statistics page: figures (numbers), charts (SVG) and page (Markdown), kept apart."""
