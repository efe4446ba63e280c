"""The browser fixtures, for every browser test module."""

from tests.viz.browser_support import browser, watched

__all__ = ["browser", "watched"]
