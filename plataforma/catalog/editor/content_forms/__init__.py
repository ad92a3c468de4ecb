"""Forms of the editors' back office.

`ContentEditor` turns the whole Carta content document (catalog.content.ServiceContent) into
plain HTML forms that work without JavaScript — a main form, formsets for requesters, steps and
legislation, and per step nested formsets for costs and channels — and back. Validation of the
content itself is done once, by catalog.services.validate_content; its errors (keyed by dotted
paths such as "steps.0.costs.1.value") are put back next to the field they concern.

Forms only convert input; every rule about the content lives in content.py / services.

One module per section of the form: fields (shared building blocks), basic (the main form),
steps (steps with their costs and channels), requesters_legislation, errors (mapping validation
errors back to fields) and editor (ContentEditor itself, and adding rows).
"""

from .basic import QUALITY_FIELDS, ContentForm
from .editor import ContentEditor, data_with_added_row
from .fields import LinesField
from .requesters_legislation import LegislationForm, LegislationFormSet, RequesterForm, RequesterFormSet
from .steps import ChannelForm, ChannelFormSet, CostForm, CostFormSet, StepForm, StepFormSet

__all__ = [
    "QUALITY_FIELDS",
    "ChannelForm",
    "ChannelFormSet",
    "ContentEditor",
    "ContentForm",
    "CostForm",
    "CostFormSet",
    "LegislationForm",
    "LegislationFormSet",
    "LinesField",
    "RequesterForm",
    "RequesterFormSet",
    "StepForm",
    "StepFormSet",
    "data_with_added_row",
]
