"""claimcheck: recompute and judge the numeric claims of a news article."""

__version__ = "0.1.0"
