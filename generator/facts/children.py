"""A notice's version for children: its own title, summary and plain words for the sections it explains.

Only the wording is the children's file's own. Every fact it shows (what is held, who it goes to, how
long it is kept, the rights, who to ask) is read from the notice itself when it is rendered, so the two
cannot disagree (docs/layers.md#a-version-for-children).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from generator.facts.models import FactModel, MarkdownText, SectionAnchor, Text
from generator.facts.roles import Role

CHILDREN_FOLDER = "children"


class ChildrensSection(FactModel):
    about: Annotated[SectionAnchor, Role("section explained")] = Field(
        description="The standard section of the notice this explains, e.g. `what-we-hold`; the children's "
                    "version shows the notice's own facts for it after these words.")
    title: Annotated[Text, Role("heading")] = Field(
        description="The heading, in words a child uses, e.g. `What we know about you`.")
    text: Annotated[MarkdownText, Role("text")] = Field(
        description="Short sentences a child can read alone. State no fact here (a name, a period): the notice's "
                    "facts follow, so they cannot disagree.")


class ChildrensVersion(FactModel):
    """`children/<notice-id>.yaml`: the version of that notice written for children."""

    title: Annotated[Text, Role("title")] = Field(
        description="The title a child reads, e.g. `How your school uses information about you`.")
    ages: Annotated[Text, Role("ages it is written for")] = Field(
        description="Who it is written for, e.g. `8 to 12`: shown under the title.")
    summary: Annotated[MarkdownText, Role("summary")] = Field(
        description="A few short sentences to read first.")
    sections: Annotated[list[ChildrensSection], Role(
        "children's sections", key=("about",), item="Children's section", label="{title}")] = Field(
        min_length=1, description="Plain words for the sections a child needs, in any order: they are shown in "
                                  "the notice's standard order.")

    @model_validator(mode="after")
    def _one_each(self) -> ChildrensVersion:
        seen: set[str] = set()
        for section in self.sections:
            if section.about in seen:
                raise ValueError(f"explains the section '{section.about}' twice: merge the two into one")
            seen.add(section.about)
        return self
