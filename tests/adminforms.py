"""The data an admin change form posts, as a browser would send it back unchanged: every
field's current value, inline formsets included, with textareas' lines ending in CRLF."""


def _value(bound):
    value = bound.value()
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return "on" if value else None
    return str(value)


def form_data(response, crlf=True):
    """{name: value} for the admin form in ``response`` (a GET of the change page)."""
    data = {}
    forms = [response.context["adminform"].form]
    inlines = response.context.get("inline_admin_formsets", [])
    for formset in inlines:
        management = formset.formset.management_form
        forms.append(management)
        forms += list(formset.formset.forms)
    for form in forms:
        for name in form.fields:
            value = _value(form[name])
            if value is None:
                continue
            if crlf and isinstance(value, str):
                value = value.replace("\n", "\r\n")
            data[form.add_prefix(name)] = value
    return data
