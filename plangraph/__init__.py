"""plangraph: a knowledge graph over Chinese science-and-technology planning documents."""

__version__ = "0.1.0"
