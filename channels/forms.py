"""The public forms: the finder's questions, search, and page feedback. All of them render
through django-crispy-forms with the site's own template pack (templates/guide/)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Layout, Submit
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from .models import Feedback, FinderRule


class Button(Submit):
    """A submit button in the site's own style (crispy's Submit carries Bootstrap classes)."""

    field_classes = "button"

    def __init__(self, label, css_id, name="", **kwargs):
        super().__init__(name, label, css_id=css_id, **kwargs)


FEEDBACK_MAX_LENGTH = 1000


class AccessibleForm(forms.Form):
    """Ties hints and errors to their inputs with aria-describedby, and marks invalid
    inputs, so a screen reader announces them with the field."""

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            ids = []
            if field.help_text:
                ids.append(f"{self.auto_id % name}_hint")
            if name in self.errors:
                ids.append(f"{self.auto_id % name}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self.auto_id % name}_hint"


class FinderForm(AccessibleForm):
    """One yes/no radio group per question of a finder, built from the content."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[question.slug] = forms.ChoiceField(
                label=question.text,
                help_text=question.hint,
                choices=FinderRule.Answer.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Answer this question with yes or no."),
                    "invalid_choice": _("Choose yes or no."),
                },
            )
            if question.hint:
                self.fields[question.slug].widget.attrs["aria-describedby"] = (
                    f"{self.auto_id % question.slug}_hint"
                )
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class SearchForm(AccessibleForm):
    q = forms.CharField(
        label=_("Search this guide and the law"),
        required=False,
        strip=True,
        # Longer queries are cut, not refused: see search.clean_query.
        widget=forms.TextInput(attrs={"type": "search", "enterkeyhint": "search"}),
    )

    def __init__(self, *args, compact=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "search-form compact" if compact else "search-form"
        self.helper.disable_csrf = True
        self.helper.attrs = {"role": "search"}
        self.helper.layout = Layout(
            Field("q"), Button(_("Search"), css_id=f"{'site-' if compact else ''}search-submit")
        )
        if compact:
            self.auto_id = "site-search-%s"
            self.helper.form_show_errors = False


class ChoiceButton(Button):
    """A submit button that sends name=value, with its own label (crispy's buttons use the
    label as the value)."""

    template = "%s/layout/choicebutton.html"

    def __init__(self, label, css_id, name, value, hidden_label=""):
        super().__init__(label, css_id, name=name)
        self.choice = value
        self.hidden_label = hidden_label


class UsefulForm(AccessibleForm):
    page = forms.CharField(widget=forms.HiddenInput, max_length=300)
    useful = forms.ChoiceField(choices=FinderRule.Answer.choices, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.form_class = "useful"
        self.helper.disable_csrf = True  # the endpoint checks Origin instead (guide_site.security)
        self.helper.form_show_errors = False
        self.helper.layout = Layout(
            "page",
            # Built inside the language the form is rendered in (see context_processors), so
            # gettext, not a {% translate %} in a template string that makemessages never sees.
            HTML(format_html('<h2 id="feedback-heading">{}</h2>', gettext("Is this page useful?"))),
            ChoiceButton(
                _("Yes"), "useful-yes", "useful", "yes", hidden_label=_("this page is useful")
            ),
            ChoiceButton(
                _("No"), "useful-no", "useful", "no", hidden_label=_("this page is not useful")
            ),
        )


def feedback_text(label, required_message):
    return forms.CharField(
        label=label,
        max_length=FEEDBACK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": required_message,
            "max_length": _("Use %(limit_value)s characters or fewer (you used %(show_value)s)."),
        },
    )


PRIVACY_WARNING = gettext_noop(
    "Do not include personal details such as your name, ID number, social security card "
    "number or phone number. We cannot reply to you here."
)


PRIVACY = object()  # where ReaderTextForm.set_layout puts the privacy warning


class ReaderTextForm(AccessibleForm):
    """A form where readers write to us: posted without a CSRF token (the endpoint checks
    Origin instead, guide_site.security), with the privacy warning, and a field people never
    see: bots that fill in every field fill this one too."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def set_layout(self, *fields, submit, submit_id):
        """The form's crispy layout: `fields` (the privacy warning among them as
        PRIVACY), then the hidden field and the button."""
        warning = HTML(format_html('<p class="warning">{}</p>', gettext(PRIVACY_WARNING)))
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            *(warning if field is PRIVACY else field for field in fields),
            Field("website", wrapper_class="honeypot"),
            Button(submit, css_id=submit_id),
        )

    @property
    def is_spam(self):
        return bool(self.data.get("website"))


class ProblemForm(ReaderTextForm):
    page = forms.CharField(widget=forms.HiddenInput, max_length=300)
    doing = feedback_text(_("What were you doing?"), _("Tell us what you were doing."))
    wrong = feedback_text(_("What went wrong?"), _("Tell us what went wrong."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_layout(
            "page",
            PRIVACY,
            Field("doing"),
            Field("wrong"),
            submit=_("Send report"),
            submit_id="problem-submit",
        )


COMMENT_MAX_LENGTH = 500


class ReasonForm(ReaderTextForm):
    """The step after "No" to "Is this page useful?": why not, and a few words if the
    reader wants. ``ref`` names the "No" it belongs to (signed; see views.feedback_reason)."""

    page = forms.CharField(widget=forms.HiddenInput, max_length=300)
    ref = forms.CharField(widget=forms.HiddenInput, max_length=200)
    reason = forms.ChoiceField(
        label=_("Why was this page not useful?"),
        choices=Feedback.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the reason that fits best."),
            "invalid_choice": _("Choose one of the reasons listed."),
        },
    )
    comment = forms.CharField(
        label=_("Anything else you want to tell us (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Use %(limit_value)s characters or fewer (you used %(show_value)s)."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_layout(
            "page",
            "ref",
            Field("reason"),
            PRIVACY,
            Field("comment"),
            submit=_("Send"),
            submit_id="reason-submit",
        )
