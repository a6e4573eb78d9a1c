"""Every field of every fact model declares its role, and a change to any of them shows in the review diff,
in the JSON notice, and (for a notice's fields) in a school's version exactly as docs/trusts.md says."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

import pytest
import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.facts import models
from generator.facts.cascade import CASCADED, resolve
from generator.facts.errors import FactErrors
from generator.facts.load import load_facts
from generator.facts.models import FactModel, LawfulBasis, Notice, NoticeOverride, Organisation, School
from generator.facts.roles import Role, overridable, role, roles, stated_by_schools
from generator.render.formats.json import notice_document
from tests.conftest import EXAMPLE, notices

# In the order an object is looked for: the notice first, then the school's own (it wins over the trust's).
FILES = {Notice: "children-in-need.yaml", School: "schools/oakmoor.yaml", Organisation: "organisation.yaml"}
NOTICE_KEY = "oakmoor/children-in-need"
# docs/trusts.md: a school's contact (and way to complain) wins over the trust's, so the trust's shows only where a school has none;
# a notice's own contact wins over both. Read off the organisation's roles, as the cascade reads them.
SHADOWED_BY_THE_SCHOOL = {(Organisation, name) for name in CASCADED}
SHADOWED_BY_THE_NOTICE = {(model, name) for name in CASCADED if name in Notice.model_fields for model in (Organisation, School)}
# Values a type cannot tell: tried in this order, the first that the field accepts and that differs is used.
CANDIDATES = ["Changed by the walking test", "changed-id", "changed@example.org", "https://example.org/changed",
              "01234 567890", "1234567", "2031-01-02", "9(2)(a)", "Also changed by the walking test",
              "other@example.org", "https://example.org/other", "01234 567891", "7654321", "2032-03-04", "9(2)(g)", "13-19", "3-11",
              # A contact, for the facts that hold one (a joint controller's): tried only when nothing above fits.
              {"email": "changed@example.org"}, {"email": "other@example.org"}]


def _models_in(annotation: Any) -> list[type[FactModel]]:
    if isinstance(annotation, type) and issubclass(annotation, FactModel):
        return [annotation]
    return [model for arm in get_args(annotation) for model in _models_in(arm)]


def _literals(annotation: Any) -> list[Any]:
    if get_origin(annotation) is Literal:
        return [value for value in get_args(annotation) if value != "none"]
    return [value for arm in get_args(annotation) for value in _literals(arm)]


def _in_notice(model: type[FactModel], name: str) -> bool:
    """Whether a notice states the field (not the website's brand); a field with no role is caught below."""
    try:
        return role(model, name).in_notice
    except TypeError:
        return True


def _walked(in_notice_only: bool = False) -> list[type[FactModel]]:
    """Every fact model the three kinds of file hold, each once (a school's overrides are tested below)."""
    found: list[type[FactModel]] = []
    waiting = list(FILES)
    while waiting:
        model = waiting.pop(0)
        if model in found or model is NoticeOverride:
            continue
        found.append(model)
        waiting += [held for name, info in model.model_fields.items()
                    if _in_notice(model, name) or not in_notice_only for held in _models_in(info.annotation)]
    return found


FIELDS = [(model, name) for model in _walked(in_notice_only=True) for name in model.model_fields
          if _in_notice(model, name)]


def test_every_field_of_every_fact_model_declares_its_role() -> None:
    models = _walked() + [NoticeOverride]
    missing = []
    for model in models:
        for name in model.model_fields:
            try:
                role(model, name)
            except TypeError as problem:
                missing.append(str(problem))
    assert not missing, "\n".join(missing)
    for name, declared in roles(Notice).items():
        if _models_in(Notice.model_fields[name].annotation) and get_origin(Notice.model_fields[name].annotation) is not dict:
            assert declared.key or not isinstance(getattr(Notice.model_fields[name], "default_factory", None), type), name


def _sample(info, current: Any) -> Any:
    """A value ``info``'s field accepts that differs from ``current`` and from its default."""
    adapter = TypeAdapter(Annotated[(info.annotation, *info.metadata)])
    literals = _literals(info.annotation)
    for value in [True, False, *literals, *CANDIDATES, *([c] for c in [*literals, *CANDIDATES])]:
        try:
            accepted = adapter.validate_python(value)
        except ValidationError:
            continue
        if accepted not in (current, info.default) and value != current:
            return value
    raise AssertionError(f"no sample value for a field of type {info.annotation}: add one to CANDIDATES")


def _minimal(model: type[FactModel], everything: bool = False) -> dict:
    """A new, valid item of ``model``: its required fields (every field, if those alone are not valid)."""
    data = {name: _sample(info, None) for name, info in model.model_fields.items()
            if info.is_required() or (everything and not _models_in(info.annotation))}  # `fill` makes the models
    try:
        model.model_validate(data)
    except ValidationError:
        assert not everything, f"no valid {model.__name__} from sample values"
        return _minimal(model, everything=True)
    return data


def _different(model: type[FactModel], current: dict) -> dict:
    """Another valid ``model``: every field changed from ``current``."""
    return {name: _sample(info, current.get(name)) for name, info in model.model_fields.items()
            if info.is_required() or not _models_in(info.annotation)}  # whom an item is for stays as it was


def _prepared(folder: Path) -> dict[type, dict]:
    """The example's facts, with one of every kind of object present and no cross-references to break."""
    data = {model: yaml.safe_load((folder / file).read_text("utf-8")) for model, file in FILES.items()}
    for basis in data[Notice]["lawful_bases"]:
        basis.pop("purposes", None)
        basis.pop("categories", None)
    data[Organisation]["recipients"]["changed-id"] = {"name": "A recipient the walk may name"}

    def fill(model: type[FactModel], values: dict) -> None:
        for name, info in model.model_fields.items():
            held = _models_in(info.annotation)
            if not held or held[0] is NoticeOverride:
                continue
            if get_origin(info.annotation) is dict:
                for entry in values.get(name, {}).values():
                    fill(held[0], entry)
                continue
            if values.get(name) in (None, "none", []):
                item = _minimal(held[0], everything=True)
                values[name] = [item] if _is_list(info.annotation) else item
            for entry in values[name] if isinstance(values[name], list) else [values[name]]:
                fill(held[0], entry)

    for model, values in data.items():
        fill(model, values)
    return data


def _is_list(annotation: Any) -> bool:
    return get_origin(annotation) is list or any(get_origin(arm) is list for arm in get_args(annotation))


def _instance(data: dict[type, dict], wanted: type[FactModel], field: str) -> tuple[dict, Role | None]:
    """The first object of kind ``wanted`` in the facts (for a lawful basis's categories and Schedule 1
    condition, an Article 9 one), and the role of the list that holds it, if any."""
    def search(model: type[FactModel], values: dict, owner: Role | None):
        if model is wanted:
            return values, owner
        for name, info in model.model_fields.items():
            held = _models_in(info.annotation)
            if not held or held[0] is NoticeOverride or name not in values:
                continue
            value = values[name]
            entries = value.values() if isinstance(value, dict) and get_origin(info.annotation) is dict else (
                value if isinstance(value, list) else [value])
            if wanted is LawfulBasis and field in ("categories", "schedule_1"):
                entries = [entry for entry in entries if not str(entry.get("article", "9")).startswith("6")]
            for entry in entries:
                found = search(held[0], entry, role(model, name))
                if found:
                    return found
        return None

    for model, values in data.items():
        found = search(model, values, None)
        if found:
            return found
    raise AssertionError(f"the example holds no {wanted.__name__}")


def _change(data: dict[type, dict], model: type[FactModel], name: str) -> str:
    """Change ``model.name`` in ``data``; the words the review must use for it."""
    values, owner = _instance(data, model, name)
    info, declared = model.model_fields[name], role(model, name)
    held = _models_in(info.annotation)
    if model is LawfulBasis and name in ("purposes", "categories"):
        values[name] = [data[Notice][name][0]["id"]]  # an id the notice has, covering less than all
    elif model is School and name == "notices":
        values[name] = {"children-in-need": {"replace": {"summary": "Changed by the walking test"}}}
    elif held and get_origin(info.annotation) is dict:
        first = next(iter(values[name]))
        values[name][first] = _different(held[0], values[name][first])
    elif held and _is_list(info.annotation):
        first = values[name][0]
        values[name].append(_minimal(held[0]) | {key: _sample(held[0].model_fields[key], first[key])
                                                 for key in declared.key})
    elif held:
        values[name] = _different(held[0], values[name])
    else:
        values[name] = _sample(info, values.get(name))
    if name in (owner.key if owner else ()):
        return owner.item  # a new key is a new item
    return declared.item or declared.noun.removeprefix("the ")


def _dumped(value: Any) -> Any:
    if isinstance(value, list):
        return [_dumped(item) for item in value]
    return value.model_dump() if isinstance(value, BaseModel) else value


def _write(folder: Path, data: dict[type, dict]) -> None:
    for model, file in FILES.items():
        (folder / file).write_text(yaml.safe_dump(data[model], allow_unicode=True, sort_keys=False), "utf-8")


def _document(folder: Path) -> dict:
    notice = next(n for n in resolve(load_facts(folder)) if n.key == NOTICE_KEY)
    return notice_document(notice).model_dump(mode="json")


@pytest.fixture
def base(tmp_path: Path) -> tuple[Path, dict]:
    folder = tmp_path / "base"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("schema"))
    data = _prepared(folder)
    _write(folder, data)
    return folder, data


