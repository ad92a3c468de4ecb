"""Who writes and publishes a relatório de gestão (Lei 13.460 art. 14 II; ADR 0032). Deny by
default:

- the state's report (no agency): the Ouvidoria-Geral do Estado only (ouvidores of the agency of
  OMBUDSMAN_GENERAL_AGENCY, see ombudsman/access.py);
- an agency's report: that agency's ouvidores, and the Ouvidoria-Geral.

Nobody else — attendants, analysts, gestores, Carta editors, ouvidores of other agencies,
platform administrators without the role — even sees the editing pages.
"""

from __future__ import annotations

from ..access import is_general_ombudsman, ombudsman_agency_ids


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def can_edit_report(user, agency) -> bool:
    if not _active(user):
        return False
    if is_general_ombudsman(user):
        return True
    return agency is not None and agency.pk in ombudsman_agency_ids(user)


def can_edit_any_report(user) -> bool:
    return _active(user) and (is_general_ombudsman(user) or bool(ombudsman_agency_ids(user)))
