"""Fetch rows and their related rows in ONE query: "fetch flat, group in Python".

``prefetch_related`` costs one query per relation, so a page that shows a FAQ page with its
citations, steps, the steps' channels and the channels' documents makes five or six queries.
``fetch_flat`` asks for the same rows through LEFT OUTER JOINs in a single query (one row
per leaf, or one row for a parent without children), builds the model instances the way
Django itself does (``Model.from_db``), and leaves every relation in place as
``select_related`` (forward foreign keys) and ``prefetch_related`` (reverse foreign keys and
many-to-many) would have. Templates and model methods keep calling ``page.steps.all`` and
``article.paragraphs.all`` and make no further query.

Rows multiply along each to-many path; two sibling to-many paths multiply each other, so keep
them to relations where that does not happen (a step has a channel or a method, never both)
or to small ones. Only the default ordering of related models is applied (relations in
``Meta.ordering`` are skipped: the rows are grouped under their parent anyway).

    law = fetch_flat(Law.objects.filter(slug=slug), "chapters__articles__paragraphs__items")
"""

from django.db.models import ForeignObjectRel
from django.db.models.constants import LOOKUP_SEP


class _Node:
    """One model in the join tree: the root queryset's model or a relation below it."""

    def __init__(self, model, prefix="", field=None):
        self.model = model
        self.prefix = prefix
        self.field = field
        self.children = {}
        self.names = [f.attname for f in model._meta.concrete_fields]
        self.pk_column = prefix + model._meta.pk.attname
        self.instances = {}  # pk → instance, so a row seen twice is one object
        self.groups = {}  # for to-many nodes: parent pk → {child pk: child}
        self.parents = {}  # for to-many nodes: parent pk → parent

    @property
    def to_many(self):
        return self.field is not None and (self.field.one_to_many or self.field.many_to_many)

    @property
    def reverse_fk(self):
        return self.field is not None and self.field.one_to_many

    def child(self, name):
        if name not in self.children:
            field = self.model._meta.get_field(name)
            if not field.is_relation:
                raise ValueError(f"{self.model.__name__}.{name} is not a relation")
            # Reverse relations are looked up by their query name, forward ones by name.
            lookup = field.name
            self.children[name] = _Node(
                field.related_model, f"{self.prefix}{lookup}{LOOKUP_SEP}", field
            )
        return self.children[name]

    def walk(self):
        yield self
        for child in self.children.values():
            yield from child.walk()

    def columns(self):
        return [self.prefix + name for name in self.names]

    def ordering(self):
        for item in self.model._meta.ordering:
            if not isinstance(item, str):
                continue
            name = item.lstrip("-")
            if self.model._meta.get_field(name).is_relation:
                continue
            yield ("-" if item.startswith("-") else "") + self.prefix + name

    def build(self, row, db):
        pk = row[self.pk_column]
        if pk is None:  # the LEFT JOIN found nothing here
            return None, False
        if pk in self.instances:
            return self.instances[pk], False
        instance = self.model.from_db(db, self.names, [row[c] for c in self.columns()])
        self.instances[pk] = instance
        return instance, True


def attach(instance, accessor, objects):
    """Make ``instance.<accessor>.all()`` give ``objects`` without a query, exactly as
    ``prefetch_related`` leaves a reverse foreign key or a many-to-many relation."""
    manager = getattr(instance, accessor)
    queryset = manager.get_queryset()  # lazy: builds the query, runs nothing
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    cache_name = getattr(manager, "prefetch_cache_name", None) or (
        manager.field.remote_field.cache_name
    )
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = queryset


def _place(node, instance, row, db):
    for child in node.children.values():
        obj, _new = child.build(row, db)
        if child.to_many:
            child.parents.setdefault(instance.pk, instance)
            group = child.groups.setdefault(instance.pk, {})
            if obj is not None and obj.pk not in group:
                group[obj.pk] = obj
                if child.reverse_fk:
                    # As prefetch_related does: the child knows its parent without a query.
                    setattr(obj, child.field.field.name, instance)
        elif not child.field.is_cached(instance):
            setattr(instance, child.field.name, obj)
        if obj is not None:
            _place(child, obj, row, db)


def fetch_flat(queryset, *paths):
    """The rows of ``queryset``, each with the relations named in ``paths`` loaded, in one
    query. Annotations on ``queryset`` become attributes of its instances."""
    root = _Node(queryset.model)
    for path in paths:
        node = root
        for name in path.split(LOOKUP_SEP):
            node = node.child(name)
    nodes = list(root.walk())
    annotations = list(queryset.query.annotation_select)
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    for node in nodes[1:]:
        if node.to_many:
            ordering.extend(node.ordering())
    columns = [column for node in nodes for column in node.columns()]
    rows = queryset.values(*columns, *annotations).order_by(*ordering)
    results = []
    for row in rows:
        obj, new = root.build(row, rows.db)
        if new:
            for name in annotations:
                setattr(obj, name, row[name])
            results.append(obj)
        _place(root, obj, row, rows.db)
    for node in nodes:
        if node.to_many:
            field = node.field
            reverse = isinstance(field, ForeignObjectRel)
            accessor = field.get_accessor_name() if reverse else field.name
            for parent_pk, parent in node.parents.items():
                attach(parent, accessor, node.groups[parent_pk].values())
    return results
