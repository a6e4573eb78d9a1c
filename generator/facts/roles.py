"""What each fact field is to the rest of the generator, declared once on the model.

Every field of a fact model carries a ``Role`` in its ``Annotated[...]`` metadata. The school
override models, the cascade's item keys, the review diff, the JSON notice's sections and the field
reference are all read off these declarations, the way mkdocs reads its plugin events off
``BasePlugin``: adding a field to a model is the one edit (docs/contributing.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

Override = Literal["replace", "add", "remove"]


@dataclass(frozen=True)
class ForSchool:
    """An organisation's fact that a school's file may state of its own, declared on the organisation's
    field: the School model's field and the cascade are read off it (docs/trusts.md).

    ``cascade`` says how the school's value stands to the organisation's:
    - "beside": it is the school's own, shown beside the organisation's (the school's name is not the
      controller's);
    - "instead": the school's, when it gives one, instead of the organisation's; a notice's own (a
      field of the same name on Notice) comes before both;
    - "first": entries by id, looked up in the school's first, then the organisation's.
    """

    cascade: Literal["beside", "instead", "first"]
    description: str  # the field in a school's file, as the field reference and the editor describe it
    annotation: Any = None  # the school's type, when not the organisation's; required unless it allows None


@dataclass(frozen=True)
class Role:
    """One field's part in the notices.

    ``noun`` is how the review names the field ("email", "legal gateway"); for a field holding a
    model or a list of models, the whole thing ("the DPO", "recipients"), written so that it can
    start a sentence once capitalised.
    """

    noun: str
    section: str | None = None  # the standard section of the notice it feeds (its anchor); None: the header
    school: tuple[Override, ...] = ()  # how a school's version of a notice may change it (docs/trusts.md)
    key: tuple[str, ...] = ()  # a list of models: the item fields that tell one item from another
    item: str | None = None  # a list of models: one item, as the review names it ("Recipient")
    label: str | None = None  # a list of models: how the review names one item, over its fields ("{name}")
    detail: str | None = None  # a list of models: the field that says most about an item just added
    topic: str | None = None  # which part of the notice the review files a change under; default the noun
    # How a suggested change-list entry names a change under this field's topic, for parents ("how long we
    # keep the information"); given on one field of each topic (a test finds a topic without words).
    words: str | None = None
    resolved: str | None = None  # the ResolvedNotice attribute that states this fact once references are resolved
    joins: tuple[type[BaseModel], ...] = ()  # models whose fields a resolved item also carries (a recipient's name)
    in_notice: bool = True  # False for what no notice states (the website's brand): the review diff passes it by
    for_school: ForSchool | None = None  # an organisation's fact that a school may state of its own

    @property
    def review_topic(self) -> str:
        return self.topic or self.noun

    def item_key(self, item: Any) -> str:
        """The key of one item of this list: its id, article, or the fields ``key`` names joined."""
        return "/".join(str(getattr(item, name)) for name in self.key)


class MissingRole(TypeError):
    """A fact field was added without saying what it is: a programming slip, caught by the tests."""


def role(model: type[BaseModel], name: str) -> Role:
    """The role declared on ``model.name``; MissingRole, saying what to declare, if there is none."""
    found = [entry for entry in model.model_fields[name].metadata if isinstance(entry, Role)]
    if not found:
        raise MissingRole(
            f"{model.__name__}.{name} has no Role: declare it on the field, e.g. "
            f"`{name}: Annotated[<type>, Role(noun=\"...\")] = Field(...)` (docs/contributing.md#add-a-field)"
        )
    return found[0]


def roles(model: type[BaseModel]) -> dict[str, Role]:
    """Every field of ``model`` with its role, in declaration order."""
    return {name: role(model, name) for name in model.model_fields}


def stated_by_schools(model: type[BaseModel], cascade: str | None = None) -> dict[str, Role]:
    """The fields of ``model`` (the organisation) a school may state of its own; only those of ``cascade``, if given."""
    return {name: entry for name, entry in roles(model).items()
            if entry.for_school is not None and cascade in (None, entry.for_school.cascade)}


def overridable(model: type[BaseModel], how: Override) -> dict[str, Role]:
    """The fields of ``model`` a school may change in the way ``how``."""
    return {name: entry for name, entry in roles(model).items() if how in entry.school}