@pytest.mark.slow
@pytest.mark.parametrize(("model", "name"), FIELDS, ids=[f"{m.__name__}.{n}" for m, n in FIELDS])
def test_a_change_to_any_field_shows_in_the_review_and_the_json(base, tmp_path: Path, model, name) -> None:
    folder, data = base
    if (model, name) in SHADOWED_BY_THE_SCHOOL | SHADOWED_BY_THE_NOTICE:
        if (model, name) in SHADOWED_BY_THE_SCHOOL:
            del data[School][name]
        if (model, name) in SHADOWED_BY_THE_NOTICE:
            del data[Notice][name]
        _write(folder, data)
    head = tmp_path / "head"
    shutil.copytree(folder, head)
    changed = copy.deepcopy(data)
    words = _change(changed, model, name)
    _write(head, changed)
    result = notices("diff", str(folder), str(head), "--today", "2026-11-29")
    assert result.exit_code == 0, result.output
    assert "No changes to the notices" not in result.output, f"the review misses a change to {model.__name__}.{name}"
    changes = result.output.split("Per school and notice:")[-1]
    assert words.casefold() in changes.casefold(), f"the review does not name '{words}':\n{changes}"
    assert _document(folder) != _document(head), f"the JSON notice misses a change to {model.__name__}.{name}"


