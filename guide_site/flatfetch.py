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
``Meta.ordering`` are skipped: the rows are grouped under their parent anyway). The query
for a given model, paths and ordering is built once per process; each call adds only which
root rows it wants, as ``pk IN (the queryset)``: the SQL of the wide query is compiled
once per process and database too, and only the small subquery for the root rows is
compiled per call.

    law = fetch_flat(Law.objects.filter(slug=slug), "chapters__articles__paragraphs__items")
"""

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import ForeignObjectRel, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import RawSQL
from django.db.models.fields.related_descriptors import ManyToManyDescriptor
from modeltranslation.fields import TranslationFieldDescriptor


def _loaded_fields(model):
    """The columns to read. modeltranslation keeps a column for the original field of each
    translated one (``question`` beside ``question_zh_hans`` and ``question_en``) that its
    descriptor never reads; leaving it out makes the flat query a quarter narrower."""
    return [
        f.attname
        for f in model._meta.concrete_fields
        if not isinstance(getattr(model, f.attname, None), TranslationFieldDescriptor)
    ]


class _Node:
    """One model in the join tree: the root queryset's model or a relation below it."""

    def __init__(self, model, prefix="", field=None):
        self.model = model
        self.prefix = prefix
        self.field = field
        self.children = {}
        self.names = _loaded_fields(model)
        self.columns = [prefix + name for name in self.names]
        self.pk_column = prefix + model._meta.pk.attname
        self.to_many = field is not None and (field.one_to_many or field.many_to_many)
        self.reverse_fk = field is not None and field.one_to_many
        if self.to_many:
            reverse = isinstance(field, ForeignObjectRel)
            self.accessor = field.get_accessor_name() if reverse else field.name

    def child(self, name):
        if name not in self.children:
            field = self.model._meta.get_field(name)
            if not field.is_relation:
                raise ValueError(f"{self.model.__name__}.{name} is not a relation")
            # Reverse relations are looked up by their query name, forward ones by name.
            self.children[name] = _Node(
                field.related_model, f"{self.prefix}{field.name}{LOOKUP_SEP}", field
            )
        return self.children[name]

    def walk(self):
        yield self
        for child in self.children.values():
            yield from child.walk()

    def ordering(self):
        for item in self.model._meta.ordering:
            if not isinstance(item, str):
                continue
            name = item.lstrip("-")
            if self.model._meta.get_field(name).is_relation:
                continue
            yield ("-" if item.startswith("-") else "") + self.prefix + name


class _Plan:
    """The join tree and the values() query for one model, paths and ordering. Building a
    query of a hundred columns costs more than running it, so it is built once per process
    and each call only adds which root rows it wants."""

    def __init__(self, model, paths, ordering):
        self.root = _Node(model)
        for path in paths:
            node = self.root
            for name in path.split(LOOKUP_SEP):
                node = node.child(name)
        self.nodes = list(self.root.walk())
        order = list(ordering)
        for node in self.nodes[1:]:
            if node.to_many:
                order.extend(node.ordering())
        columns = [column for node in self.nodes for column in node.columns]
        # A plain QuerySet: the columns are named in full, nothing for modeltranslation to
        # rewrite, and its per-query work is saved.
        self.queryset = QuerySet(model=model).values(*columns).order_by(*order)
        self._statements = {}

    def statement(self, db):
        """The wide query as SQL with a slot for the root rows' subquery, the names of its
        columns and the converters they need (dates from SQLite's text and the like),
        compiled once per database: compiling a hundred columns and their joins costs
        more than running the query."""
        if db not in self._statements:
            query = self.queryset.filter(pk__in=RawSQL(ROOT_ROWS, ())).query
            compiler = query.get_compiler(using=db)
            sql, params = compiler.as_sql()
            if params or sql.count(ROOT_ROWS) != 1:
                raise ValueError(f"fetch_flat cannot place the root rows in: {sql}")
            fields = [select[0] for select in compiler.select[: compiler.col_count]]
            names = [*query.extra_select, *query.values_select, *query.annotation_select]
            self._statements[db] = (sql, names, compiler, compiler.get_converters(fields))
        return self._statements[db]

    def rows(self, queryset, db):
        sql, names, compiler, converters = self.statement(db)
        try:
            root_sql, params = queryset.values("pk").query.get_compiler(using=db).as_sql()
        except EmptyResultSet:  # a filter no row can match, such as pk__in=[]
            return []
        with connections[db].cursor() as cursor:
            cursor.execute(sql.replace(ROOT_ROWS, root_sql), params)
            rows = cursor.fetchall()
        if converters:
            rows = compiler.apply_converters(rows, converters)
        return [dict(zip(names, row, strict=True)) for row in rows]


