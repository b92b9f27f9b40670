"""Content in ``fixtures/`` and content in the database: fixtures seed an empty database;
after that the database is the truth, and a release's fixtures never silently overwrite what
an editor saved.

Each record is compared three ways: what the fixture says now, what the database holds, and
what the fixture said when it was last loaded (the *base*, kept in ``FixtureRecord``):

======================================  ================================================
the record                              what ``loadcontent`` does
======================================  ================================================
not in the database, never loaded       adds it
same in the database and the fixture    nothing
fixture unchanged since the last load   nothing: the database keeps what editors changed
changed by the release only             takes the release's version (history: "updated
                                        from fixtures")
changed by the release and by editors   keeps the database's version and sets the
(or deleted by editors), or no base     release's aside for an editor to review, in the
                                        admin under "Shipped content changes"
======================================  ================================================

``loadcontent --overwrite --user NAME`` replaces every record that differs with the
fixture's version, after listing them and asking; the history names that user.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from modeltranslation.translator import NotRegistered, translator

from . import contentapps
from .history import record_loaded
from .models import FixtureRecord


class FixtureError(Exception):
    """A fixture that cannot be loaded; the message names the file, record and problem."""


def fixture_paths():
    directory = Path(settings.FIXTURE_DIRS[0])
    return [directory / f"{name}.json" for name in contentapps.fixtures()]


def fields_to_dump(model):
    """Every field except the id and the language-less twin of a translated field."""
    try:
        translated = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        translated = set()
    names = []
    for f in model._meta.get_fields():
        if f.auto_created or f.primary_key or f.name in translated:
            continue
        if f.concrete or f.many_to_many:
            names.append(f.name)
    return names


def _records(objects, model):
    return serializers.serialize(
        "python",
        objects,
        fields=fields_to_dump(model),
        use_natural_foreign_keys=True,
        use_natural_primary_keys=True,
    )


def serialize_fixture(labels):
    """A fixture file's text: natural keys, a stable order, readable JSON, and "" for an
    empty text (never null, whatever the database holds)."""
    records = []
    for label in labels:
        model = apps.get_model(label)
        texts = _text_fields(model)
        for record in _records(model._default_manager.order_by(*model._meta.ordering, "pk"), model):
            fields = record["fields"]
            fields.update({name: "" for name in texts if name in fields and fields[name] is None})
            records.append(record)
    return json.dumps(records, indent=2, ensure_ascii=False, default=str) + "\n"


def _text_fields(model):
    return {
        f.name for f in model._meta.fields if isinstance(f, (models.CharField, models.TextField))
    }


def _comparable(fields, model):
    """Fields as JSON gives them back, many-to-many lists sorted, line endings normalised and
    an empty text "" whether it was saved as "" or NULL, so that equal content compares
    equal however it was written."""
    data = json.loads(json.dumps(fields, ensure_ascii=False, default=str))
    for f in model._meta.many_to_many:
        if isinstance(data.get(f.name), list):
            data[f.name] = sorted(data[f.name], key=json.dumps)
    texts = _text_fields(model)
    for name, value in data.items():
        if isinstance(value, str):
            data[name] = value.replace("\r\n", "\n")
        elif value is None and name in texts:
            data[name] = ""
    return data


def current_fields(obj):
    return _comparable(_records([obj], type(obj))[0]["fields"], type(obj))


def _same_fields(base, model):
    """A base recorded before a migration added or removed fields, with the fields the
    model has now: an added one at its default (what the migration gave every record), a
    removed one left out. Without this every record a release changes after such a
    migration would look edited by someone and wait for review."""
    if base is None:
        return None
    names = fields_to_dump(model)
    missing = [name for name in names if name not in base]
    if not missing and len(base) == len(names):
        return base
    blank = model()
    upgraded = {name: value for name, value in base.items() if name in names}
    for name in missing:
        f = model._meta.get_field(name)
        upgraded[name] = [] if f.many_to_many else f.value_from_object(blank)
    return _comparable(upgraded, model)


def describe(record):
    """A short, human way to name a fixture record: its slug, or its identifying fields."""
    fields = record.get("fields", {})
    if "slug" in fields:
        return f"slug {fields['slug']!r}"
    keys = [
        k
        for k in ("law", "article", "paragraph", "page", "question", "chapter", "number", "order")
        if k in fields
    ]
    return ", ".join(f"{k}={json.dumps(fields[k], ensure_ascii=False)}" for k in keys) or "?"


@dataclass
class Change:
    """One record of the fixtures and what happens to it."""

    action: str  # "add", "update", "same", "kept", "review", "overwrite"
    label: str
    key: str
    wrapped: object = None  # the deserialized object, to save
    fixture: dict = None
    current: dict = None  # None: not in the database
    base: dict = None
    known: object = None  # its FixtureRecord, if it has one

    @property
    def changed_fields(self):
        if self.current is None:
            return ["(deleted in the database)"]
        names = set(self.fixture) | set(self.current)
        return sorted(n for n in names if self.fixture.get(n) != self.current.get(n))

    def __str__(self):
        return f"{self.label} {self.key}: {', '.join(self.changed_fields)}"


@dataclass
class Plan:
    changes: list = field(default_factory=list)

    def of(self, *actions):
        return [change for change in self.changes if change.action in actions]

    def summary(self):
        counts = {action: len(self.of(action)) for action in ("add", "update", "kept", "review")}
        return (
            f"{counts['add']} added, {counts['update']} updated from the fixtures, "
            f"{counts['kept']} kept as editors changed them, {counts['review']} to review"
        )


def _read(path):
    try:
        records = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise FixtureError(f"{path}: cannot read it as JSON: {error}") from error
    if not isinstance(records, list):
        raise FixtureError(f"{path}: a fixture is a JSON list of records.")
    return records


def plan(paths=None, overwrite=False):
    """What loading ``paths`` does, record by record. Each record it adds or changes is
    checked as the admin would and saved at once (later records may point at it): call it
    inside a transaction (``load`` does). Raises FixtureError on the first broken record."""
    result = Plan()
    bases = {(r.model, r.key): r for r in FixtureRecord.objects.all()}
    for path in paths or fixture_paths():
        for index, record in enumerate(_read(path), start=1):
            label = str(record.get("model", "?")).lower()
            where = f"{Path(path).name}, record {index} ({label}, {describe(record)})"
            try:
                model = apps.get_model(label)
                fields = record.get("fields", {})
                key = tuple(model.natural_key_from_fields(fields))
                try:
                    existing = model._default_manager.get_by_natural_key(*key)
                except ObjectDoesNotExist:  # it, or what it belongs to, is not there
                    existing = None
                current = current_fields(existing) if existing is not None else None
                fixture = _comparable(fields, model)
                key = json.dumps(key, ensure_ascii=False)
                known = bases.get((label, key))
                base = _same_fields(known.base, model) if known else None
                change = Change("same", label, key, None, fixture, current, base, known)
                if current == fixture:
                    change.action = "same"
                elif overwrite:
                    change.action = "overwrite"
                elif current is None and base is None:
                    change.action = "add"
                elif base is not None and fixture == base:
                    change.action = "kept"  # the release did not change it; editors did
                elif base is not None and current == base:
                    change.action = "update"  # the release changed it; editors did not
                else:
                    change.action = "review"
                if change.action in ("add", "update", "overwrite"):
                    # Checked as the admin would, and saved now, so that later records can
                    # find it by its natural key. Records that stay as they are in the
                    # database are not touched, even when what they point at was deleted.
                    (wrapped,) = serializers.deserialize("python", [record])
                    wrapped.object.full_clean(validate_unique=False, validate_constraints=False)
                    change.wrapped = wrapped
                    _save(wrapped)
                result.changes.append(change)
            except ValidationError as error:
                problems = "; ".join(
                    f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
                )
                raise FixtureError(f"{where}: {problems}") from error
            except (DeserializationError, ObjectDoesNotExist, DatabaseError, LookupError) as e:
                raise FixtureError(f"{where}: {e}") from e
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                # A record of the wrong shape: a missing field, a key that is not a list…
                raise FixtureError(f"{where}: {error!r}") from error
    return result


def _save(wrapped):
    """Save a deserialized record without the edit history's own records: setting its
    many-to-many links would write one with no reason and no user. ``record_loaded`` writes
    the version, with both, once everything is saved."""
    wrapped.object.skip_history_when_saving = True
    try:
        wrapped.save()
    finally:
        del wrapped.object.skip_history_when_saving


def _remember(changes):
    """Record the fixtures' version as the base of each change, and what waits for review."""
    now = timezone.now()
    for change in changes:
        known = change.known
        if known and known.base == change.fixture and known.pending is None:
            continue  # nothing new to remember (most records, most of the time)
        if change.action == "review":
            FixtureRecord.objects.update_or_create(
                model=change.label,
                key=change.key,
                defaults={"pending": change.fixture, "pending_since": now},
            )
        else:
            FixtureRecord.objects.update_or_create(
                model=change.label,
                key=change.key,
                defaults={"base": change.fixture, "pending": None, "pending_since": None},
            )


