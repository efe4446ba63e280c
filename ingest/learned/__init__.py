"""A learned mention tagger and relation reader, trained on real gold (``plangraph train``).

The rules in ``ingest.rules`` become features here, not the decision: a CRF decides
mention boundaries and labels, and a maximum-entropy classifier decides which pairs of
mentions are related and how.
"""
