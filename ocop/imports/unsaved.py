"""New model instances for the rows an import creates (tens of thousands of producers,
products and decisions), built the way Django itself rebuilds an instance from a pickle:
Model.__init__ sorts its arguments out field by field, which cost more than writing the
rows."""

import functools

from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init


def unsaved(model, **values):
    """What `model(**values)` makes, with `values` named by attname (`producer_id`, not
    `producer`): every field's default, then `values`. A model with init signals is built
    the ordinary way, so that their receivers still hear of it."""
    fixed, computed, heard = _defaults(model)
    if heard:
        return model(**values)
    instance = model.__new__(model)
    instance.__dict__.update(fixed)
    for name, default in computed:
        instance.__dict__[name] = default()
    instance.__dict__.update(values)
    instance._state = ModelState()
    return instance


@functools.cache
def _defaults(model) -> tuple[dict, list, bool]:
    """The model's fields' defaults: the fixed ones, and the callables that make the others
    (called for each instance, as Model.__init__ does); and whether init signals have
    receivers (connected when the apps are ready, before any import)."""
    heard = pre_init.has_listeners(model) or post_init.has_listeners(model)
    fixed, computed = {}, []
    for field in model._meta.concrete_fields:
        if field.has_default() and callable(field.default):
            computed.append((field.attname, field.get_default))
        else:
            fixed[field.attname] = field.get_default()
    return fixed, computed, heard