@pytest.mark.slow
@pytest.mark.parametrize("model", [Organisation, School])
def test_a_change_to_the_websites_brand_changes_no_notice(base, tmp_path: Path, model) -> None:
    """The brand is the website's look: the review reports no change to any notice, the JSON notice is the same."""
    folder, data = base
    head = tmp_path / "head"
    shutil.copytree(folder, head)
    changed = copy.deepcopy(data)
    changed[model]["brand"] = {"name": "Changed by the walking test", "colours": {"header": "#13436d"}}
    _write(head, changed)
    result = notices("diff", str(folder), str(head), "--today", "2026-11-29")
    assert result.exit_code == 0 and "No changes to the notices" in result.output, result.output
    assert _document(folder) == _document(head)


NOTICE_FIELDS = list(roles(Notice).items())


@pytest.mark.slow
@pytest.mark.parametrize(("name", "declared"), NOTICE_FIELDS, ids=[name for name, _ in NOTICE_FIELDS])
def test_a_school_changes_a_notice_field_only_as_the_manual_says(base, tmp_path: Path, name, declared) -> None:
    """docs/trusts.md: `replace` takes the fields it lists whole, `add` appends (or replaces an item by
    its key), `remove` drops by key; any other way is refused naming the key."""
    folder, data = base
    trust = next(n for n in resolve(load_facts(folder)) if n.key == NOTICE_KEY).notice
    info = Notice.model_fields[name]
    held = _models_in(info.annotation)
    for how in ("replace", "add", "remove"):
        changed = copy.deepcopy(data)
        if how == "replace" and held:
            current = data[Notice][name]
            value = [_different(held[0], current[0])] if _is_list(info.annotation) else _different(held[0], current)
        elif how == "replace":
            value = _sample(info, data[Notice].get(name))
        elif how == "add":
            value = [_minimal(held[0]) | ({"id": "changed-id"} if "id" in declared.key else {})] if held else ["x"]
        else:
            items = getattr(trust, name)
            value = [declared.item_key(items[0])] if held and isinstance(items, list) else ["x"]
        changed[School].setdefault("notices", {})["children-in-need"] = {how: {name: value}}
        school = tmp_path / f"school-{how}"
        shutil.copytree(folder, school)
        _write(school, changed)
        if how not in declared.school:
            with pytest.raises(FactErrors) as refused:
                load_facts(school)
            assert f"{how}.{name}" in str(refused.value) or name in str(refused.value)
            continue
        ours = next(n for n in resolve(load_facts(school)) if n.key == NOTICE_KEY).notice
        inherited, mine = getattr(trust, name), getattr(ours, name)
        if how == "replace":
            assert _dumped(mine) == _dumped(TypeAdapter(info.annotation).validate_python(value)), name
        elif how == "add":  # kept in the notice's order: the change list newest first, others after the trust's
            added = held[0].model_validate(value[0])
            assert {declared.item_key(item) for item in mine} == {declared.item_key(item) for item in [*inherited, added]}
            assert added.model_dump() in _dumped(mine)
        else:
            assert [declared.item_key(item) for item in mine] == [declared.item_key(item) for item in inherited[1:]]


