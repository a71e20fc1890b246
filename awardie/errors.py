"""Errors a user of awardie can see. Each says what went wrong and what to do."""
from __future__ import annotations

__all__ = ["AwardieError", "RulesError", "ModelError", "ModelNotFoundError"]


class AwardieError(Exception):
    """Base class of every error awardie raises on purpose."""


class RulesError(AwardieError):
    """A rules file in awardie/rules (or a folder you passed) is missing or malformed."""


class ModelError(AwardieError):
    """A shipped model file is unreadable or corrupt. Rebuild it with the training script it names."""


class ModelNotFoundError(ModelError, FileNotFoundError):
    """A model file the pipeline needs does not exist."""
