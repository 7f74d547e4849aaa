"""Article text to claim drafts. `get_extractor()` gives the default extractor."""

from workbench.extract import parsed as _parsed  # noqa: F401  (registers "parser"; spaCy loads on use)
from workbench.extract import rules as _rules  # noqa: F401  (registers "rules")
from workbench.extract import sentences as _sentences  # noqa: F401  (registers "sentences")
from workbench.extract.base import DEFAULT_EXTRACTOR, Extractor, available, get_extractor

__all__ = ["DEFAULT_EXTRACTOR", "Extractor", "available", "get_extractor"]
