"""sitegen: a static site generator for the Co-Production Collective transparency portal."""

__version__ = "0.1.0"
