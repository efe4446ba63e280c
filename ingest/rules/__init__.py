"""The default rule-based extractor: patterns of Chinese plan prose, no models."""

from ingest.rules.extractor import RuleExtractor

__all__ = ["RuleExtractor"]