TRUST_WIDE = [name for name in Organisation.model_fields if name not in School.model_fields]


@pytest.mark.parametrize("name", TRUST_WIDE)
def test_a_school_cannot_change_what_stays_trust_wide(base, tmp_path: Path, name: str) -> None:
    """docs/trusts.md: a school may not change the controller, the DPO or the supervisory authority."""
    folder, data = base
    changed = copy.deepcopy(data)
    changed[School][name] = data[Organisation].get(name) or "Changed by the walking test"
    school = tmp_path / "school"
    shutil.copytree(folder, school)
    _write(school, changed)
    with pytest.raises(FactErrors) as refused:
        load_facts(school)
    assert any(error.key_path == name and error.code == "extra_forbidden" for error in refused.value.errors)


def test_what_a_school_states_of_its_own_is_the_organisations_field_with_its_role() -> None:
    """The school file's name, address, contact, ... are declared once, on the organisation's fields."""
    assert SHADOWED_BY_THE_SCHOOL == {(Organisation, "contact"), (Organisation, "complaints")}
    assert SHADOWED_BY_THE_NOTICE == {(Organisation, "contact"), (School, "contact")}
    for name, declared in roles(Organisation).items():
        if declared.for_school is not None:
            assert role(School, name) == declared and School.model_fields[name].description == declared.for_school.description


@pytest.mark.parametrize(("how", "sentence"), [("replace", "Keys that can be replaced:"),
                                                ("add", "Lists that take\nadditions:"),
                                                ("remove", "Lists that allow removal:")])
def test_the_manual_lists_what_a_school_may_change_as_the_roles_declare(how: str, sentence: str) -> None:
    text = (EXAMPLE.parent / "docs" / "trusts.md").read_text("utf-8")
    listed = text.split(sentence, 1)[1].split("([", 1)[0]
    assert re.findall(r"`(\w+)`", listed) == list(overridable(Notice, how))


def test_the_type_checkers_view_of_a_schools_facts_names_the_fields_the_built_model_has() -> None:
    """mypy cannot read the model built from the organisation's declarations, so models.py spells its fields out
    for it alone (under TYPE_CHECKING); a field added to one and not the other fails here, not in a school's build."""
    source = Path(models.__file__).read_text("utf-8")
    view = source[source.index("    class SchoolOwnFacts(FactModel):"):source.index("else:\n    SchoolOwnFacts = create_model(")]
    typed = set(re.findall(r"^        (\w+): ", view, re.MULTILINE))
    assert typed == set(stated_by_schools(Organisation))