def load(paths=None, overwrite=False, user=None, confirm=None):
    """Load the fixtures as the table in this module's docstring says, in one transaction.
    ``confirm(plan)`` is asked before an overwrite; answering False changes nothing."""
    with transaction.atomic():
        result = plan(paths, overwrite=overwrite)
        if overwrite and result.of("overwrite") and confirm and not confirm(result):
            transaction.set_rollback(True)
            return None
        saved = {"add": [], "update": [], "overwrite": []}
        for change in result.of("add", "update", "overwrite"):
            saved[change.action].append(change.wrapped.object)
        record_loaded(saved["add"], reason="Added from fixtures (loadcontent)")
        record_loaded(saved["update"], reason="Updated from fixtures (loadcontent)")
        record_loaded(
            saved["overwrite"],
            reason="Overwritten from fixtures (loadcontent --overwrite)",
            user=user,
        )
        _remember(result.changes)
    return result


def apply_pending(record, user):
    """An editor takes the shipped version waiting in ``record``: it replaces the database's,
    and the history names the editor."""
    data = {"model": record.model, "fields": record.pending}
    with transaction.atomic():
        (wrapped,) = serializers.deserialize("python", [data])
        _save(wrapped)
        record_loaded([wrapped.object], reason="Shipped version taken from fixtures", user=user)
        record.base, record.pending, record.pending_since = record.pending, None, None
        record.save()


def keep_current(record):
    """An editor keeps the database's version: the shipped one becomes the base, so the next
    load of the same fixtures leaves the record alone."""
    record.base, record.pending, record.pending_since = record.pending, None, None
    record.save()


def pending_current(record):
    """The database's version of a record waiting for review (None if it was deleted)."""
    model = apps.get_model(record.model)
    try:
        obj = model._default_manager.get_by_natural_key(*json.loads(record.key))
    except ObjectDoesNotExist:
        return None
    return current_fields(obj)