# Stands for the root rows' subquery in a plan's compiled SQL (inside "pk IN (…)").
ROOT_ROWS = "SELECT NULL /* fetch_flat: the root rows */"


_plans = {}


def _plan(queryset, paths):
    ordering = tuple(queryset.query.order_by) or tuple(queryset.model._meta.ordering)
    key = (queryset.model, paths, ordering)
    if key not in _plans:
        _plans[key] = _Plan(queryset.model, paths, ordering)
    return _plans[key]


class _Fetch:
    """The instances of one call, so a row seen twice is one object."""

    def __init__(self, plan, db):
        self.db = db
        self.instances = {id(node): {} for node in plan.nodes}
        self.groups = {id(node): {} for node in plan.nodes}  # parent pk → {child pk: child}
        self.parents = {id(node): {} for node in plan.nodes}

    def build(self, node, row):
        pk = row[node.pk_column]
        if pk is None:  # the LEFT JOIN found nothing here
            return None, False
        seen = self.instances[id(node)]
        if pk in seen:
            return seen[pk], False
        instance = node.model.from_db(self.db, node.names, [row[c] for c in node.columns])
        seen[pk] = instance
        return instance, True

    def place(self, node, instance, row):
        for child in node.children.values():
            obj, _new = self.build(child, row)
            if child.to_many:
                self.parents[id(child)].setdefault(instance.pk, instance)
                group = self.groups[id(child)].setdefault(instance.pk, {})
                if obj is not None and obj.pk not in group:
                    group[obj.pk] = obj
                    if child.reverse_fk:
                        # As prefetch_related does: the child knows its parent, no query.
                        setattr(obj, child.field.field.name, instance)
            elif not child.field.is_cached(instance):
                setattr(instance, child.field.name, obj)
            if obj is not None:
                self.place(child, obj, row)


class _Fetched(QuerySet):
    """The rows of a relation, fetched with their parent. Iterating, counting and testing
    them needs no query; narrowing them (``.filter()``…) would lose which parent they belong
    to, so it is refused rather than silently answered for every parent."""

    def _chain(self):
        raise TypeError(
            f"{self.model.__name__} rows were fetched with their parent; "
            "query the model itself for a different selection."
        )


def _relation(model, accessor):
    """The related model of a to-many accessor, and the name prefetch_related keeps it under."""
    descriptor = getattr(model, accessor)
    rel = descriptor.rel
    if isinstance(descriptor, ManyToManyDescriptor):
        if descriptor.reverse:
            return rel.related_model, rel.field.related_query_name()
        return rel.model, rel.field.name
    return rel.related_model, rel.cache_name


def attach(instance, accessor, objects):
    """Make ``instance.<accessor>.all()`` give ``objects`` without a query, exactly as
    ``prefetch_related`` leaves a reverse foreign key or a many-to-many relation."""
    model, cache_name = _relation(type(instance), accessor)
    fetched = _Fetched(model=model)
    fetched._result_cache = list(objects)
    fetched._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = fetched


def fetch_flat(queryset, *paths):
    """The rows of ``queryset``, each with the relations named in ``paths`` loaded, in one
    query."""
    if queryset.query.is_sliced or queryset.query.annotations:
        raise ValueError("fetch_flat takes a filtered queryset, without slices or annotations")
    plan = _plan(queryset, paths)
    fetch = _Fetch(plan, queryset.db)
    results = []
    for row in plan.rows(queryset, queryset.db):
        obj, new = fetch.build(plan.root, row)
        if new:
            results.append(obj)
        fetch.place(plan.root, obj, row)
    for node in plan.nodes:
        if node.to_many:
            groups = fetch.groups[id(node)]
            for parent_pk, parent in fetch.parents[id(node)].items():
                attach(parent, node.accessor, groups[parent_pk].values())
    return results
