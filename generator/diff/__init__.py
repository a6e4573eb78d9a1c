"""The review diff: what a change to the facts does to every school's notices, in plain words."""

from generator.diff.code import review_code
from generator.diff.review import FactsDiff, review
from generator.diff.review_report import REPORTS
from generator.diff.sides import Side, SideUnreadable, load_side

__all__ = ["REPORTS", "FactsDiff", "Side", "SideUnreadable", "load_side", "review", "review_code"]
