"""GC Developers Exchange: load, validate, move and publish a marketplace kept as YAML files in Git."""

__version__ = "0.1.0"
